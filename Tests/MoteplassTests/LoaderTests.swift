import Diagnostics
import Foundation
import Testing

@testable import Content

@Suite struct LoaderTests {
    static let recommendation = """
        ---
        id: MO-T-01
        title: Tittel
        version: 1.0.0
        status: vedtatt
        adopted: 2017-03
        owner: forum
        responsible:
          - party: fastlege
            duty: Gjør noe.
        ---
        Tekst.

        """

    @Test(arguments: [
        ("a", true), ("samhandling", true), ("fastlege-sykehus", true), ("mo-07", true), ("2024", true),
        ("", false), ("-a", false), ("a-", false), ("a--b", false), ("Fastlege", false), ("møte", false), ("a_b", false),
        ("a b", false), ("-", false),
    ])
    func slugsAreLowerCaseLettersDigitsAndSingleHyphens(text: String, valid: Bool) {
        #expect(Slug.isValid(text) == valid)
    }

    @Test func suggestionsNameTheClosestCandidateWhateverTheOrder() {
        #expect(Suggestion.closest(to: "fastleg", among: ["fastlegen", "fastlege", "legevakt"]) == "fastlege")
        // Equally close: the first in string order, in any input order.
        #expect(Suggestion.closest(to: "ab", among: ["ac", "aa"]) == "aa")
        #expect(Suggestion.closest(to: "ab", among: ["aa", "ac"]) == "aa")
        #expect(Suggestion.closest(to: "sykehus", among: ["legevakt", "bydel"]) == nil)
    }

    @Test func valuesKeepTheirFileLineAndColumn() throws {
        let (site, diagnostics, _) = try Support.check(["recommendations/s/r.md": Self.recommendation])
        #expect(diagnostics.isEmpty)
        let r = try #require(site?.recommendation(id: "MO-T-01"))
        #expect(r.id.location.line == 2 && r.id.location.column == 5)
        #expect(r.title.location.line == 3 && r.title.location.column == 8)
        #expect(r.responsible[0].party.location.line == 9 && r.responsible[0].party.location.column == 12)
        #expect(r.responsible[0].location.line == 9 && r.responsible[0].location.column == 5)
        #expect(r.document.firstLine == 12)
        #expect(r.document.markdown == "Tekst.\n")
        #expect(r.id.location.file.hasSuffix("/recommendations/s/r.md"))
    }

    @Test func acceptsABOMAndCRLFLineEndings() throws {
        let text = "\u{FEFF}" + Self.recommendation.replacingOccurrences(of: "\n", with: "\r\n")
        let (site, diagnostics, _) = try Support.check(["recommendations/s/r.md": text])
        #expect(diagnostics.isEmpty)
        let r = try #require(site?.recommendation(id: "MO-T-01"))
        #expect(r.title.value == "Tittel")
        #expect(r.title.location.line == 3)
        #expect(r.document.markdown == "Tekst.\n")
    }

    /// SPEC §4.1: each responsible rule, at the position the table names.
    @Test(arguments: [
        ("owner: forum\n", "recommendations/s/r.md:1:1 responsible-missing"),
        ("owner: forum\nresponsible:\n", "recommendations/s/r.md:8:1 responsible-missing"),
        ("owner: forum\nresponsible: []\n", "recommendations/s/r.md:8:1 responsible-empty"),
        ("owner: forum\nresponsible: fastlegen\n", "recommendations/s/r.md:8:1 responsible-invalid"),
        ("owner: forum\nresponsible:\n  - fastlege\n", "recommendations/s/r.md:8:1 responsible-invalid"),
        ("owner: forum\nresponsible:\n  - duty: Gjør noe.\n", "recommendations/s/r.md:9:5 responsible-party-missing"),
        ("owner: forum\nresponsible:\n  - party: \"\"\n    duty: Gjør noe.\n", "recommendations/s/r.md:9:5 responsible-party-missing"),
        ("owner: forum\nresponsible:\n  - party: fastlege\n", "recommendations/s/r.md:9:5 responsible-duty-missing"),
        ("owner: forum\nresponsible:\n  - party: fastlege\n    duty: \"  \"\n", "recommendations/s/r.md:9:5 responsible-duty-missing"),
        ("responsible:\n  - party: fastlege\n    duty: Gjør noe.\n", "recommendations/s/r.md:1:1 owner-missing"),
        ("owner: forum\nresponsible:\n  - party: fastlegen\n    duty: Gjør noe.\n", "recommendations/s/r.md:9:12 party-unknown"),
    ])
    func responsibleRulesAreReportedAtTheirPositions(tail: String, expected: String) throws {
        let text = "---\nid: MO-T-01\ntitle: T\nversion: 1.0\nstatus: vedtatt\nadopted: 2017\n" + tail + "---\nTekst.\n"
        let (_, diagnostics, _) = try Support.check(["recommendations/s/r.md": text])
        #expect(diagnostics.map(\.short) == [expected])
    }

