import Content
import Diagnostics
import Foundation
import Publishing
import Testing

@testable import Rendering

/// Successive releases built into one output folder (SPEC §5): what earlier releases promise.
@Suite struct ReleaseTests {
    /// A copy of the clean fixture to edit, and an output folder, both removed afterwards.
    final class Workspace {
        let root: String
        let content: String
        let output: String
        var options = Pipeline.BuildOptions()

        init() throws {
            root = try Support.temporaryFolder()
            content = root + "/innhold"
            output = root + "/public"
            try FileManager.default.copyItem(atPath: Support.fixture("clean"), toPath: content)
            options.content = content
            options.templates = Support.templates
            options.output = output
        }

        deinit { Support.removeTemporaryFolder(root) }

        func edit(_ file: String, _ old: String, _ new: String) throws {
            let path = content + "/" + file
            let text = try Support.read(path)
            #expect(text.contains(old), "\(file) lacks \(old)")
            try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        }

        /// Sets the release name and date in `site.yml`.
        func release(_ name: String, _ date: String) throws {
            let path = content + "/site.yml"
            let lines = try Support.read(path).split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("release:")
                    ? "release: \"\(name)\"" : line.hasPrefix("release_date:") ? "release_date: \(date)" : String(line)
            }
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }

        func build() throws -> Pipeline.BuildResult { try Pipeline.build(options) }

