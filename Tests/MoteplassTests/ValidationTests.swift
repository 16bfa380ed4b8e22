import Diagnostics
import Publishing
import Testing

@Suite struct ValidationTests {
    static func recommendation(
        id: String = "MO-T-01", party: String = "fastlege", owner: String = "forum", body: String = "Tekst.\n", extra: String = ""
    ) -> String {
        "---\nid: \(id)\ntitle: T\nversion: 1.0\nstatus: vedtatt\nadopted: 2017\nowner: \(owner)\nresponsible:\n  - party: \(party)\n    duty: Gjør noe.\n\(extra)---\n\(body)"
    }

    @Test func theCleanFixtureHasOnlyTheExpectedWarnings() throws {
        let (_, report) = try Pipeline.check(content: Support.fixture("clean"))
        #expect(report.diagnostics.map(\.rule) == ["hearing-overdue", "html-raw", "html-raw", "html-raw"])
        // The checklist is still `høring` after its deadline (2020-04-30, before the release date 2020-05-04).
        #expect(report.diagnostics.first?.location.file.hasSuffix("checklists/skjema.md") == true)
        #expect(report.errorCount == 0)
    }

    @Test func unknownOwnersAndHandoverPartiesSuggestTheClosestID() throws {
        let text = Self.recommendation(owner: "forumet", extra: "handover:\n  - from: sykehuset\n    to: fastlege\n")
        let (_, diagnostics, _) = try Support.check(["recommendations/s/r.md": text])
        #expect(diagnostics.map(\.short) == ["recommendations/s/r.md:7:8 party-unknown", "recommendations/s/r.md:12:11 party-unknown"])
        #expect(diagnostics[1].message.contains("Mente du `sykehus`?"))
    }