    @Test func messagesSayHowToFixTheProblem() throws {
        let text =
            "---\nid: MO-T-01\ntitle: T\nversion: 1.0\nstatus: vedtatt\nadopted: 2017\nowner: forum\nresponsible:\n  - party: fastlege\n  - party: fastlegen\n    duty: X\n---\n"
        let (_, diagnostics, _) = try Support.check(["recommendations/s/r.md": text])
        #expect(
            diagnostics.map(\.message) == [
                "punktet for `fastlege` mangler `duty:`; legg til `duty:` med hva fastlegen skal gjøre",
                "parten `fastlegen` finnes ikke i parties.yml. Mente du `fastlege`? Bruk en id fra parties.yml, eller legg parten til der.",
            ])
    }

    @Test func withdrawnRecommendationsAreExemptFromTheResponsibleRules() throws {
        let text = "---\nid: MO-T-01\ntitle: T\nversion: 1.0\nstatus: trukket\nwithdrawn_reason: Erstattet.\nowner: forum\n---\n"
        let (site, diagnostics, _) = try Support.check(["recommendations/s/r.md": text])
        #expect(diagnostics.isEmpty)
        #expect(site?.recommendation(id: "MO-T-01")?.responsible.isEmpty == true)
    }

    @Test func yamlSyntaxErrorsArePositioned() throws {
        let text = "---\nid: MO-T-01\ntitle: Tid: 12\n---\n"
        let (_, diagnostics, _) = try Support.check(["recommendations/s/r.md": text])
        #expect(diagnostics.map(\.short) == ["recommendations/s/r.md:3:11 yaml-syntax"])
        #expect(diagnostics.first?.message.hasPrefix("et kolon står der det ikke kan stå") == true)
    }

    /// libyaml puts the end of a text without a last line break on a line of its own; an error
    /// there is reported at the end of the last line, which exists (found by the fuzzers).
    @Test func aYAMLErrorWhereTheTextEndsIsOnItsLastLine() throws {
        let (_, site, _) = try Support.check(["site.yml": "title: T\nrelease: \"1\"\nuten kolon"])
        #expect(site.map(\.short) == ["site.yml:3:11 yaml-syntax"])
        let (_, page, _) = try Support.check(["pages/om.md": "---\ntitle: Om\nuten kolon\n---\nTekst.\n"])
        #expect(page.map(\.short) == ["pages/om.md:3:11 yaml-syntax"])
    }

    /// Control characters and invisible line separators, which libyaml refuses in English at the
    /// start of the text or counts as line breaks, are errors at their own position (found by
    /// the YAML fuzzer).
    @Test func invisibleCharactersInYAMLAreReportedWhereTheyAre() throws {
        let (_, page, _) = try Support.check(["pages/om.md": "---\norder: 1\ntitle: Om\u{2028}oss\n---\nTekst.\n"])
        #expect(page.map(\.short) == ["pages/om.md:3:10 yaml-syntax"])
        #expect(page.first?.message.hasPrefix("tegnet U+2028 kan ikke stå i YAML-feltene") == true)
        // A control character is not even read as YAML: the file cannot be published (encoding-invalid).
        let (_, site, _) = try Support.check(["site.yml": "title: T\u{1}\nrelease: \"1\"\n"])
        #expect(site.map(\.short) == ["site.yml:1:9 encoding-invalid"])
        #expect(site.first?.message.contains("U+0001") == true)
    }

    @Test func aFileWithoutFrontMatterIsReported() throws {
        let (_, diagnostics, _) = try Support.check(["pages/om.md": "# Om\n"])
        #expect(diagnostics.map(\.short) == ["pages/om.md:1:1 front-matter-missing"])
    }

    @Test func invalidUTF8IsReportedWithItsPosition() throws {
        let root = try Support.contentFolder(Support.minimalSite)
        defer { Support.removeTemporaryFolder(root) }
        var bytes = Array("---\ntitle: Bl".utf8)
        bytes += [0xE5]  // Latin-1 "å"
        bytes += Array("bær\n---\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: root + "/pages/om.md"))
        let result = try ContentLoader.load(from: root)
        #expect(result.diagnostics.map(\.rule) == ["encoding-invalid"])
        #expect(result.diagnostics.first?.location.line == 2)
        #expect(result.diagnostics.first?.location.column == 10)
    }

    /// Lines end at a lone CR too, as the loader reads a valid file (found by the file fuzzer).
    @Test func invalidUTF8AfterLoneCarriageReturnsIsOnTheLineAnEditorShows() throws {
        let root = try Support.contentFolder(Support.minimalSite)
        defer { Support.removeTemporaryFolder(root) }
        let bytes = Array("---\r\ntitle: T\r\n---\rLinje en\rLinje to ".utf8) + [0xFF] + Array("\r\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: root + "/pages/om.md"))
        let result = try ContentLoader.load(from: root)
        #expect(result.diagnostics.map(\.rule) == ["encoding-invalid"])
        #expect(result.diagnostics.first.map { "\($0.location.line):\($0.location.column)" } == "5:10")
    }

    @Test func filesOverFiveMegabytesAreRefused() throws {
        let root = try Support.contentFolder(Support.minimalSite)
        defer { Support.removeTemporaryFolder(root) }
        let big = "---\ntitle: Stor\n---\n" + String(repeating: "x", count: SourceFile.maximumSize)
        try Data(big.utf8).write(to: URL(fileURLWithPath: root + "/pages/stor.md"))
        let result = try ContentLoader.load(from: root)
        #expect(result.diagnostics.map(\.rule) == ["file-too-large"])
    }

    @Test func symlinksOutOfTheContentFolderAreErrors() throws {
        let root = try Support.contentFolder(Support.minimalSite)
        let outside = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(root); Support.removeTemporaryFolder(outside) }
        try Data("---\ntitle: Hemmelig\n---\n".utf8).write(to: URL(fileURLWithPath: outside + "/hemmelig.md"))
        try FileManager.default.createSymbolicLink(atPath: root + "/pages/lenke.md", withDestinationPath: outside + "/hemmelig.md")
        let result = try ContentLoader.load(from: root)
        #expect(result.diagnostics.map(\.rule) == ["symlink-outside"])
    }

    @Test func unknownKeysAreWarnedAboutWithTheClosestKnownKey() throws {
        let text = Self.recommendation.replacingOccurrences(of: "adopted: 2017-03\n", with: "adopted: 2017-03\nreveiw: 2020\n")
        let (site, diagnostics, _) = try Support.check(["recommendations/s/r.md": text])
        #expect(diagnostics.map(\.short) == ["recommendations/s/r.md:7:1 key-unknown"])
        #expect(diagnostics.first?.message.contains("Mente du `review`?") == true)
        #expect(diagnostics.first?.severity == .warning)
        #expect(site?.recommendation(id: "MO-T-01") != nil)
    }

    @Test func valuesAreCheckedForFormat() throws {
        let text = Self.recommendation
            .replacingOccurrences(of: "version: 1.0.0", with: "version: 1.0.0.1")
            .replacingOccurrences(of: "status: vedtatt", with: "status: vedtat")
            .replacingOccurrences(of: "adopted: 2017-03", with: "adopted: 2017-02-30")
        let (_, diagnostics, _) = try Support.check(["recommendations/s/r.md": text])
        #expect(
            diagnostics.map(\.short) == [
                "recommendations/s/r.md:4:10 version-invalid",
                "recommendations/s/r.md:5:9 status-invalid",
                "recommendations/s/r.md:6:10 date-invalid",
            ])
        #expect(diagnostics[1].message.contains("Mente du `vedtatt`?"))
    }

    @Test func aMissingContentFolderIsAUsageError() {
        #expect(throws: ContentLoader.FolderError.self) {
            try ContentLoader.load(from: "/finnes/ikke")
        }
    }

    @Test func filesInUnexpectedPlacesAreReported() throws {
        let (_, diagnostics, _) = try Support.check(["notater.md": "x", "pages/Store Bokstaver.md": "---\ntitle: X\n---\n"])
        #expect(diagnostics.map(\.short) == ["notater.md:1:1 file-unexpected", "pages/Store Bokstaver.md:1:1 filename-invalid"])
    }

    @Test func theRealContentLoadsWithoutProblems() throws {
        let result = try ContentLoader.load(from: Support.realContent)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let site = try #require(result.site)
        #expect(
            site.recommendation(id: "MO-FS-07")?.responsible.map(\.party.value) == ["pasient", "sykehus", "fastlege", "hjemmetjenesten"])
        #expect(site.sets.map(\.id.value) == ["MO-FS", "MO-HLKS"])
        #expect(site.meetings.map(\.date.value.description) == ["2018-02-28", "2018-05-08", "2018-09-05", "2018-11-07"])
        #expect(site.checklists.first?.questions.count == 8)
        #expect(site.checklists.first?.status.value == .høring)
        let contract = [
            "pasient", "parorende", "fastlege", "sykehus", "legevakt", "kad", "helsehus", "sykehjem", "hjemmetjenesten",
            "bydel", "pko", "amk", "helsestasjon", "moteplass-arbeidsforum", "nfa-faggruppe-samhandling",
        ]
        #expect(Set(contract).isSubset(of: Set(site.parties.map(\.id.value))))
    }
}

