import Foundation
import Testing

/// Golden HTML: the clean fixture rendered with the project's templates, compared byte for byte.
/// After an intended change, regenerate with `make golden` and review the diff.
@Suite struct RenderingTests {
    static let goldenPages = [
        "index.html",
        "anbefalinger/utskrivning/timer/index.html",
        "anbefalinger/utskrivning/gammel/index.html",
        "anbefalinger/legevakt/henvisning/index.html",
        "utskrift/index.html",
        "ansvar/fastlege/index.html",
        "oppgaver/index.html",
        "overganger/index.html",
        "overganger/sykehus-fastlege/index.html",
        "moter/2020-09-10-hoestmote/index.html",
        "sjekkliste/skjema/index.html",
        "horinger/index.html",
        "404.html",
    ]

    @Test func pagesMatchTheirGoldenFiles() throws {
        let output = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(output) }
        try Support.build(content: Support.fixture("clean"), output: output)
        for page in Self.goldenPages {
            try compare(page, output: output)
        }
    }

    func compare(_ page: String, output: String) throws {
        let actual = try Support.read("\(output)/v/1.0/\(page)")
        let golden = Support.golden.appendingPathComponent("clean/\(page)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: golden)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "\(page) differs from Tests/Golden/clean/\(page); run `make golden` if the change is intended")
    }
}