    @Test func aPartyListedTwiceIsAWarningAtItsSecondEntry() throws {
        let twice = "duty: Gjør noe.\n  - party: sykehus\n    duty: Sender epikrise.\n  - party: fastlege\n    duty: Følger opp."
        let text = Self.recommendation().replacingOccurrences(of: "duty: Gjør noe.", with: twice)
        let (site, diagnostics, _) = try Support.check(["recommendations/s/r.md": text])
        #expect(diagnostics.map(\.short) == ["recommendations/s/r.md:13:5 responsible-repeated"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(
            diagnostics.first?.message
                == "`fastlege` står allerede i `responsible` (linje 9); slå sammen oppgavene til ett punkt med én `duty:` som sier alt fastlegen skal gjøre"
        )
        // Still valid: both duties are kept.
        #expect(site?.recommendations.first?.responsible.map(\.party.value) == ["fastlege", "sykehus", "fastlege"])
    }

    @Test func idsAreUniqueAcrossFiles() throws {
        let (_, diagnostics, _) = try Support.check([
            "recommendations/s/a.md": Self.recommendation(),
            "recommendations/s/b.md": Self.recommendation(),
        ])
        #expect(diagnostics.map(\.short) == ["recommendations/s/b.md:2:5 id-duplicate"])
        #expect(diagnostics.first?.message.contains("recommendations/s/a.md:2:5") == true)
    }

    @Test func brokenLinksAreReportedAtTheLinksOwnLine() throws {
        let body =
            "Første linje.\n\nSe [denne](id:MO-T-99) og\n[den](../../pages/borte.md).\n[fin](id:MO-T-01) [ekstern](https://example.org)\n"
        let (_, diagnostics, _) = try Support.check(["recommendations/s/r.md": Self.recommendation(body: body)])
        #expect(diagnostics.map(\.short) == ["recommendations/s/r.md:14:4 link-broken", "recommendations/s/r.md:15:1 link-broken"])
    }

    @Test func linksInDutiesAreCheckedToo() throws {
        let text = Self.recommendation().replacingOccurrences(of: "duty: Gjør noe.", with: "duty: Se [regelen](id:FINNES-IKKE).")
        let (_, diagnostics, _) = try Support.check(["recommendations/s/r.md": text])
        #expect(diagnostics.map(\.short) == ["recommendations/s/r.md:10:14 link-broken"])
    }

    @Test func linksInsideMultiLineDutiesAreReportedWhereTheyAreWritten() throws {
        let folded =
            "duty: >-\n      Første linje med\n      en [lenke](id:BORTE-1) her.\n  - party: sykehus\n    duty: \"  Se [x](id:BORTE-2)\""
        let literal = "\n  - party: forum\n    duty: |\n      Linje én\n      og [to](id:BORTE-3)"
        let text = Self.recommendation().replacingOccurrences(of: "duty: Gjør noe.", with: folded + literal)
        let (_, diagnostics, _) = try Support.check(["recommendations/s/r.md": text])
        #expect(
            diagnostics.map(\.short) == [
                "recommendations/s/r.md:12:10 link-broken", "recommendations/s/r.md:14:17 link-broken",
                "recommendations/s/r.md:18:10 link-broken",
            ])
    }

    @Test func rawHTMLIsAWarning() throws {
        let (_, diagnostics, _) = try Support.check(["recommendations/s/r.md": Self.recommendation(body: "Hei\n\n<div>x</div>\n")])
        #expect(diagnostics.map(\.short) == ["recommendations/s/r.md:14:1 html-raw"])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test func supersedesAndRelatedMustNameRecommendations() throws {
        let (_, diagnostics, _) = try Support.check([
            "recommendations/s/r.md": Self.recommendation(extra: "supersedes: [MO-T-00]\n"),
            "meetings/2020-01-01-m.md": "---\nid: M1\ntitle: Møte\ndate: 2020-01-01\nrelated: [MO-T-02]\n---\n",
        ])
        #expect(
            diagnostics.map(\.short) == [
                "meetings/2020-01-01-m.md:5:11 reference-unknown", "recommendations/s/r.md:11:14 reference-unknown",
            ])
    }

    @Test func freePagesCannotTakeTheSitesOwnFolderNames() throws {
        let (_, diagnostics, _) = try Support.check(["pages/ansvar.md": "---\ntitle: Ansvar\n---\n"])
        #expect(diagnostics.map(\.short) == ["pages/ansvar.md:1:1 page-slug-reserved"])
    }

    @Test func aLinkToAFileThatFailedToLoadIsNotCalledBroken() throws {
        let (_, diagnostics, _) = try Support.check([
            "pages/a.md": "---\ntitle: A\n---\nSe [b](b.md).\n",
            "pages/b.md": "---\ntitle: [B\n---\n",
        ])
        #expect(diagnostics.map(\.rule) == ["yaml-syntax"])
    }

    @Test func aDutyInTheBodyForAnUnlistedPartyIsAWarning() throws {
        let parties = """
            - id: fastlege
              name: Fastlegen
              aliases: [fastlege, fastlegen, fastlegene]
            - id: sykehus
              name: Sykehuset
              aliases: [sykehus, sykehuset]
            - id: pasient
              name: Pasienten
              aliases: [pasienten, pasientens]
            - id: forum
              name: Forumet
            """
        let body = [
            "Fastlegen skal sende henvisning.",  // 12: a duty
            "Pasienten får time hos fastlegen.",  // no modal
            "Timen hos fastlegen skal bestilles av pasienten.",  // the subject is «timen»
            "Fastlegen bør ikke kalle inn pasienten.",  // negated
            "Når fastlegen skal henvise, ringer han sykehuset.",  // conditional
            "Sykehuset og fastlegen må samarbeide.",  // 17: coordinated subjects
            "Sykehuset skal sende epikrisen til fastlegen.",  // sykehus is listed
            "Det er **fastlegen** som har ansvaret.",  // no modal
            "Etter utskrivning skal fastlegen følge opp.",  // inverted: not recognised
            "Blåbær, og *fastlegene* må rydde.",  // 21: character columns, emphasis
            "Pasientens fastlege skal lese epikrisen.",  // 22: the subject is «fastlege», not «pasientens»
            "Pasienten skal få tilbud om samtale.",  // receives, not does
            "Fastlegen skal også få utarbeidet en plan.",  // få + participle: a beneficiary
            "Pasienten skal henvises, og fastlegen skal bli varslet.",  // s-passive and bli-passive
            "Pasienten må selv bestille time.",  // 26: a duty after an adverb
            "Fastlegen skal straks gis beskjed.",  // s-passive after an adverb
        ].joined(separator: "\n")
        let text = Self.recommendation(party: "sykehus", body: body + "\n")
        let (_, diagnostics, _) = try Support.check(["parties.yml": parties, "recommendations/s/r.md": text])
        #expect(
            diagnostics.map(\.short) == [
                "recommendations/s/r.md:12:1 responsible-unlisted", "recommendations/s/r.md:17:14 responsible-unlisted",
                "recommendations/s/r.md:21:13 responsible-unlisted", "recommendations/s/r.md:22:12 responsible-unlisted",
                "recommendations/s/r.md:26:1 responsible-unlisted",
            ])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        #expect(
            diagnostics.first?.message
                == "«Fastlegen skal sende henvisning» gir fastlegen en oppgave, men `responsible` har ikke `party: fastlege`; legg til `- party: fastlege` med `duty:`, eller skriv om setningen"
        )
    }

    @Test func withdrawnRecommendationsAndListedPartiesGetNoUnlistedWarning() throws {
        let withdrawn =
            "---\nid: MO-T-02\ntitle: T\nversion: 1.0\nstatus: trukket\nwithdrawn_reason: Erstattet.\nowner: forum\n---\nFastlegen skal gjøre noe.\n"
        let listed = Self.recommendation(body: "Fastlegen skal gjøre noe.\n")
        let (_, diagnostics, _) = try Support.check(["recommendations/s/a.md": withdrawn, "recommendations/s/b.md": listed])
        #expect(diagnostics.isEmpty)
    }

    @Test func aReviewDateBeforeTheReleaseIsOverdue() throws {
        // The release date of the minimal site is 2020-01-01.
        let (_, diagnostics, _) = try Support.check([
            "recommendations/s/a.md": Self.recommendation(id: "A", extra: "review: 2019-12\n"),
            "recommendations/s/b.md": Self.recommendation(id: "B", extra: "review: 2020\n"),
            "recommendations/s/c.md": Self.recommendation(id: "C", extra: "review: 2019-12-31\n"),
        ])
        #expect(diagnostics.map(\.short) == ["recommendations/s/a.md:11:9 review-overdue", "recommendations/s/c.md:11:9 review-overdue"])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test func publishedPagesWarnAboutLinksToDrafts() throws {
        let draft =
            "---\nid: D\ntitle: Utkast\nversion: 0.1\nstatus: utkast\nowner: forum\nresponsible:\n  - party: fastlege\n    duty: x\n---\nSe [a](id:A).\n"
        let (_, diagnostics, _) = try Support.check([
            "recommendations/s/a.md": Self.recommendation(id: "A", body: "Se [utkastet](d.md).\n"),
            "recommendations/s/d.md": draft,
        ])
        #expect(diagnostics.map(\.short) == ["recommendations/s/a.md:12:4 link-draft"])
    }
}
