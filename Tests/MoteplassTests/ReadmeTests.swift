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
}
