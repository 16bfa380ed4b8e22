import Content
import Diagnostics
import Foundation
import Testing

@testable import Rendering

/// Consultations (`hearing:`): how the block is read and checked, and what the pages, the
/// calendar and the feed make of it. The release date of `Support.minimalSite` is 2020-01-01.
@Suite struct HearingTests {
    static func recommendation(status: String = "høring", hearing: String = "", id: String = "MO-T-01") -> String {
        "---\nid: \(id)\ntitle: Henvisning, raskt\nversion: 0.9\nstatus: \(status)\n\(status == "vedtatt" ? "adopted: 2019\n" : "")owner: forum\nresponsible:\n  - party: fastlege\n    duty: Gjør noe.\n\(hearing)---\nTekst.\n"
    }

    static func checklist(hearing: String = "") -> String {
        "---\nid: skjema\ntitle: Skjemaet\nversion: 1.0\nstatus: høring\nowner: forum\nquestions:\n  - id: hva\n    text: Hva?\n    answer: text\n\(hearing)---\nTekst.\n"
    }

    static let open = "hearing:\n  deadline: 2020-01-20\n  respond_to: horing@t.example\n"

    // MARK: Reading the block

    @Test func aHearingIsReadWithItsDeadlineWhereToAnswerAndItsDocuments() throws {
        let hearing =
            "hearing:\n  deadline: 2020-01-20\n  respond_to: mailto:horing@t.example\n  documents:\n    - title: Høringsbrev\n      url: https://t.example/brev.pdf\n"
        let (site, diagnostics, _) = try Support.check(["recommendations/s/r.md": Self.recommendation(hearing: hearing)])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let read = try #require(site?.recommendations.first?.hearing)
        #expect(read.deadline.value == ContentDate(year: 2020, month: 1, day: 20))
        #expect((read.deadline.location.line, read.deadline.location.column) == (11, 13))
        #expect(read.respondTo.value == .email("horing@t.example"))
        #expect(read.respondTo.value.uri == "mailto:horing@t.example")
        #expect(read.documents.map(\.title.value) == ["Høringsbrev"])
        #expect(read.documents.map(\.url.value) == ["https://t.example/brev.pdf"])
        #expect(read.location.line == 10)
    }

    @Test func aWebAddressIsAPlaceToAnswerToo() throws {
        let hearing = "hearing:\n  deadline: 2020-01-20\n  respond_to: https://t.example/horing?sak=12\n"
        let (site, diagnostics, _) = try Support.check(["recommendations/s/r.md": Self.recommendation(hearing: hearing)])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(site?.recommendations.first?.hearing?.respondTo.value == .url("https://t.example/horing?sak=12"))
    }

