import Content
import Diagnostics
import Foundation
import Testing

/// The README is part of the contract: its first lines and its rule table must stay true.
@Suite struct ReadmeTests {
    let readme: String

    init() throws {
        readme = try String(contentsOfFile: Support.packageRoot.appendingPathComponent("README.md").path, encoding: .utf8)
    }

    @Test func theFirstLinesGiveTheTwoCommands() {
        let firstLines = readme.split(separator: "\n").prefix(6).joined(separator: "\n")
        #expect(firstLines.contains("make site"))
        #expect(firstLines.contains("make test"))
    }

    @Test func theRuleTableListsEveryRuleWithItsSeverity() {
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for rule in Rule.catalogue {
            let row = rows.first { $0.hasPrefix("| `\(rule.id)` |") }
            #expect(row != nil, "README mangler regelen \(rule.id)")
            #expect(row?.contains("| \(rule.severity.rawValue) |") == true, "README har feil alvorlighet for \(rule.id)")
        }
    }

    @Test func theRuleTableNamesNoRuleThatDoesNotExist() {
        let known = Set(Rule.catalogue.map(\.id))
        let section = readme.components(separatedBy: "### Rules").last?.components(separatedBy: "\n## ").first ?? ""
        let listed = section.split(separator: "\n").filter { $0.hasPrefix("| `") }.compactMap {
            $0.split(separator: "`").dropFirst().first.map(String.init)
        }
        #expect(!listed.isEmpty)
        #expect(listed.filter { !known.contains($0) } == [])
    }

    /// Each example message in the rule table is real: it appears in the golden diagnostics.
    @Test func theExampleMessagesAreRealOutput() throws {
        let golden = try ["rules", "rules-links", "rules-site"].map {
            try Support.read(Support.golden.appendingPathComponent("\($0).txt").path)
        }.joined()
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `") && $0.split(separator: " | ").count == 4 }
        #expect(rows.count >= Rule.catalogue.count)
        for row in rows {
            let cells = row.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            let rule = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            guard !RuleCorpusTests.notInCorpus.contains(rule) else { continue }
            let example = cells[3].replacingOccurrences(of: "\\|", with: "|")
            #expect(golden.contains("[\(rule)]: \(example)"), "the README's example for \(rule) is not in Tests/Golden")
        }
    }

    /// The workflow for content repositories is valid YAML that validates pull requests with the
    /// downloaded release archive, checked against its SHA-256 file.
    @Test func theContentWorkflowIsValidYAML() throws {
        let block = try #require(readme.components(separatedBy: "```yaml\nname: Valider innhold").dropFirst().first)
        let yaml = "name: Valider innhold" + (block.components(separatedBy: "```").first ?? "")
        let node = try #require(try YAMLNode.parse(yaml, file: "valider.yml", lineOffset: 0))
        let keys = node.entries?.map(\.key.value) ?? []
        #expect(keys == ["name", "on", "env", "jobs"])
        let environment = node.entries?.first { $0.key.value == "env" }?.value.entries?.map(\.key.value)
        #expect(environment == ["MOTEPLASS_VERSION", "MOTEPLASS_DOWNLOAD"])
        #expect(yaml.contains(#"curl -fsSLO "$MOTEPLASS_DOWNLOAD/$name.tar.gz" -O "$MOTEPLASS_DOWNLOAD/$name.tar.gz.sha256""#))
        #expect(yaml.contains(#"sha256sum -c "$name.tar.gz.sha256""#))
        #expect(!yaml.contains("swift build"))
        #expect(node.entries?.first { $0.key.value == "on" }?.value.entries?.map(\.key.value).contains("pull_request") == true)
        #expect(yaml.contains("moteplass validate --content Content --format github"))
    }

    /// The publishing workflow («Publisere») is valid YAML that may push, checks the archive it
    /// downloads and runs the publish command as the README documents it.
    @Test func thePublishingWorkflowIsValidYAML() throws {
        let block = try #require(readme.components(separatedBy: "```yaml\nname: Publiser").dropFirst().first)
        let yaml = "name: Publiser" + (block.components(separatedBy: "```").first ?? "")
        let node = try #require(try YAMLNode.parse(yaml, file: "publiser.yml", lineOffset: 0))
        #expect(node.entries?.map(\.key.value) == ["name", "on", "permissions", "concurrency", "env", "jobs"])
        let permissions = node.entries?.first { $0.key.value == "permissions" }?.value.entries
        #expect(permissions?.map { "\($0.key.value): \($0.value.scalar ?? "")" } == ["contents: write"])
        #expect(yaml.contains("sha256sum -c \"$archive.sha256\""))
        #expect(yaml.contains("run: moteplass publish --content Content --output public --branch gh-pages --remote origin"))
        #expect(!yaml.contains("--force"))
    }
}
