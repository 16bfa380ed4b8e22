import Foundation
import FuzzChecks
import Publishing
import Testing

/// The inputs the fuzzers found interesting (`Tests/Fuzz/Corpus/<harness>/`, minimised with
/// `make fuzz-merge`) and those that found a fault (`Tests/Fuzz/Crashes/<harness>/`, named after
/// it), each run through the check its harness runs, without the fuzzer: what a fuzzer found
/// stays fixed.
@Suite struct FuzzCorpusTests {
    static let fuzz = Support.packageRoot.appendingPathComponent("Tests/Fuzz").path

    @Test(arguments: FuzzChecks.names) func everyInputTheFuzzerKeptPassesItsCheck(_ harness: String) throws {
        func inputs(_ folder: String) -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
        }
        let corpus = inputs("\(Self.fuzz)/Corpus/\(harness)")
        #expect(corpus.count >= 10, "the corpus of \(harness) is missing")
        let root = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(root) }
        let check = harness == "content" ? try ContentFuzz(root: root).check : FuzzChecks.check(named: harness)
        for path in corpus + inputs("\(Self.fuzz)/Crashes/\(harness)") {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            do {
                try check(bytes)
            } catch {
                Issue.record("\(path.dropFirst(Support.packageRoot.path.count + 1)): \(error)")
            }
        }
    }

    /// The site the content fuzzer edits one file of is valid as it is, so that what the fuzzer
    /// finds is about the edited file.
    @Test func theContentFuzzersSiteHasNoProblems() throws {
        let root = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(root) }
        _ = try ContentFuzz(root: root)
        let (site, report) = try Pipeline.check(content: root + "/0")
        #expect(site != nil)
        #expect(report.diagnostics.map(\.description) == [])
    }
}
