import Foundation
import Testing

@testable import Rendering

/// The SHA-256 of `api/` (`SHA256`, written for this project): the standard's examples, and
/// agreement with `sha256sum` on random messages of every length around the block boundaries.
@Suite struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// The examples of FIPS 180-4 (NIST's "SHA256.pdf", "SHA2_Additional.pdf"): one block, two
    /// blocks, the 896-bit message (and, below, a million times "a"); and the empty message.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func givesTheStandardsAnswers(message: String, digest: String) {
        #expect(Self.hex(SHA256.hash(Array(message.utf8))) == digest)
        #expect(API.sha256(message) == digest)
    }

    @Test func givesTheStandardsAnswerForAMillionAs() {
        let digest = Self.hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)))
        #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Random bytes of every length from 0 to 300 (the padding's cases: 55, 56, 63, 64, 119 …
    /// bytes) and 20 longer messages, hashed here and by `sha256sum` in one run.
    @Test func agreesWithSha256sum() throws {
        var random = SeededGenerator(seed: 1804)
        let lengths = Array(0...300) + (0..<20).map { _ in 301 + Int(random.next() % 20_000) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sha256-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var expected: [String: String] = [:]
        for (index, length) in lengths.enumerated() {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let name = "m\(index)"
            try Data(bytes).write(to: folder.appendingPathComponent(name))
            expected[name] = Self.hex(SHA256.hash(bytes))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"] + expected.keys.sorted()
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var found: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            found[String(parts[1])] = String(parts[0])
        }
        #expect(found.count == lengths.count)
        for (name, digest) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(found[name] == digest, "\(name), \(lengths[Int(name.dropFirst())!]) bytes")
        }
    }
}