@Suite struct NaturalOrderTests {
    @Test func numbersInIdsCompareAsNumbers() {
        let ids = ["MO-FS-10", "MO-FS-2", "MO-FS-02a", "MO-FS-1", "MO-FS-02", "MO-EP-3", "MO-FS", "MO-FS-2-1", "MO-FS-007"]
        #expect(
            ids.sorted(by: naturalLess) == [
                "MO-EP-3", "MO-FS", "MO-FS-1", "MO-FS-02", "MO-FS-2", "MO-FS-2-1", "MO-FS-02a", "MO-FS-007", "MO-FS-10",
            ])
    }

    @Test func veryLongNumbersStillGiveATotalOrder() {
        let ids = ["A-99999999999999999999", "A-100000000000000000000", "A-5", "A-99999999999999999999"]
        let sorted = ids.sorted(by: naturalLess)
        #expect(sorted.first == "A-5")
        #expect(sorted.sorted(by: naturalLess) == sorted)
        #expect(!naturalLess("A-99999999999999999999", "A-99999999999999999999"))
    }
}

@Suite struct ValueFormatTests {
    @Test func versionsAreTwoOrThreeNumbersWithoutLeadingZeros() {
        #expect(Version("1.0")?.description == "1.0")
        #expect(Version("2.10.3") == Version("2.10.3"))
        #expect(Version("0.1.0")?.patch == 0)
        for invalid in ["1", "1.", ".1", "1..2", "01.0", "1.00", "1.2.3.4", "v1.0", "1.a", "1.0 ", "", "1.2.٣"] {
            #expect(Version(invalid) == nil, "\(invalid)")
        }
    }

