import Diagnostics
import Foundation
import Testing

/// The rule corpus: `Tests/Fixtures/rules/` holds one broken file per rule (named after it), and
/// `Tests/Golden/rules*.txt` the exact diagnostics `moteplass validate` prints for it — file,
/// line, column, rule and message. Regenerate with `make golden` after an intended change and
/// review the diff.
@Suite struct RuleCorpusTests {
    /// Rules the corpus cannot hold: file-too-large needs a 6 MB file (BadInputTests makes one);
    /// template rules are about `Templates/`, not content (TemplateTests); id-removed and
    /// checklist-version-unchanged need an earlier release in the output folder (ReleaseTests).
    static let notInCorpus: Set<String> = [
        "file-too-large", "template-syntax", "template-missing", "id-removed", "checklist-version-unchanged",
    ]

    static let corpora = ["rules", "rules-links", "rules-site"]

    /// Runs `validate` from `Tests/Fixtures` (so paths read `rules/…`) and compares with the golden file.
    static func validate(_ corpus: String) throws -> String {
        let result = try Support.run(["validate", "--content", corpus], in: Support.fixtures.path)
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty)
        let golden = Support.golden.appendingPathComponent("\(corpus).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(result.stdout.utf8).write(to: golden)
        }
        #expect(result.stdout == (try Support.read(golden.path)), "validate --content \(corpus) differs from Tests/Golden/\(corpus).txt")
        return result.stdout
    }

    @Test(arguments: corpora) func theDiagnosticsMatchTheGoldenFile(corpus: String) throws {
        _ = try Self.validate(corpus)
    }

    @Test func everyRuleFiresSomewhereInTheCorpus() throws {
        let output = try Self.corpora.map(Self.validate).joined()
        for rule in Rule.catalogue where !Self.notInCorpus.contains(rule.id) {
            #expect(output.contains("\(rule.severity.rawValue)[\(rule.id)]"), "no file in the corpus triggers \(rule.id)")
        }
    }

    /// A file named after a rule triggers that rule, and only that rule.
    @Test func eachFileBreaksTheRuleItIsNamedAfter() throws {
        let output = try ["rules", "rules-links"].map(Self.validate).joined()
        var rulesByFile: [String: Set<String>] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("rules") {
            guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]") else { continue }
            let file = line.split(separator: ":").first.map(String.init) ?? ""
            rulesByFile[file, default: []].insert(String(line[line.index(after: open)..<close]))
        }
        let ids = Set(Rule.catalogue.map(\.id))
        var checked = 0
        for (file, rules) in rulesByFile {
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            guard
                let rule = ids.filter({ name == $0 || name.hasPrefix($0 + "-") || name.hasSuffix("-" + $0) }).max(by: {
                    $0.count < $1.count
                })
            else { continue }
            #expect(rules == [rule], "\(file) should break \(rule) only, but gives \(rules.sorted())")
            checked += 1
        }
        #expect(checked >= 30)
    }

    @Test func theJSONFormatHasTheSpecifiedShape() throws {
        let result = try Support.run(["validate", "--content", "rules", "--format", "json"], in: Support.fixtures.path)
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
        #expect(Set(object?.keys.map { $0 } ?? []) == ["diagnostics", "errors", "warnings"])
        #expect(diagnostics.count == result.stdout.components(separatedBy: "\"rule\":").count - 1)
        for diagnostic in diagnostics {
            #expect(Set(diagnostic.keys) == ["file", "line", "column", "severity", "rule", "message"])
            #expect((diagnostic["line"] as? Int ?? 0) >= 1)
            #expect((diagnostic["column"] as? Int ?? 0) >= 1)
        }
        #expect(object?["errors"] as? Int == diagnostics.filter { $0["severity"] as? String == "error" }.count)
        #expect(object?["warnings"] as? Int == diagnostics.filter { $0["severity"] as? String == "warning" }.count)
        #expect(result.stdout.hasPrefix("{\"diagnostics\":[{\"file\":\"rules/"))
    }

    @Test func theGitHubFormatAnnotatesEveryDiagnostic() throws {
        let text = try Self.validate("rules")
        let result = try Support.run(["validate", "--content", "rules", "--format", "github"], in: Support.fixtures.path)
        let annotations = result.stdout.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(annotations.count == text.split(separator: "\n").filter { $0.hasPrefix("rules/") }.count)
        #expect(
            annotations.contains(
                "::error file=rules/recommendations/regler/responsible-empty.md,line=8,col=1,title=responsible-empty::`responsible` er en tom liste; legg til minst én part med oppgave (`- party: …` og `duty: …`)"
            ))
        #expect(
            annotations.contains { $0.hasPrefix("::warning file=rules/recommendations/regler/html-raw.md,line=14,col=1,title=html-raw::") })
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let content = try Support.contentFolder(
            Support.minimalSite.merging(["pages/om.md": "---\ntitle: Om\ntitel: Om\n---\n"]) { _, new in new })
        defer { Support.removeTemporaryFolder(content) }
        #expect(try Support.run(["validate", "--content", content]).status == 0)
        let strict = try Support.run(["validate", "--content", content, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("warning[key-unknown]"))
    }
}