        /// Every file under `folder` with its bytes.
        func snapshot(_ folder: String) throws -> [String: Data] {
            var files: [String: Data] = [:]
            for file in Support.files(in: output + "/" + folder) {
                files[file] = try Data(contentsOf: URL(fileURLWithPath: output + "/" + folder + "/" + file))
            }
            return files
        }
    }

    @Test func aNewReleaseLeavesTheOldOneAsItWas() throws {
        let work = try Workspace()
        #expect(try work.build().release == "1.0")
        let first = try work.snapshot("v/1.0")
        try work.release("1.1", "2020-06-01")
        try work.edit("recommendations/utskrivning/timer.md", "version: 1.1.0", "version: 1.2.0")
        #expect(try work.build().release == "1.1")
        #expect(try work.snapshot("v/1.0") == first)
        #expect(try work.snapshot("latest") == (try work.snapshot("v/1.1")))
        let versions = try Support.read(work.output + "/versions.json")
        #expect(versions.range(of: "\"1.1\"")!.lowerBound < versions.range(of: "\"1.0\"")!.lowerBound)
    }

    @Test func aRecommendationIDNeverVanishes() throws {
        let work = try Workspace()
        #expect(try work.build().release == "1.0")
        try FileManager.default.removeItem(atPath: work.content + "/recommendations/legevakt/henvisning.md")
        try work.release("1.1", "2020-06-01")
        let failed = try work.build()
        #expect(failed.release == nil)
        let errors = failed.report.diagnostics.filter { $0.rule == Rule.idRemoved.id }
        #expect(errors.map(\.location.description) == ["\(work.content)/recommendations/legevakt/henvisning.md:1:1"])
        #expect(
            errors.first?.message
                == "anbefalingen `T-L-02` (Henvisning fra legevakten) fra utgave 1.0 finnes ikke lenger; en id skal aldri forsvinne: behold filen med `status: trukket` og `withdrawn_reason:`, og nevn `T-L-02` i `supersedes:` i anbefalingen som eventuelt erstatter den"
        )
        #expect(!FileManager.default.fileExists(atPath: work.output + "/v/1.1"))
        // Kept, withdrawn, it is fine.
        try """
        ---
        id: T-L-02
        title: Henvisning fra legevakten
        version: 1.0.0
        status: trukket
        withdrawn_reason: Legevakten henviser nå etter de nye rutinene.
        owner: arbeidsforum
        ---
        Trukket.
        """.write(toFile: work.content + "/recommendations/legevakt/henvisning.md", atomically: true, encoding: .utf8)
        #expect(try work.build().release == "1.1")
    }

    /// The visible files of the output folder (not the hidden temporary ones) with their bytes.
    static func visible(_ output: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for file in Support.files(in: output) where !file.hasPrefix(".") {
            files[file] = try Data(contentsOf: URL(fileURLWithPath: output + "/" + file))
        }
        return files
    }

    @Test func aBrokenTemplateLeavesTheOutputFolderAsItWas() throws {
        let work = try Workspace()
        #expect(try work.build().release == "1.0")
        let before = try Self.visible(work.output)
        let templates = work.root + "/maler"
        try FileManager.default.copyItem(atPath: Support.templates, toPath: templates)
        try "{{#title}}uten slutt".write(toFile: templates + "/recommendation.mustache", atomically: true, encoding: .utf8)
        try work.release("1.1", "2020-06-01")
        work.options.templates = templates
        #expect(throws: Pipeline.UsageError.self) { try work.build() }
        #expect(try Self.visible(work.output) == before)
    }

    /// A fresh CI checkout beside a `versions.json` whose releases were not fetched: the build
    /// would publish a site that forgets them, so it stops before writing anything.
    @Test func releasesListedButMissingStopTheBuild() throws {
        let work = try Workspace()
        #expect(try work.build().release == "1.0")
        try work.release("1.1", "2020-06-01")
        #expect(try work.build().release == "1.1")
        try FileManager.default.removeItem(atPath: work.output + "/v/1.0")
        try FileManager.default.removeItem(atPath: work.output + "/latest")
        let before = try Self.visible(work.output)
        try work.release("1.2", "2020-07-01")
        #expect {
            try work.build()
        } throws: { error in
            let description = (error as? Pipeline.UsageError)?.description ?? ""
            return description.contains("\(work.output)/versions.json nevner utgaver som mangler i \(work.output): v/1.0/.")
                && !description.contains("v/1.1/")
        }
        #expect(try Self.visible(work.output) == before)
        #expect(!FileManager.default.fileExists(atPath: work.output + "/v/1.2"))

        // A folder with only a versions.json, and one whose versions.json is not ours.
        try FileManager.default.removeItem(atPath: work.output + "/v")
        #expect(throws: Pipeline.UsageError.self) { try work.build() }
        try "ikke json".write(toFile: work.output + "/versions.json", atomically: true, encoding: .utf8)
        #expect {
            try work.build()
        } throws: { error in
            (error as? Pipeline.UsageError)?.description.contains("kan ikke leses som en liste over utgaver") == true
        }
        #expect(Support.files(in: work.output) == ["index.html", "404.html", "versions.json"].sorted())
    }

    /// A file system that fails after a number of writes: a full disk, or a crash, mid-build.
    struct FailingFileSystem: FileSystem {
        let real = LocalFileSystem()
        var writes = Int.max
        /// Whether folders can be swapped in one step (`renameat2` with `RENAME_EXCHANGE`).
        var exchanges = true
        let counter = Counter()

        final class Counter: @unchecked Sendable {
            private let lock = NSLock()
            private var count = 0
            func next() -> Int {
                lock.withLock {
                    count += 1; return count
                }
            }
        }

        func fileExists(_ path: String) -> Bool { real.fileExists(path) }
        func isDirectory(_ path: String) -> Bool { real.isDirectory(path) }
        func contentsOfDirectory(_ path: String) throws -> [String] { try real.contentsOfDirectory(path) }
        func createDirectory(_ path: String) throws { try real.createDirectory(path) }
        func read(_ path: String) throws -> Data { try real.read(path) }
        func write(_ data: Data, to path: String) throws {
            guard counter.next() <= writes else { throw CocoaError(.fileWriteOutOfSpace) }
            try real.write(data, to: path)
        }
        func move(_ source: String, to destination: String) throws { try real.move(source, to: destination) }
        func copyFile(_ source: String, to destination: String) throws { try real.copyFile(source, to: destination) }
        func link(_ source: String, to destination: String) throws { try real.link(source, to: destination) }
        func exchange(_ first: String, _ second: String) throws {
            guard exchanges else { throw CocoaError(.featureUnsupported) }
            try real.exchange(first, second)
        }
        func remove(_ path: String) throws { try real.remove(path) }
    }

    @Test func aWriteFailingMidBuildLeavesTheOutputFolderAsItWas() throws {
        let work = try Workspace()
        #expect(try work.build().release == "1.0")
        let before = try Self.visible(work.output)
        let files = [
            OutputFile(path: "index.html", text: "ny"), OutputFile(path: "a/b.html", text: "b"), OutputFile(path: "c.html", text: "c"),
        ]
        for writes in 0..<3 {
            let publisher = Publisher(output: work.output, fileSystem: FailingFileSystem(writes: writes))
            #expect(throws: Publisher.PublishError.self) {
                try publisher.publish(release: "1.1", date: "2020-06-01", rootIndex: "til latest") { write in files.forEach(write) }
            }
            #expect(try Self.visible(work.output) == before, "after \(writes) writes")
        }
        // The next build removes what the failed ones left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.output).contains { $0.hasPrefix(".moteplass-") })
        try work.release("1.1", "2020-06-01")
        #expect(try work.build().release == "1.1")
        #expect(try !FileManager.default.contentsOfDirectory(atPath: work.output).contains { $0.hasPrefix(".") })
    }

    /// Where folders cannot be swapped in one step, the old ones are renamed aside and removed.
    @Test func withoutAnAtomicSwapTheOldFoldersAreRenamedAside() throws {
        let work = try Workspace()
        #expect(try work.build().release == "1.0")
        let files = [
            OutputFile(path: "index.html", text: "ny"), OutputFile(path: "404.html", text: "borte"),
            OutputFile(path: "a/b.html", text: "b"),
        ]
        let publisher = Publisher(output: work.output, fileSystem: FailingFileSystem(exchanges: false))
        try publisher.publish(release: "1.0", date: "2020-01-01", rootIndex: "til latest") { write in files.forEach(write) }
        let expected = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
        #expect(try work.snapshot("v/1.0") == expected)
        #expect(try work.snapshot("latest") == expected)
        #expect(try Support.read(work.output + "/index.html") == "til latest")
        #expect(try Support.read(work.output + "/404.html") == "borte")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: work.output).sorted() == [
                "404.html", "index.html", "latest", "v", "versions.json",
            ])
    }

    /// Three releases: what changed, each recommendation's history and its word-level diff.
    @Test func threeReleasesTellWhatChanged() throws {
        let work = try Workspace()
        #expect(try work.build().release == "1.0")
        let firstChanges = try Support.read(work.output + "/v/1.0/endringer/index.html")
        #expect(firstChanges.contains("Dette er den første utgaven."))

        try work.release("1.1", "2020-06-01")
        try work.edit("recommendations/utskrivning/timer.md", "version: 1.1.0", "version: 1.2.0")
        try work.edit(
            "recommendations/utskrivning/timer.md", "changelog:\n",
            "changelog:\n  - version: 1.2.0\n    date: 2020-06\n    summary: Tydeligere ansvar.\n")
        try work.edit("recommendations/utskrivning/timer.md", "Skriver i epikrisen hvem", "Skriver tydelig i epikrisen hvem")
        try work.edit("recommendations/legevakt/henvisning.md", "status: høring", "status: trukket\nwithdrawn_reason: Erstattes senere.")
        #expect(try work.build().release == "1.1")
        let changes = try Support.read(work.output + "/v/1.1/endringer/index.html")
        #expect(changes.contains("Utgave 1.1 sammenlignet med forrige utgave, 1.0."))
        #expect(changes.contains("T-U-01 Time hos fastlegen etter utskrivning</a> <span class=\"meta\">versjon 1.1.0 → 1.2.0"))
        #expect(changes.contains("<strong>1.2.0:</strong> Tydeligere ansvar."))
        #expect(changes.contains("id=\"seksjon-trukket\""))
        #expect(changes.contains("T-L-02 Henvisning fra legevakten"))
        let page = try Support.read(work.output + "/v/1.1/anbefalinger/utskrivning/timer/index.html")
        #expect(page.contains("Endret siden utgave 1.0"))
        #expect(page.contains("Skriver <ins>tydelig </ins>i epikrisen"))
        #expect(page.contains("<a href=\"/sti/v/1.0/anbefalinger/utskrivning/timer/index.html\">1.0</a>"))

        let feed = try Support.read(work.output + "/v/1.1/feed.xml")
        #expect(feed.contains("<title>Endret: T-U-01 Time hos fastlegen etter utskrivning</title>"))
        #expect(feed.contains("<id>https://test.example/sti/id/T-U-01/#1.2.0</id>"))
        #expect(feed.contains("<title>Trukket: T-L-02 Henvisning fra legevakten</title>"))

        // 1.2 changes nothing: compared with 1.1, not 1.0.
        try work.release("1.2", "2020-07-01")
        #expect(try work.build().release == "1.2")
        let unchanged = try Support.read(work.output + "/v/1.2/endringer/index.html")
        #expect(unchanged.contains("Ingen anbefalinger eller sjekklister er endret siden utgave 1.1."))
        let quietFeed = try Support.read(work.output + "/v/1.2/feed.xml")
        #expect(!quietFeed.contains("T-U-01"))
        #expect(quietFeed.contains("<title>Møte: "))
        let third = try Support.read(work.output + "/v/1.2/anbefalinger/utskrivning/timer/index.html")
        #expect(!third.contains("Endret siden utgave"))
        #expect(third.contains("/sti/v/1.1/anbefalinger/utskrivning/timer/index.html"))
        #expect(third.contains("/sti/v/1.0/anbefalinger/utskrivning/timer/index.html"))
        let versions = try Support.read(work.output + "/versions.json")
        let order = ["\"1.2\"", "\"1.1\"", "\"1.0\""].map { versions.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
        #expect(try work.snapshot("latest") == (try work.snapshot("v/1.2")))
    }

    /// Consumers rely on a checklist's id and version: changed questions need a new version.
    @Test func aChecklistWhoseQuestionsChangedNeedsANewVersion() throws {
        let work = try Workspace()
        #expect(try work.build().release == "1.0")

        // The next release rewords a question but keeps the checklist's version.
        try work.release("1.1", "2020-06-01")
        try work.edit("checklists/skjema.md", "Er ansvaret klart?", "Er ansvaret avklart?")
        let second = try work.build()
        let warnings = second.report.diagnostics.filter { $0.rule == Rule.checklistVersionUnchanged.id }
        #expect(warnings.map(\.location.description) == ["\(work.content)/checklists/skjema.md:4:10"])
        #expect(
            warnings.first?.message
                == "spørsmålene i sjekklisten er endret siden utgave 1.0, men `version` er fortsatt 1.0.0; øk versjonen (f.eks. til 1.1.0), så systemene som bruker sjekklisten ser at den er ny"
        )
        #expect(second.release == "1.1")

        // Compared with 1.1, which already has the reworded question: another change in 1.2 is
        // caught; with --strict the warning stops the build, and a new version settles it.
        try work.release("1.2", "2020-07-01")
        try work.edit("checklists/skjema.md", "Er ansvaret avklart?", "Er ansvaret tydelig fordelt?")
        work.options.strict = true
        let strict = try work.build()
        #expect(strict.release == nil)
        #expect(strict.report.diagnostics.contains { $0.rule == Rule.checklistVersionUnchanged.id })
        #expect(!FileManager.default.fileExists(atPath: work.output + "/v/1.2"))
        try work.edit("checklists/skjema.md", "version: 1.0.0", "version: 1.1.0")
        work.options.strict = false
        let fixed = try work.build()
        #expect(fixed.release == "1.2")
        #expect(!fixed.report.diagnostics.contains { $0.rule == Rule.checklistVersionUnchanged.id })
    }
}