    @Test func datesAreRealCalendarDates() {
        #expect(ContentDate("2017") == ContentDate(year: 2017))
        #expect(ContentDate("2017-03") == ContentDate(year: 2017, month: 3))
        #expect(ContentDate("2024-02-29") == ContentDate(year: 2024, month: 2, day: 29))
        for invalid in ["2023-02-29", "2017-13", "2017-00", "0999", "17-03-01", "2017-3", "2017-03-1", "2017/03", "2017-03-01-01", ""] {
            #expect(ContentDate(invalid) == nil, "\(invalid)")
        }
    }

    @Test func timesAreHoursAndMinutes() {
        #expect(ClockTime("08:30")?.description == "08:30")
        #expect(ClockTime("23:59") != nil)
        for invalid in ["8:30", "24:00", "12:60", "12", "12:30:00", "ab:cd", ""] {
            #expect(ClockTime(invalid) == nil, "\(invalid)")
        }
    }

    @Test func linksAreJoinedToTheFolderOfTheirFile() {
        #expect(LinkResolution.join(folderOf: "recommendations/a/x.md", "../b/y.md") == "recommendations/b/y.md")
        #expect(LinkResolution.join(folderOf: "recommendations/a/x.md", "./y.md") == "recommendations/a/y.md")
        #expect(LinkResolution.join(folderOf: "index.md", "pages/mandat.md") == "pages/mandat.md")
        #expect(LinkResolution.join(folderOf: "pages/a.md", "../../x.md") == nil)
        #expect(LinkResolution.join(folderOf: "pages/a.md", "..//index.md") == "index.md")
    }

    /// `synonyms.yml` is optional; its groups keep their positions, and a file of the wrong shape
    /// gives a positioned error for each bad group or word, keeping the good ones.
    @Test func synonymsAreGroupsOfWordsWithPositions() throws {
        let (site, diagnostics, _) = try Support.check([
            "synonyms.yml": "- [utskrivning, utskriving]\n- KAD\n- [IP, [individuell plan]]\n- [OUS, Oslo universitetssykehus]\n"
        ])
        #expect(diagnostics.map(\.rule) == ["field-type", "field-type"])
        #expect(diagnostics.map { "\($0.location.line):\($0.location.column)" } == ["2:3", "3:8"])
        #expect(diagnostics[0].message.contains("skal være en liste av ord"))
        let groups = try #require(site).synonyms
        #expect(groups.map { $0.map(\.value) } == [["utskrivning", "utskriving"], ["IP"], ["OUS", "Oslo universitetssykehus"]])
        #expect(groups[2][1].location.line == 4 && groups[2][1].location.column == 9)

        let (_, notAList, _) = try Support.check(["synonyms.yml": "utskrivning: utskriving\n"])
        #expect(notAList.map(\.rule) == ["field-type"])
        #expect(notAList.first?.message.contains("skal være en liste av grupper") == true)

        let (withoutFile, none, _) = try Support.check([:])
        #expect(none.isEmpty && withoutFile?.synonyms.isEmpty == true)
    }
}
