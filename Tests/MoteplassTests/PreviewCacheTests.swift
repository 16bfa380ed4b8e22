import Content
import Foundation
import Publishing
import Testing

/// What `moteplass serve` keeps between changes (decoded files, analysed bodies) never hides one.
@Suite struct PreviewCacheTests {
    @Test func aCachedCheckSeesEveryChangeAndOnlyTheChange() throws {
        let root = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(root) }
        let content = root + "/innhold"
        try FileManager.default.copyItem(atPath: Support.fixture("clean"), toPath: content)
        let cache = Pipeline.Cache()
        let path = content + "/recommendations/utskrivning/timer.md"
        let original = try Support.read(path)
        let first = try Pipeline.check(content: content, cache: cache)
        #expect(first.report.errorCount == 0)
        #expect(first.site?.recommendation(id: "T-U-01")?.title.value == "Time hos fastlegen etter utskrivning")

        // Same length, so only the modification time tells the change.
        try original.replacingOccurrences(of: "Time hos fastlegen", with: "Time hos fastlegeN").write(
            toFile: path, atomically: false, encoding: .utf8)
        #expect(
            try Pipeline.check(content: content, cache: cache).site?.recommendation(id: "T-U-01")?.title.value
                == "Time hos fastlegeN etter utskrivning")

        // A broken link in the body: the body is analysed again.
        try (original + "\nSe [denne](id:FINNES-IKKE).\n").write(toFile: path, atomically: true, encoding: .utf8)
        let broken = try Pipeline.check(content: content, cache: cache)
        #expect(broken.report.diagnostics.map(\.rule).sorted() == (["link-broken"] + first.report.diagnostics.map(\.rule)).sorted())
        // The same as without a cache.
        #expect(broken.report.diagnostics == (try Pipeline.check(content: content).report.diagnostics))

        try original.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try Pipeline.check(content: content, cache: cache).report.diagnostics == first.report.diagnostics)

        // A party renamed in parties.yml reaches every recommendation.
        let parties = content + "/parties.yml"
        try Support.read(parties).replacingOccurrences(of: "name: Fastlegen", with: "name: Fastlegen (ny)").write(
            toFile: parties, atomically: true, encoding: .utf8)
        #expect(try Pipeline.check(content: content, cache: cache).site?.partyName("fastlege") == "Fastlegen (ny)")
    }
}
