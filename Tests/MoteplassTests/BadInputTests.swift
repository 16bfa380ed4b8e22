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
