import Foundation
import FuzzChecks
import Testing

@testable import Content

/// `SimpleYAML` reads plain front matter without libyaml. Wherever it gives a tree, the tree must
/// be the one libyaml gives: values, null-ness, the position of every node and of every character
/// of every value.
@Suite struct SimpleYAMLTests {
    /// Front matter that `SimpleYAML` must read itself (not decline), covering what it handles.
    static let accepted: [String] = [
        "id: MO-T-01\ntitle: Tittel med æøå\nversion: 1.0.0",
        "title: \"Sitert: med kolon\"\nsource: 'enkle ''anførselstegn'' inni'\n",
        "tags: [psykisk-helse, overføring, æ b]\nempty: []\norganisers: [ Legeforeningen , PKO ]  # kommentar",
        "# kommentar først\n\nid: X   # etter verdien\n\n# mellom\nstatus: vedtatt\n",
        "responsible:\n  - party: fastlege\n    duty: >-\n      Første linje\n      andre linje.\n  - party: sykehus\n    duty: Kort.\n",
        "responsible:\n- party: fastlege\n  duty: Uten innrykk.\nowner: pko\n",
        "help: >\n  Avsnitt en\n  fortsetter.\n\n  Avsnitt to.\n\n\nnext: x",
        "text: |\n  Linje en\n  linje to\n\n  linje fire\nafter: |-\n  slutt\n",
        "aliases:\n  - fastlegen\n  - fastlege\n  - allmennlegen\nname: Fastlege",
        "owner:\n  id: pko\n  name: Praksiskonsulentordningen\nnull1: ~\nnull2: null\nyes: no\nnumber: 1.10",
        "- id: fastlege\n  name: Fastlege\n  aliases: [fastlegen]\n- id: sykehus\n  name: Sykehus\n",
        "questions:\n  - id: q1\n    text: Spørsmål?\n    help: >-\n      Hjelp # ikke en kommentar\n      her.\n  - id: q2\n    text: 'To'\n",
        "url: https://example.org/a#b\ntime: 08:30\nplain: a-b-c, d; e!",
        "nested:\n  -\n    id: a\n  - b\n",
    ]

    /// Front matter that `SimpleYAML` must leave to libyaml.
    static let declined: [String] = [
        "", "# bare kommentar", "id:\n", "id: \"escape \\\" inni\"", "tab:\tverdi", "multi: første\n  andre linje",
        "anchor: &a x\nalias: *a", "flow: {a: b}", "dup: 1\ndup: 2", "keep: |+\n  x\n", "indent: >2\n   x",
        "more: >\n  a\n    b\n", "crlf: x\r\n", "\"quoted key\": x", "  indented: root", "list: [a, [b]]",
        "bad: x: y", "---\nid: x", "seq:\n  - - a",
        // Found by the YAML fuzzer: characters libyaml refuses (C1 controls) or takes for line breaks.
        "c1: a\u{80}b", "nel: a\u{85}b\nnext: x", "ls: a\u{2028}b", "- a\u{2029}\n- b",
    ]

    @Test(arguments: accepted) func readsPlainFrontMatterAsLibYAMLDoes(_ yaml: String) throws {
        let source = TextPositions.Source(yaml, lineOffset: 3)
        let fast = try #require(try? SimpleYAML.parse(yaml, file: "f.md", lineOffset: 3, source: source))
        let slow = try #require(try YAMLNode.parseWithLibYAML(source, file: "f.md"))
        #expect(YAMLDump.dump(fast) == YAMLDump.dump(slow))
    }

    @Test(arguments: declined) func leavesEverythingElseToLibYAML(_ yaml: String) {
        let source = TextPositions.Source(yaml, lineOffset: 0)
        #expect((try? SimpleYAML.parse(yaml, file: "f.md", lineOffset: 0, source: source)) == nil)
    }

    /// Every front matter of the real content and of the fixtures.
    @Test func agreesWithLibYAMLOnEveryContentFile() throws {
        var compared = 0
        for root in [Support.realContent, Support.fixtures.path] {
            let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
            for relative in files where relative.hasSuffix(".md") || relative.hasSuffix(".yml") {
                guard let data = FileManager.default.contents(atPath: root + "/" + relative),
                    let text = String(data: data, encoding: .utf8)
                else { continue }
                let yaml: String
                if relative.hasSuffix(".yml") {
                    yaml = text
                } else if let split = SourceFile.splitFrontMatter(text) {
                    yaml = split.0
                } else {
                    continue
                }
                if try compare(yaml) { compared += 1 }
            }
        }
        // Nearly all of it is plain: the fast path must really be taken.
        #expect(compared > 40)
    }

    /// Small random edits of the accepted examples: whenever `SimpleYAML` still answers, libyaml
    /// must give the same tree (and no error).
    @Test func agreesWithLibYAMLOnEditedFrontMatter() throws {
        var generator = SeededGenerator(seed: 20_261_123)
        let pieces = [" ", "  ", "\n", "- ", ":", ": ", "#", " #", "\"", "'", ">", ">-", "|", "[", "]", ",", "a", "æ", "~", "\n  "]
        var compared = 0
        for _ in 0..<6000 {
            var bytes = Array(Self.accepted.randomElement(using: &generator)!.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0...bytes.count, using: &generator)
                if Bool.random(using: &generator), at < bytes.count {
                    bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...3, using: &generator)))
                } else {
                    bytes.insert(contentsOf: pieces.randomElement(using: &generator)!.utf8, at: at)
                }
            }
            guard let yaml = String(validating: bytes, as: UTF8.self) else { continue }
            if try compare(yaml) { compared += 1 }
        }
        #expect(compared > 1000)
    }

    /// `true` when `SimpleYAML` answered (and agreed with libyaml: `YAMLFuzz`'s comparison).
    private func compare(_ yaml: String) throws -> Bool {
        do {
            return try YAMLFuzz.compare(yaml)
        } catch {
            Issue.record("\(error)")
            return true
        }
    }
}