    @Test func aDeadlineThatIsNotAWholeDayIsReportedAtItsValue() throws {
        let hearing = "hearing:\n  deadline: 2020-02\n  respond_to: horing@t.example\n"
        let (site, diagnostics, _) = try Support.check(["recommendations/s/r.md": Self.recommendation(status: "vedtatt", hearing: hearing)])
        #expect(diagnostics.map(\.short) == ["recommendations/s/r.md:12:13 date-invalid"])
        #expect(
            diagnostics.first?.message
                == "`deadline: 2020-02` er ikke en gyldig høringsfrist; skriv dagen som ÅÅÅÅ-MM-DD (f.eks. `2018-06-15`), og en dato som finnes"
        )
        #expect(site?.recommendations.first?.hearing == nil)
    }

    @Test func anAnswerAddressThatIsNeitherMailNorWebIsAnErrorAtItsValue() throws {
        for bad in ["ring sekretæren", "horing@localhost", "ftp://t.example/horing", "https://", "horing@t.example, post@t.example"] {
            let hearing = "hearing:\n  deadline: 2020-01-20\n  respond_to: \(bad)\n"
            let (_, diagnostics, _) = try Support.check(["recommendations/s/r.md": Self.recommendation(hearing: hearing)])
            // The block is dropped, so the consultation has no hearing: `hearing-missing` too.
            #expect(
                diagnostics.map(\.short) == ["recommendations/s/r.md:5:9 hearing-missing", "recommendations/s/r.md:12:15 field-type"],
                "\(bad)")
            #expect(
                diagnostics.last?.message
                    == "`respond_to: \(bad)` er verken en e-postadresse eller en nettadresse; skriv adressen svarene skal sendes til, f.eks. `horing@example.no` eller `https://example.no/horing`"
            )
        }
    }

    @Test func missingFieldsUnknownKeysAndBadDocumentsAreEachReportedWhereTheyAre() throws {
        let hearing =
            "hearing:\n  deadline: 2020-01-20\n  frist: 2020-01-20\n  documents:\n    - title: Brev\n      url: brev.pdf\n    - url: https://t.example/b.pdf\n"
        let (_, diagnostics, _) = try Support.check(["recommendations/s/r.md": Self.recommendation(status: "vedtatt", hearing: hearing)])
        #expect(
            diagnostics.map(\.short) == [
                "recommendations/s/r.md:12:3 field-missing", "recommendations/s/r.md:13:3 key-unknown",
                "recommendations/s/r.md:16:12 field-type", "recommendations/s/r.md:17:7 field-missing",
            ])
        #expect(
            diagnostics.map(\.message) == [
                "feltet `respond_to` mangler; legg til `respond_to:` med e-postadressen eller nettadressen svarene skal sendes til, f.eks. `horing@example.no`",
                "feltet `frist` er ukjent og blir ikke brukt.",
                "`url: brev.pdf` er ikke en nettadresse; skriv hele adressen til dokumentet, som begynner med `https://`",
                "feltet `title` mangler; legg til `title:` med dokumentets tittel",
            ])
    }

    @Test func aHearingThatIsNotABlockOfFieldsIsAnError() throws {
        let (_, diagnostics, _) = try Support.check([
            "recommendations/s/r.md": Self.recommendation(status: "vedtatt", hearing: "hearing: 2020-01-20\n")
        ])
        #expect(diagnostics.map(\.short) == ["recommendations/s/r.md:11:10 field-type"])
        #expect(diagnostics.first?.message == "`hearing` må bestå av felt (`navn: verdi`), ikke en tekst")
    }

    // MARK: Rules

    @Test func onConsultationWithoutAHearingIsAWarningAtTheStatus() throws {
        let (_, diagnostics, _) = try Support.check([
            "recommendations/s/r.md": Self.recommendation(), "checklists/skjema.md": Self.checklist(),
        ])
        #expect(diagnostics.map(\.short) == ["checklists/skjema.md:5:9 hearing-missing", "recommendations/s/r.md:5:9 hearing-missing"])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        #expect(
            diagnostics.last?.message
                == "anbefalingen er på høring, men har ingen `hearing:`; legg til `hearing:` med `deadline:` (høringsfristen, ÅÅÅÅ-MM-DD) og `respond_to:` (e-postadressen eller nettadressen svarene skal sendes til), så leserne ser fristen og hvor de svarer"
        )
        #expect(diagnostics.first?.message.hasPrefix("sjekklisten er på høring, men har ingen `hearing:`") == true)
    }

    @Test func aDeadlineBeforeTheReleaseDateIsAWarningAtTheDeadlineWhileStillOnConsultation() throws {
        let past = "hearing:\n  deadline: 2019-12-31\n  respond_to: horing@t.example\n"
        let (_, diagnostics, _) = try Support.check([
            "recommendations/s/r.md": Self.recommendation(hearing: past), "checklists/skjema.md": Self.checklist(hearing: past),
        ])
        #expect(diagnostics.map(\.short) == ["checklists/skjema.md:12:13 hearing-overdue", "recommendations/s/r.md:11:13 hearing-overdue"])
        #expect(
            diagnostics.last?.message
                == "høringsfristen 2019-12-31 er passert før utgivelsesdatoen 2020-01-01, men anbefalingen har fortsatt `status: høring`; sett ny status etter høringen (f.eks. `vedtatt`), eller en ny `deadline:` hvis høringen er forlenget"
        )
    }

    @Test func theDeadlineDayItselfIsStillOpenAndAHeldConsultationIsNoWarning() throws {
        let today = "hearing:\n  deadline: 2020-01-01\n  respond_to: horing@t.example\n"
        let held = "hearing:\n  deadline: 2019-06-01\n  respond_to: horing@t.example\n"
        let (site, diagnostics, _) = try Support.check([
            "recommendations/s/r.md": Self.recommendation(hearing: today),
            "recommendations/s/v.md": Self.recommendation(status: "vedtatt", hearing: held, id: "MO-T-02"),
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let (open, closed) = try #require(site).consultationsByState
        #expect(open.map(\.id) == ["MO-T-01"])
        #expect(closed.map(\.id) == ["MO-T-02"])
    }

    // MARK: Dates and words

    @Test func daysAreCountedAcrossMonthsYearsAndLeapDays() {
        let day = { (y: Int, m: Int, d: Int) in ContentDate(year: y, month: m, day: d).dayNumber }
        #expect(day(1970, 1, 1) == 0)
        #expect(day(2020, 3, 1) - day(2020, 2, 28) == 2)
        #expect(day(2019, 3, 1) - day(2019, 2, 28) == 1)
        #expect(day(2021, 1, 1) - day(2020, 12, 31) == 1)
        #expect(day(2020, 5, 20) - day(2020, 5, 4) == 16)
        #expect(HearingView.daysLeftLabel(16) == "16 dager igjen")
        #expect(HearingView.daysLeftLabel(1) == "1 dag igjen")
        #expect(HearingView.daysLeftLabel(0) == "siste dag i dag")
        #expect(HearingView.daysLeftLabel(-1) == "fristen er ute")
    }

    @Test func theMailSubjectIsPercentEncodedAsUTF8() {
        #expect(Escaping.percentEncoded("Høringssvar: MO-FS-07 Time, nå") == "H%C3%B8ringssvar%3A%20MO-FS-07%20Time%2C%20n%C3%A5")
    }

    // MARK: The calendar

    @Test func eachDeadlineIsAnAllDayEventWithAStableUID() throws {
        let hearing =
            "hearing:\n  deadline: 2020-01-20\n  respond_to: horing@t.example\n  documents:\n    - title: Brev\n      url: https://t.example/b.pdf\n"
        let (site, _, _) = try Support.check([
            "recommendations/s/r.md": Self.recommendation(hearing: hearing), "checklists/skjema.md": Self.checklist(),
        ])
        let text = Calendar.hearingsFile(try #require(site))
        let events = text.components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst()
        // The checklist has no `hearing:`, so no deadline to put in a calendar.
        #expect(events.count == 1)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.contains("X-WR-CALNAME:T: høringsfrister\r\n"))
        #expect(
            events.first
                == """
                UID:horing-anbefaling-MO-T-01@t.example\r
                DTSTAMP:20200101T000000Z\r
                DTSTART;VALUE=DATE:20200120\r
                DTEND;VALUE=DATE:20200121\r
                SUMMARY:Høringsfrist: Henvisning\\, raskt (MO-T-01)\r
                DESCRIPTION:Anbefaling MO-T-01: Henvisning\\, raskt.\\nSend høringssvar på \r
                 e-post til horing@t.example.\\nBrev: https://t.example/b.pdf\r
                URL:https://t.example/v/1/anbefalinger/s/r/\r
                TRANSP:TRANSPARENT\r
                END:VEVENT\r
                END:VCALENDAR\r

                """)
    }

    // MARK: The API

    @Test func theAPICarriesTheHearingAndTheChecklistHashIgnoresIt() throws {
        let hearing =
            "hearing:\n  deadline: 2020-01-20\n  respond_to: horing@t.example\n  documents:\n    - title: Brev\n      url: https://t.example/b.pdf\n"
        let (with, _, _) = try Support.check(["checklists/skjema.md": Self.checklist(hearing: hearing)])
        let (without, _, _) = try Support.check(["checklists/skjema.md": Self.checklist()])
        let site = try #require(with)
        let plain = try #require(without)
        func members(_ site: Site) -> [(String, JSONValue)] {
            guard case .object(let members) = API.checklist(site.checklists[0], site) else { return [] }
            return members
        }
        let hashes = [site, plain].map { site in members(site).first { $0.0 == "sha256" }.map { $0.1.serialized() } }
        #expect(hashes[0] != nil && hashes[0] == hashes[1])
        let json = members(site).first { $0.0 == "hearing" }?.1.serialized()
        #expect(
            json
                == #"{"deadline":"2020-01-20","respondTo":"mailto:horing@t.example","documents":[{"title":"Brev","url":"https://t.example/b.pdf"}],"open":true}"#
        )
        #expect(members(plain).first { $0.0 == "hearing" }?.1.serialized() == "null")
    }

    // MARK: Pages, feed and API of the clean fixture (release date 2020-05-04)

    @Test func theFrontPageAndHoringerListTheConsultationsAsOfTheReleaseDate() throws {
        let output = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(output) }
        try Support.build(content: Support.fixture("clean"), output: output)
        let front = try Support.read(output + "/v/1.0/index.html")
        let section = try #require(
            front.components(separatedBy: "<h2 id=\"seksjon-horinger\">Åpne høringer</h2>").last?.components(separatedBy: "</section>")
                .first)
        // Open: T-L-02 (deadline 2020-05-20). Not the checklist (2020-04-30, overdue) nor T-U-01 (vedtatt).
        #expect(section.contains("<li class=\"hearing-item\" data-deadline=\"2020-05-20\">"))
        #expect(section.contains("Anbefaling T-L-02"))
        #expect(section.contains("<span class=\"days-left\">16 dager igjen</span>"))
        #expect(
            section.contains("href=\"mailto:horing@test.example?subject=H%C3%B8ringssvar%3A%20T-L-02%20Henvisning%20fra%20legevakten\""))
        #expect(!section.contains("testskjema") && !section.contains("T-U-01"))
        #expect(section.contains("<p class=\"no-hearings\" hidden>Ingen åpne høringer nå.</p>"))
        #expect(section.contains("<a class=\"more\" href=\"horinger/index.html\">"))
        #expect(section.contains("<script src=\"assets/hearings.js\" defer></script>"))

        let page = try Support.read(output + "/v/1.0/horinger/index.html")
        let parts = page.components(separatedBy: "<h2 id=\"seksjon-avsluttede\">")
        #expect(parts.count == 2)
        #expect(parts[0].contains("T-L-02") && !parts[0].contains("T-U-01") && !parts[0].contains("testskjema"))
        // Closed: the latest deadline first.
        let closed = parts[1]
        let checklist = try #require(closed.range(of: "Sjekkliste testskjema"))
        let recommendation = try #require(closed.range(of: "Anbefaling T-U-01"))
        #expect(checklist.lowerBound < recommendation.lowerBound)
        #expect(closed.contains("<time datetime=\"2020-04-30\">30. april 2020</time> · fristen er ute, men status er fortsatt «På høring»"))
        #expect(closed.contains("nå <span class=\"status status-vedtatt\">Vedtatt</span>"))
        #expect(page.contains("<a class=\"calendar-link\" href=\"../horinger.ics\" download>"))

        let banner = try Support.read(output + "/v/1.0/anbefalinger/legevakt/henvisning/index.html")
        #expect(banner.contains("<p class=\"hearing-deadline\">Høringsfrist: <time datetime=\"2020-05-20\">20. mai 2020</time></p>"))
        #expect(banner.contains("<li><a href=\"https://test.example/horing/henvisning.pdf\">Høringsbrev</a></li>"))
        let form = try Support.read(output + "/v/1.0/sjekkliste/skjema/index.html")
        #expect(form.contains("Høringsfrist: <time datetime=\"2020-04-30\">30. april 2020</time> (fristen er ute)"))
        #expect(form.contains("Send høringssvar på <a href=\"https://test.example/horing/skjema\">https://test.example/horing/skjema</a>"))

        let feed = try Support.read(output + "/v/1.0/feed.xml")
        #expect(feed.contains("<title>På høring: T-L-02 Henvisning fra legevakten (frist 20. mai 2020)</title>"))
        #expect(feed.contains("<id>https://test.example/sti/horinger/#anbefaling-T-L-02-2020-05-20</id>"))
        #expect(!feed.contains("På høring: testskjema"))

        let calendar = try Support.read(output + "/v/1.0/horinger.ics")
        #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count == 4)
        #expect(
            calendar.contains(
                "UID:horing-sjekkliste-testskjema@test.example\r\nDTSTAMP:20200504T000000Z\r\nDTSTART;VALUE=DATE:20200430\r\n"))
    }

    /// With more consultations than a page holds, the front page lists the five soonest and
    /// `horinger/` splits into pages: the open ones first, then the closed, each page a share.
    @Test func manyConsultationsSplitHoringerAndTheFrontPageListsTheSoonest() throws {
        var files: [String: String] = [:]
        for n in 1...104 {
            let day = String(format: "%02d", 2 + n % 27)
            let hearing = "hearing:\n  deadline: 2020-02-\(day)\n  respond_to: horing@t.example\n"
            files["recommendations/s/r\(n).md"] = Self.recommendation(hearing: hearing, id: "MO-T-\(n)")
        }
        // Two held consultations: closed, after the open ones.
        for n in 1...2 {
            files["recommendations/s/v\(n).md"] = Self.recommendation(
                status: "vedtatt", hearing: "hearing:\n  deadline: 2019-06-0\(n)\n  respond_to: horing@t.example\n", id: "MO-V-\(n)")
        }
        let content = try Support.contentFolder(Support.minimalSite.merging(files) { _, new in new })
        let output = try Support.temporaryFolder()
        defer {
            Support.removeTemporaryFolder(content)
            Support.removeTemporaryFolder(output)
        }
        try Support.build(content: content, output: output)
        let front = try Support.read(output + "/v/1/index.html")
        #expect(front.components(separatedBy: "<li class=\"hearing-item\"").count - 1 == SitePages.frontHearings)
        #expect(front.contains("<p class=\"meta\">De 5 med kortest frist av 104 åpne høringer.</p>"))
        // The soonest first: 2020-02-02 is MO-T-27, MO-T-54, MO-T-81 (natural order).
        #expect(front.contains("data-deadline=\"2020-02-02\""))
        #expect(!front.contains("data-deadline=\"2020-02-28\""))

        let first = try Support.read(output + "/v/1/horinger/index.html")
        let second = try Support.read(output + "/v/1/horinger/side/2/index.html")
        #expect(!FileManager.default.fileExists(atPath: output + "/v/1/horinger/side/3/index.html"))
        #expect(first.components(separatedBy: "<li class=\"hearing-item\"").count - 1 == Pagination.pageSize)
        #expect(first.contains("<h2 id=\"seksjon-apne\">Åpne høringer</h2>") && !first.contains("seksjon-avsluttede"))
        #expect(first.contains("Side 1 av 2: høringer 1–100 av 106"))
        #expect(second.contains("<h2 id=\"seksjon-apne\">Åpne høringer</h2>") && second.contains("seksjon-avsluttede"))
        let closed = try #require(second.components(separatedBy: "<h2 id=\"seksjon-avsluttede\">").last)
        #expect(closed.components(separatedBy: "<li class=\"hearing-item\">").count - 1 == 2)
        #expect(second.contains("Alle høringsfristene på én gang: <a href=\"../../../horinger.ics\">horinger.ics</a>"))
        #expect(second.contains("<title>Høringer (side 2 av 2)"))
    }
}