@Suite struct WordDiffTests {
    @Test func onlyTheChangedWordsAreMarked() {
        #expect(
            WordDiff.html("Fastlegen sender epikrisen.", "Fastlegen sender epikrisen samme dag.")
                == "Fastlegen sender <del>epikrisen.</del><ins>epikrisen samme dag.</ins>")
        #expect(WordDiff.html("a b c", "a x c") == "a <del>b</del><ins>x</ins> c")
        #expect(WordDiff.html("", "ny") == "<ins>ny</ins>")
        #expect(WordDiff.html("<b> & ", "<b> & ") == "&lt;b&gt; &amp; ")
    }

    @Test func longTextsAreShownAsReplaced() {
        let old = Array(repeating: "ord", count: 3000).joined(separator: " ")
        let new = old + " til"
        #expect(WordDiff.parts(old, new) == [.removed(old), .added(new)])
    }
}

@Suite struct CalendarTests {
    @Test func textIsEscapedAndLongLinesAreFolded() {
        #expect(Calendar.text("a; b, c\\d\ne") == "a\\; b\\, c\\\\d\\ne")
        let folded = Calendar.fold("SUMMARY:" + String(repeating: "æ", count: 60))
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(folded.components(separatedBy: "\r\n").dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == "SUMMARY:" + String(repeating: "æ", count: 60))
    }

    @Test func anAllDayEventEndsTheNextDay() {
        #expect(Calendar.nextDay(ContentDate(year: 2020, month: 2, day: 29)) == ContentDate(year: 2020, month: 3, day: 1))
        #expect(Calendar.nextDay(ContentDate(year: 2018, month: 12, day: 31)) == ContentDate(year: 2019, month: 1, day: 1))
        #expect(Address.host(of: "https://moteplass.example:8443/sti/") == "moteplass.example")
    }
}
