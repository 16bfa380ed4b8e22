import Foundation
import Testing

/// Hostile and broken files give positioned errors: never a crash, a hang or a stack overflow.
/// Each runs the real executable (with a time limit) on a content folder holding one bad file.
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let path: String
        let bytes: @Sendable () -> [UInt8]
        /// `file:line:col rule` lines expected in the output; empty when the file is fine.
        let expected: [String]
        var testDescription: String { name }
    }

    static func text(_ string: String) -> @Sendable () -> [UInt8] { { Array(string.utf8) } }

    static let cases: [Case] = [
        Case(
            name: "binary file", path: "pages/bilde.md",
            bytes: {
                [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D] + (0..<4096).map { UInt8(($0 * 7919) % 256) }
            },
            expected: ["pages/bilde.md:1:1 encoding-invalid"]),
        Case(
            name: "BOM and CRLF", path: "recommendations/s/r.md",
            bytes: {
                [0xEF, 0xBB, 0xBF]
                    + Array(
                        "---\r\nid: R\r\ntitle: T\r\nversion: 1.0\r\nstatus: vedtatt\r\nadopted: 2017\r\nowner: forum\r\nresponsible:\r\n  - party: fastlegen\r\n    duty: Gjør noe.\r\n---\r\nSe [x](id:NEI).\r\n"
                            .utf8)
            },
            expected: ["recommendations/s/r.md:9:12 party-unknown", "recommendations/s/r.md:12:4 link-broken"]),
        Case(name: "empty file", path: "pages/tom.md", bytes: text(""), expected: ["pages/tom.md:1:1 front-matter-missing"]),
        Case(
            name: "front matter never closed", path: "pages/apen.md", bytes: text("---\ntitle: Åpen\n\nTeksten begynner her.\n"),
            expected: ["pages/apen.md:1:1 front-matter-missing"]),
        Case(
            name: "a 6 MB file", path: "pages/stor.md",
            bytes: { Array("---\ntitle: Stor\n---\n".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 6 * 1_048_576) },
            expected: ["pages/stor.md:1:1 file-too-large"]),
        Case(
            name: "deeply nested flow YAML", path: "pages/dyp.md",
            bytes: {
                Array(("---\ntitle: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n---\n").utf8)
            },
            expected: ["pages/dyp.md:2:9 yaml-syntax"]),
        Case(
            name: "deeply nested block YAML", path: "pages/trapp.md",
            bytes: {
                Array(("---\ntitle: T\nx:\n" + (1...1200).map { String(repeating: " ", count: $0) + "a:\n" }.joined() + "---\n").utf8)
            },
            expected: ["pages/trapp.md:1002:1000 yaml-syntax"]),
        Case(
            name: "billion laughs", path: "pages/bombe.md",
            bytes: {
                var yaml = "---\ntitle: T\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                for (previous, name) in zip("abcdefghi", "bcdefghij") {
                    yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
                }
                return Array((yaml + "---\n").utf8)
            },
            expected: ["pages/bombe.md:3:4 yaml-alias"]),
        Case(
            name: "aliases as mapping keys", path: "pages/nokler.md",
            bytes: text("---\ntitle: T\nx: &x [a, b]\ny:\n  ? *x\n  : 1\n  ? *x\n  : 2\n---\n"),
            expected: ["pages/nokler.md:3:4 yaml-alias"]),
        Case(
            name: "a key written twice", path: "pages/dobbel.md", bytes: text("---\ntitle: T\ndescription: a\ntitle: U\n---\n"),
            expected: ["pages/dobbel.md:4:1 yaml-syntax"]),
        Case(
            name: "NUL in front matter", path: "pages/nul.md", bytes: text("---\ntitle: T\u{0}x\n---\n"),
            expected: ["pages/nul.md:2:9 encoding-invalid"]),
        // Characters no web page may hold (the Nu HTML Checker's "Forbidden code point"), pasted
        // into the text or written as YAML escapes: found by the property test's reasoning.
        Case(
            name: "a vertical tab in the body", path: "pages/vt.md", bytes: text("---\ntitle: T\n---\nLinje\u{0B}skift og mer\n"),
            expected: ["pages/vt.md:4:6 encoding-invalid"]),
        Case(
            name: "a C1 control and a noncharacter", path: "pages/c1.md",
            bytes: { Array("---\ntitle: T\n---\nA".utf8) + [0xEF, 0xB7, 0x90] + Array("\n\nB ".utf8) + [0xC2, 0x85, 0x0A] },
            expected: ["pages/c1.md:4:2 encoding-invalid"]),
        Case(
            name: "a control character as a YAML escape", path: "pages/escape.md",
            bytes: text("---\ntitle: \"Bjelle\\x07\"\ntags: [a, \"\\uFFFF\"]\n---\n"), expected: ["pages/escape.md:2:8 encoding-invalid"]),
        Case(
            name: "a form feed, which HTML allows but the feed's XML does not", path: "pages/ff.md",
            bytes: text("---\ntitle: T\n---\nSide 1\u{0C}side 2\n"), expected: ["pages/ff.md:4:7 encoding-invalid"]),
        Case(
            name: "tabs, emoji, no-break and zero-width spaces and U+FFFD are fine", path: "pages/fint.md",
            bytes: text("---\ntitle: \"T\\tU\"\n---\nA\tB\u{A0}C\u{200B}D 🩺 \u{FFFD} \u{FDF0} \u{1F600} e\u{301}\n"), expected: []),
        Case(
            name: "deeply nested Markdown", path: "pages/sitat.md",
            bytes: {
                Array(
                    ("---\ntitle: T\n---\n" + String(repeating: ">", count: 50_000) + " x\n\n" + String(repeating: "[", count: 50_000)
                        + String(repeating: "*a ", count: 50_000) + "\n").utf8)
            },
            expected: []),
        Case(
            name: "a site.yml that is a list", path: "site.yml", bytes: text("- title: T\n"),
            expected: ["site.yml:1:1 field-type"]),
    ]

    @Test(arguments: cases) func givesAPositionedErrorAndNeverCrashes(_ testCase: Case) throws {
        let root = try Support.contentFolder(Support.minimalSite)
        defer { Support.removeTemporaryFolder(root) }
        let url = URL(fileURLWithPath: root).appendingPathComponent(testCase.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(testCase.bytes()).write(to: url)
        let result = try Support.run(["validate", "--content", root], timeout: 30)
        let found = result.stdout.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix(root + "/"), let close = line.firstIndex(of: "]") else { return nil }
            let parts = line.dropFirst(root.count + 1).split(separator: ":", maxSplits: 3)
            guard parts.count == 4, let open = line.firstIndex(of: "[") else { return nil }
            return "\(parts[0]):\(parts[1]):\(parts[2]) \(line[line.index(after: open)..<close])"
        }
        #expect(found == testCase.expected)
        #expect(result.status == (testCase.expected.isEmpty ? 0 : 1))
        if testCase.expected.isEmpty {  // Content that validates must also render.
            let output = try Support.temporaryFolder()
            defer { Support.removeTemporaryFolder(output) }
            let build = try Support.run(
                ["build", "--content", root, "--output", output + "/public", "--templates", Support.templates], timeout: 30)
            #expect(build.status == 0)
        }
    }
}
