import Content
import Diagnostics
import Foundation
import Publishing
import Testing

@testable import Publishing

/// `moteplass new`: files that validate once their placeholders are filled, never overwriting.
@Suite struct NewContentTests {
    /// A copy of the clean fixture, removed afterwards.
    final class Copy {
        let root: String
        let content: String

        init() throws {
            root = try Support.temporaryFolder()
            content = root + "/innhold"
            try FileManager.default.copyItem(atPath: Support.fixture("clean"), toPath: content)
        }

        deinit { Support.removeTemporaryFolder(root) }

        func site() throws -> Site { try #require(try Pipeline.check(content: content).site) }
        /// The diagnostics of the new files (the fixture itself has a few warnings of its own).
        func diagnostics(of path: String) throws -> [String] {
            try Pipeline.check(content: content).report.diagnostics.filter { $0.location.file == path }.map(\.short)
        }
    }

    @Test func aNewRecommendationValidatesOnceItsPlaceholdersAreFilled() throws {
        let copy = try Copy()
        let file = try NewContent.recommendation(in: try copy.site(), set: "utskrivning", title: "Blodprøver før kontroll", date: nil)
        #expect(file.path == "recommendations/utskrivning/blodprover-for-kontroll.md")
        #expect(file.text.contains("id: T-U-02\n"))
        #expect(file.text.contains("status: utkast\n"))
        #expect(file.text.contains("owner: arbeidsforum\n"))
        #expect(!file.text.contains("date:"), "a date was written though none was given")
        try NewContent.write(file, into: copy.content)
        let path = "\(copy.content)/\(file.path)"
        // The validator names what is left to fill in, and nothing else.
        #expect(try copy.diagnostics(of: path) == ["\(path):9:5 responsible-duty-missing"])
        try Support.read(path).replacingOccurrences(of: "    duty:\n", with: "    duty: Tar blodprøvene.\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try copy.diagnostics(of: path) == ["\(path):9:12 party-unknown"])
        try Support.read(path).replacingOccurrences(of: "party: hvem", with: "party: fastlege")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try copy.diagnostics(of: path) == [])
        #expect(try Pipeline.check(content: copy.content).report.errorCount == 0)
        #expect(try copy.site().recommendation(id: "T-U-02")?.title.value == "Blodprøver før kontroll")
    }

    @Test func aDateGivenStartsTheChangelog() throws {
        let copy = try Copy()
        let file = try NewContent.recommendation(in: try copy.site(), set: "utskrivning", title: "Ny", date: "2021-03-04")
        #expect(file.text.contains("changelog:\n  - version: 0.1.0\n    date: 2021-03-04\n"))
        #expect(throws: NewContent.Refusal.self) {
            try NewContent.recommendation(in: try copy.site(), set: "utskrivning", title: "Ny", date: "2021-02-30")
        }
    }

    @Test func anExistingFileIsNeverOverwritten() throws {
        let copy = try Copy()
        let file = NewContent.File(path: "recommendations/utskrivning/timer.md", text: "ny tekst")
        let before = try Support.read("\(copy.content)/\(file.path)")
        let refusal = try #require(throws: NewContent.Refusal.self) { try NewContent.write(file, into: copy.content) }
        #expect(refusal.description.contains("finnes allerede og blir ikke overskrevet"))
        #expect(try Support.read("\(copy.content)/\(file.path)") == before)
    }

    @Test func aNewMeetingFollowsTheIDsOfTheOthersAndValidates() throws {
        let copy = try Copy()
        let file = try NewContent.meeting(in: try copy.site(), date: "2021-02-13", title: "Vårmøte om fastleger")
        #expect(file.path == "meetings/2021-02-13-varmote-om-fastleger.md")
        try NewContent.write(file, into: copy.content)
        let path = "\(copy.content)/\(file.path)"
        #expect(try copy.diagnostics(of: path) == [])
        #expect(try Pipeline.check(content: copy.content).report.errorCount == 0)
        #expect(try copy.site().meetings.contains { $0.title.value == "Vårmøte om fastleger" })
    }

    @Test func theNextIDKeepsTheSetsNumbering() {
        #expect(NewContent.nextID(after: ["MO-FS-07", "MO-FS-03"], prefix: "MO-FS", taken: []) == "MO-FS-08")
        #expect(NewContent.nextID(after: ["X-9", "X-10"], prefix: "X", taken: []) == "X-11")
        #expect(NewContent.nextID(after: [], prefix: "MO-HL", taken: []) == "MO-HL-01")
        #expect(NewContent.nextID(after: ["A-01"], prefix: "A", taken: ["A-02"]) == "A-03")
        #expect(NewContent.quoted(#"Sitat: "ja" \ nei"#) == #""Sitat: \"ja\" \\ nei""#)
    }

    @Test func anUnknownSetNamesTheSets() throws {
        let copy = try Copy()
        let refusal = try #require(throws: NewContent.Refusal.self) {
            try NewContent.recommendation(in: try copy.site(), set: "finnes-ikke", title: "X", date: nil)
        }
        #expect(refusal.description.contains("`utskrivning`"))
    }
}
