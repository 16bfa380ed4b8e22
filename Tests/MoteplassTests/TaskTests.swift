import Diagnostics
import Foundation
import Testing

@testable import Rendering

/// Who does what across recommendations: handovers to parties without a duty, a duty's `task`,
/// `tasks.yml`, tasks given to two parties, and the page `oppgaver/`.
@Suite struct TaskTests {
    /// A recommendation whose duties are `(party, task)`; line 9 is the first duty's `party`, and
    /// each duty takes three lines (two without a task).
    static func recommendation(
        id: String, status: String = "vedtatt", duties: [(String, String?)], extra: String = ""
    ) -> String {
        var text = "---\nid: \(id)\ntitle: Tittel \(id)\nversion: 1.0\nstatus: \(status)\nadopted: 2017\nowner: forum\nresponsible:\n"
        for (party, task) in duties {
            text += "  - party: \(party)\n    duty: Gjør noe.\n"
            if let task { text += "    task: \(task)\n" }
        }
        return text + extra + "---\nTekst.\n"
    }

    static let tasksFile = "- id: timebestilling\n  title: Timebestilling etter utskrivning\n- id: epikrise\n  title: Epikrise\n"

    // MARK: handover-without-duty

    @Test func aHandoverPartyWithoutADutyIsAWarningAtThatParty() throws {
        let text = Self.recommendation(
            id: "A-1", duties: [("fastlege", nil)], extra: "handover:\n  - from: sykehus\n    to: fastlege\n    when: Ved utskrivning\n")
        let (site, diagnostics, _) = try Support.check(["recommendations/s/a.md": text])
        #expect(diagnostics.map(\.short) == ["recommendations/s/a.md:12:11 handover-without-duty"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(
            diagnostics.first?.message
                == "sykehuset gir fra seg ansvaret ved overgangen «Ved utskrivning», men har ingen oppgave i `responsible`; legg til `- party: sykehus` med `duty:` som sier hva sykehuset gjør før overgangen, eller rett `from:`"
        )
        #expect(site != nil)
    }

    @Test func aHandoverBetweenPartiesWithDutiesIsQuiet() throws {
        let text = Self.recommendation(
            id: "A-1", duties: [("fastlege", nil), ("sykehus", nil)], extra: "handover:\n  - from: sykehus\n    to: fastlege\n")
        let (_, diagnostics, _) = try Support.check(["recommendations/s/a.md": text])
        #expect(diagnostics.isEmpty)
    }

    @Test func anUnknownPartyIsReportedOnlyAsUnknown() throws {
        // `fastlegen` is likely `fastlege`: the handover to `fastlege` is not reported as well.
        let text = Self.recommendation(
            id: "A-1", duties: [("fastlegen", nil), ("sykehus", nil)], extra: "handover:\n  - from: sykehus\n    to: fastlege\n")
        let (_, diagnostics, _) = try Support.check(["recommendations/s/a.md": text])
        #expect(diagnostics.map(\.rule) == ["party-unknown"])
    }

    // MARK: task

    @Test func aMalformedTaskIsReportedAtItsValueAndTheDutyKept() throws {
        let text = Self.recommendation(
            id: "A-1", duties: [("fastlege", "Time Bestilling")], extra: "handover:\n  - from: sykehus\n    to: fastlege\n")
        let (site, diagnostics, _) = try Support.check(["recommendations/s/a.md": text])
        // The duty stays, so the handover's `to` finds it; `from` has none.
        #expect(
            diagnostics.map(\.short) == ["recommendations/s/a.md:11:11 slug-invalid", "recommendations/s/a.md:13:11 handover-without-duty"])
        #expect(diagnostics.first?.message.contains("(f.eks. `time-bestilling`)") == true)
        #expect(site?.recommendations.first?.responsible.map(\.party.value) == ["fastlege"])
        #expect(site?.recommendations.first?.responsible.first?.task == nil)
    }

    @Test func aTaskNotInTasksFileIsUnknownWithTheClosestID() throws {
        let (_, diagnostics, _) = try Support.check([
            "tasks.yml": Self.tasksFile,
            "recommendations/s/a.md": Self.recommendation(id: "A-1", duties: [("fastlege", "timebestiling"), ("sykehus", "epikrise")]),
        ])
        #expect(diagnostics.map(\.short) == ["recommendations/s/a.md:11:11 task-unknown"])
        #expect(
            diagnostics.first?.message
                == "oppgaven `timebestiling` finnes ikke i tasks.yml. Mente du `timebestilling`? Bruk en id fra tasks.yml, eller legg oppgaven til der."
        )
    }

    @Test func withoutTasksFileAnySlugIsATask() throws {
        let (site, diagnostics, _) = try Support.check([
            "recommendations/s/a.md": Self.recommendation(id: "A-1", duties: [("fastlege", "hva-som-helst")])
        ])
        #expect(diagnostics.isEmpty)
        #expect(site?.tasks == nil)
        #expect(site?.taskIDs == ["hva-som-helst"])
        #expect(site?.taskTitle("hva-som-helst") == "hva-som-helst")
    }

    @Test func tasksFileEntriesAreCheckedLikeParties() throws {
        let file = "- id: timebestilling\n  title: A\n- id: timebestilling\n  title: B\n- id: Epikrise\n  title: C\n- id: uten-tittel\n"
        let (_, diagnostics, _) = try Support.check(["tasks.yml": file])
        #expect(
            diagnostics.map(\.short) == [
                "tasks.yml:3:7 id-duplicate", "tasks.yml:5:7 slug-invalid", "tasks.yml:7:3 field-missing",
            ])
    }

    // MARK: task-conflict

    @Test func oneTaskGivenToTwoPartiesInForceIsAConflictAtBothDuties() throws {
        let (_, diagnostics, _) = try Support.check([
            "tasks.yml": Self.tasksFile,
            "recommendations/s/a.md": Self.recommendation(id: "A-1", duties: [("fastlege", "timebestilling")]),
            "recommendations/s/b.md": Self.recommendation(
                id: "A-2", status: "retningslinje", duties: [("fastlege", nil), ("sykehus", "timebestilling")]),
        ])
        #expect(diagnostics.map(\.short) == ["recommendations/s/a.md:11:11 task-conflict", "recommendations/s/b.md:13:11 task-conflict"])
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(diagnostics[0].message.hasPrefix("oppgaven `timebestilling` er gitt til fastlegen her, men til sykehuset i A-2 ("))
        #expect(diagnostics[0].message.contains("recommendations/s/b.md:13:11)"))
        #expect(diagnostics[1].message.hasPrefix("oppgaven `timebestilling` er gitt til sykehuset her, men til fastlegen i A-1 ("))
        #expect(diagnostics[1].message.contains("recommendations/s/a.md:11:11)"))
    }

    @Test func theSamePartyInTwoRecommendationsIsNoConflict() throws {
        let (_, diagnostics, _) = try Support.check([
            "recommendations/s/a.md": Self.recommendation(id: "A-1", duties: [("fastlege", "timebestilling")]),
            "recommendations/s/b.md": Self.recommendation(id: "A-2", duties: [("fastlege", "timebestilling")]),
        ])
        #expect(diagnostics.isEmpty)
    }

    @Test func aRecommendationThatSupersedesTheOtherIsNoConflict() throws {
        let (site, diagnostics, _) = try Support.check([
            "recommendations/s/a.md": Self.recommendation(id: "A-1", duties: [("fastlege", "timebestilling")]),
            "recommendations/s/b.md": Self.recommendation(
                id: "A-2", duties: [("sykehus", "timebestilling")], extra: "supersedes: [A-1]\n"),
        ])
        #expect(diagnostics.isEmpty)
        let old = try #require(site?.recommendation(id: "A-1"))
        #expect(site?.isInForce(old) == false)
    }

    /// A consultation open on the release date (2020-01-01), so that `høring` gives no warning.
    static let hearing = "hearing:\n  deadline: 2020-02-01\n  respond_to: horing@t.example\n"

    @Test func aSupersedingProposalLeavesTheOldInForce() throws {
        // A-3 on høring would replace A-1, but A-1 is in force until it is adopted: conflict.
        let (_, diagnostics, _) = try Support.check([
            "recommendations/s/a.md": Self.recommendation(id: "A-1", duties: [("fastlege", "timebestilling")]),
            "recommendations/s/b.md": Self.recommendation(id: "A-2", duties: [("sykehus", "timebestilling")]),
            "recommendations/s/c.md": Self.recommendation(
                id: "A-3", status: "høring", duties: [("sykehus", "timebestilling")], extra: "supersedes: [A-1]\n" + Self.hearing),
        ])
        #expect(diagnostics.map(\.short) == ["recommendations/s/a.md:11:11 task-conflict", "recommendations/s/b.md:11:11 task-conflict"])
    }

    @Test(arguments: ["høring", "utkast"]) func aRecommendationNotInForceIsNoConflict(status: String) throws {
        let (_, diagnostics, _) = try Support.check([
            "recommendations/s/a.md": Self.recommendation(id: "A-1", duties: [("fastlege", "timebestilling")]),
            "recommendations/s/b.md": Self.recommendation(
                id: "A-2", status: status, duties: [("sykehus", "timebestilling")], extra: status == "høring" ? Self.hearing : ""),
        ])
        #expect(diagnostics.isEmpty)
    }

    @Test func aRecommendationInADraftSetIsNoConflict() throws {
        let (_, diagnostics, _) = try Support.check([
            "recommendations/s/a.md": Self.recommendation(id: "A-1", duties: [("fastlege", "timebestilling")]),
            "recommendations/u/_set.md": "---\nid: U\ntitle: Utkast\nstatus: utkast\nowner: forum\n---\n",
            "recommendations/u/b.md": Self.recommendation(id: "A-2", duties: [("sykehus", "timebestilling")]),
        ])
        #expect(diagnostics.isEmpty)
    }

    // MARK: oppgaver/ and the API

    @Test func theTasksPageListsEachTaskWithItsPartiesAndRecommendations() throws {
        let content = try Support.contentFolder(
            Support.minimalSite.merging([
                "tasks.yml": Self.tasksFile,
                "recommendations/s/a.md": Self.recommendation(id: "A-1", duties: [("fastlege", "timebestilling"), ("sykehus", nil)]),
                "recommendations/s/b.md": Self.recommendation(id: "A-2", status: "høring", duties: [("sykehus", "timebestilling")]),
            ]) { _, new in new })
        let output = try Support.temporaryFolder()
        defer {
            Support.removeTemporaryFolder(content)
            Support.removeTemporaryFolder(output)
        }
        try Support.build(content: content, output: output)
        let page = try Support.read("\(output)/v/1/oppgaver/index.html")
        #expect(page.contains("<h2 id=\"oppgave-timebestilling\">Timebestilling etter utskrivning</h2>"))
        #expect(page.contains("<h2 id=\"oppgave-epikrise\">Epikrise</h2>"))
        #expect(page.contains("<p>Ingen publisert anbefaling gir denne oppgaven ennå.</p>"))
        let fastlege = try #require(page.range(of: "<a href=\"../ansvar/fastlege/index.html\">Fastlegen</a>"))
        let sykehus = try #require(page.range(of: "<a href=\"../ansvar/sykehus/index.html\">Sykehuset</a>"))
        let first = try #require(page.range(of: "<a href=\"../anbefalinger/s/a/index.html#oppgave-fastlege\">A-1 Tittel A-1</a>"))
        let second = try #require(page.range(of: "<a href=\"../anbefalinger/s/b/index.html#oppgave-sykehus\">A-2 Tittel A-2</a>"))
        #expect(fastlege.lowerBound < first.lowerBound && first.lowerBound < sykehus.lowerBound && sykehus.lowerBound < second.lowerBound)
        #expect(try Support.read("\(output)/v/1/index.html").contains("href=\"oppgaver/index.html\""))
        #expect(try Support.read("\(output)/v/1/ansvar/index.html").contains("href=\"../oppgaver/index.html\""))
        #expect(try Support.read("\(output)/v/1/sitemap.xml").contains("<loc>https://t.example/v/1/oppgaver/</loc>"))
        // The duty links to its task; the one without a task does not.
        let recommendation = try Support.read("\(output)/v/1/anbefalinger/s/a/index.html")
        #expect(
            recommendation.contains(
                "Gjør noe. <span class=\"duty-task\">(oppgave: <a href=\"../../../oppgaver/index.html#oppgave-timebestilling\">Timebestilling etter utskrivning</a>)</span></td>"
            ))
        #expect(recommendation.components(separatedBy: "class=\"duty-task\"").count == 2)

        let api = try JSONSerialization.jsonObject(with: Data(Support.read("\(output)/v/1/api/recommendations.json").utf8))
        let recommendations = (api as? [String: Any])?["recommendations"] as? [[String: Any]] ?? []
        let duties = recommendations.first?["responsible"] as? [[String: Any]] ?? []
        #expect(duties.count == 2)
        #expect(duties.first?["task"] as? [String: String] == ["id": "timebestilling", "title": "Timebestilling etter utskrivning"])
        #expect(duties.last?["task"] is NSNull)
    }

    @Test func aChangedTaskChangesTheRecommendationsFingerprintAndNoTaskLeavesItAsItWas() throws {
        func fingerprint(_ task: String?) throws -> String {
            let (site, _, _) = try Support.check(["recommendations/s/a.md": Self.recommendation(id: "A-1", duties: [("fastlege", task)])])
            let recommendation = try #require(site?.recommendations.first)
            return ReleaseHistory.record(recommendation, try #require(site)).sha256
        }
        let none = try fingerprint(nil)
        #expect(try fingerprint("timebestilling") != none)
        #expect(try fingerprint("epikrise") != fingerprint("timebestilling"))
        // The fingerprint of a recommendation without tasks is the one releases made before tasks
        // existed: the canonical JSON of these fields, with no `task` key.
        let old: JSONValue = [
            "id": "A-1", "title": "Tittel A-1", "version": "1.0", "status": "vedtatt", "adopted": "2017", "review": .null,
            "duties": [["party": "fastlege", "duty": "Gjør noe."]], "handover": [], "tags": [], "text": "Tekst.\n",
        ]
        #expect(none == API.sha256(bytes: old.canonicalBytes()))
    }

    @Test func aSiteWithoutTasksHasNoTasksPage() throws {
        let content = try Support.contentFolder(
            Support.minimalSite.merging(["recommendations/s/a.md": Self.recommendation(id: "A-1", duties: [("fastlege", nil)])]) { _, new in
                new
            }
        )
        let output = try Support.temporaryFolder()
        defer {
            Support.removeTemporaryFolder(content)
            Support.removeTemporaryFolder(output)
        }
        try Support.build(content: content, output: output)
        #expect(!FileManager.default.fileExists(atPath: "\(output)/v/1/oppgaver/index.html"))
        #expect(try !Support.read("\(output)/v/1/index.html").contains("oppgaver/"))
    }
}
