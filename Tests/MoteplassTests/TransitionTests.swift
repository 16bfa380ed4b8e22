import Foundation
import Testing

@testable import Content
@testable import Rendering

/// The transitions (`overganger/`): which pairs of parties the recommendations in force hand over
/// between, their stable addresses, their pages, and the links to them.
@Suite struct TransitionTests {
    /// Recommendations of every kind with handovers: only those in force make transitions.
    static let files: [String: String] = [
        "parties.yml": """
        - id: fastlege
          name: Fastlegen
        - id: sykehus
          name: Sykehuset
        - id: moteplass-arbeidsforum
          name: Arbeidsforumet
        - id: forum
          name: Forumet
        """,
        // In force, both directions, one pair twice and a handover to the party itself.
        "recommendations/s/a.md": """
        ---
        id: S-01
        title: Utskrivning
        version: 1.0
        status: vedtatt
        adopted: 2019
        owner: forum
        responsible:
          - party: sykehus
            duty: Sender epikrisen.
          - party: fastlege
            duty: Følger opp.
          - party: sykehus
            duty: Ringer fastlegen.
        handover:
          - from: sykehus
            to: fastlege
            when: Ved utskrivning
          - from: fastlege
            to: sykehus
            when: Ved innleggelse
          - from: sykehus
            to: sykehus
            when: Ved overflytting
          - from: sykehus
            to: fastlege
        ---
        Tekst.
        """,
        // In force (retningslinje); the receiving party has no duty; it supersedes S-03.
        "recommendations/s/b.md": """
        ---
        id: S-02
        title: Retningslinje
        version: 2.0
        status: retningslinje
        adopted: 2020
        owner: forum
        supersedes: [S-03]
        responsible:
          - party: sykehus
            duty: Melder fra.
        handover:
          - from: sykehus
            to: fastlege
            when: Etter kontroll
          - from: sykehus
            to: moteplass-arbeidsforum
            when: Ved avvik
        ---
        Tekst.
        """,
        // Adopted but superseded by S-02, which is in force: not in force.
        "recommendations/s/c.md": """
        ---
        id: S-03
        title: Gammel
        version: 1.0
        status: vedtatt
        adopted: 2018
        owner: forum
        responsible:
          - party: forum
            duty: Noe.
        handover:
          - from: forum
            to: fastlege
        ---
        Tekst.
        """,
        // On consultation: not in force.
        "recommendations/s/d.md": """
        ---
        id: S-04
        title: Forslag
        version: 0.9
        status: høring
        owner: forum
        responsible:
          - party: fastlege
            duty: Noe.
        handover:
          - from: fastlege
            to: forum
        ---
        Tekst.
        """,
        // Withdrawn: not in force.
        "recommendations/s/e.md": """
        ---
        id: S-05
        title: Trukket
        version: 1.0
        status: trukket
        withdrawn_reason: Feil.
        owner: forum
        handover:
          - from: moteplass-arbeidsforum
            to: sykehus
        ---
        Tekst.
        """,
    ]

    static func site() throws -> Site {
        let (site, diagnostics, _) = try Support.check(files)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.map(\.short))")
        return try #require(site).published(includeDrafts: false)
    }

    static func pairs(_ transitions: Transitions) -> [String] {
        transitions.all.map { "\($0.from)>\($0.to): " + $0.entries.map(\.recommendation.id.value).joined(separator: ",") }
    }

    @Test func pairsComeOnlyFromRecommendationsInForceAndEachDirectionIsItsOwn() throws {
        let transitions = Transitions(try Self.site())
        // Ordered by parties.yml, the giving party first; no pair of a party with itself.
        #expect(
            Self.pairs(transitions) == [
                "fastlege>sykehus: S-01", "sykehus>fastlege: S-01,S-02", "sykehus>moteplass-arbeidsforum: S-02",
            ])
        let discharge = try #require(transitions.transition(from: "sykehus", to: "fastlege"))
        #expect(discharge.entries.count == 2)
        // A recommendation that names the pair twice is listed once, with both handovers in order.
        #expect(discharge.entries[0].handovers.map { $0.when?.value } == ["Ved utskrivning", nil])
        #expect(discharge.entries[1].handovers.map { $0.when?.value } == ["Etter kontroll"])
        #expect(transitions.transition(from: "fastlege", to: "forum") == nil)
        #expect(transitions.transition(from: "forum", to: "fastlege") == nil)
        #expect(transitions.transition(from: "sykehus", to: "sykehus") == nil)
        #expect(transitions.involving("fastlege").map(\.slug) == ["fastlege-sykehus", "sykehus-fastlege"])
        #expect(transitions.involving("forum").isEmpty)
    }

    @Test func folderNamesAreStableAndMeanOnePairEvenWhenIdsHoldHyphens() {
        #expect(Transition.slug(from: "sykehus", to: "fastlege") == "sykehus-fastlege")
        #expect(Transition.slug(from: "sykehus", to: "moteplass-arbeidsforum") == "sykehus--moteplass-arbeidsforum")
        #expect(Transition.slug(from: "nfa-faggruppe", to: "pko") == "nfa-faggruppe--pko")
        // Every ordered pair of these ids, hyphens anywhere, gets its own name.
        let ids = ["a", "b", "a-b", "b-c", "c", "a-b-c", "ab", "b-a"]
        var names: [String: String] = [:]
        for from in ids {
            for to in ids where to != from {
                let name = Transition.slug(from: from, to: to)
                #expect(names[name] == nil, "\(from)>\(to) and \(names[name] ?? "") are both \(name)")
                names[name] = "\(from)>\(to)"
            }
        }
        let transition = Transition(from: "sykehus", to: "fastlege", entries: [])
        #expect(Route.path(of: transition) == "overganger/sykehus-fastlege/")
    }

    @Test func pagesAndLinksLeadToEveryTransition() throws {
        let content = try Support.contentFolder(Support.minimalSite.merging(Self.files) { _, new in new })
        let output = try Support.temporaryFolder()
        defer {
            Support.removeTemporaryFolder(content)
            Support.removeTemporaryFolder(output)
        }
        try Support.build(content: content, output: output)
        let release = output + "/v/1/"
        let pages = Support.files(in: release + "overganger")
        #expect(
            pages == [
                "fastlege-sykehus/index.html", "index.html", "sykehus--moteplass-arbeidsforum/index.html", "sykehus-fastlege/index.html",
            ])

        // The index: a row per pair with its count, linking to the pair's page.
        let index = try Support.read(release + "overganger/index.html")
        #expect(
            index.contains(
                "<tr><th scope=\"row\"><a href=\"../overganger/sykehus-fastlege/index.html\">Fra Sykehuset til Fastlegen</a></th><td>2</td></tr>"
            ))
        #expect(index.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 3)
        // The drawing beside the table: hidden from assistive technology, an arrow per pair.
        #expect(index.contains("aria-hidden=\"true\">"))
        #expect(index.components(separatedBy: "class=\"diagram-arrow\"").count - 1 == 3)

        // A pair's page: each recommendation in force, when, and what each party does.
        let page = try Support.read(release + "overganger/sykehus-fastlege/index.html")
        #expect(page.contains("<h1>Fra Sykehuset til Fastlegen</h1>"))
        #expect(page.contains("<a href=\"../../anbefalinger/s/a/index.html\">Utskrivning</a>"))
        #expect(page.contains("<a href=\"../../anbefalinger/s/b/index.html\">Retningslinje</a>"))
        #expect(!page.contains("Forslag") && !page.contains("Gammel"))
        #expect(page.contains("<dd>Ved utskrivning</dd>") && page.contains("<dd>Etter kontroll</dd>"))
        #expect(page.contains("<dt>Sykehuset gjør</dt><dd>Sender epikrisen.</dd><dd>Ringer fastlegen.</dd>"))
        #expect(page.contains("<dt>Fastlegen gjør</dt><dd>Følger opp.</dd>"))
        // S-02 gives the fastlege no duty, and the page says so.
        #expect(page.contains("<dt>Fastlegen gjør</dt><dd>Har ingen oppgave i anbefalingen.</dd>"))
        // Each recommendation's swimlane, with the pair's two lanes only (giver first), hidden
        // from screen readers as on the recommendation page.
        let drawings = page.components(separatedBy: "<div class=\"swimlane\" aria-hidden=\"true\">").dropFirst()
        #expect(drawings.count == 2)
        for drawing in drawings {
            let wide = String(drawing.prefix { $0 != "\n" } == "" ? drawing.dropFirst().prefix { $0 != "\n" } : drawing.prefix { $0 != "\n" })
            #expect(wide.components(separatedBy: "class=\"swimlane-lane\"").count - 1 == 2, "\(wide)")
            let sykehus = try #require(wide.range(of: ">Sykehuset</tspan>")), fastlege = try #require(wide.range(of: ">Fastlegen</tspan>"))
            #expect(sykehus.lowerBound < fastlege.lowerBound)
        }

        // The recommendation's handovers link to their transitions; not the one to the party itself.
        let recommendation = try Support.read(release + "anbefalinger/s/a/index.html")
        let handovers = try #require(recommendation.components(separatedBy: "<ul class=\"handover\">").dropFirst().first)
            .components(separatedBy: "</ul>")[0]
        #expect(handovers.components(separatedBy: "../../../overganger/sykehus-fastlege/index.html").count - 1 == 2)
        #expect(handovers.components(separatedBy: "../../../overganger/fastlege-sykehus/index.html").count - 1 == 1)
        #expect(handovers.components(separatedBy: "overganger/").count - 1 == 3)

        // Both parties' pages list the pair; a party in no transition has no such section.
        for party in ["sykehus", "fastlege"] {
            let html = try Support.read(release + "ansvar/\(party)/index.html")
            #expect(html.contains("<h2 id=\"seksjon-overganger\">Overganger</h2>"), "\(party)")
            #expect(html.contains("<a href=\"../../overganger/sykehus-fastlege/index.html\">Fra Sykehuset til Fastlegen</a>"), "\(party)")
            #expect(html.contains("<a href=\"../../overganger/fastlege-sykehus/index.html\">Fra Fastlegen til Sykehuset</a>"), "\(party)")
        }
        let forum = try Support.read(release + "ansvar/forum/index.html")
        #expect(!forum.contains("seksjon-overganger"))
        let hyphenated = try Support.read(release + "ansvar/moteplass-arbeidsforum/index.html")
        #expect(
            hyphenated.contains(
                "<a href=\"../../overganger/sykehus--moteplass-arbeidsforum/index.html\">Fra Sykehuset til Arbeidsforumet</a>"))

        // The sitemap has them.
        let sitemap = try Support.read(release + "sitemap.xml")
        #expect(sitemap.contains("<loc>https://t.example/v/1/overganger/</loc>"))
        #expect(sitemap.contains("<loc>https://t.example/v/1/overganger/sykehus--moteplass-arbeidsforum/</loc>"))
    }

    @Test func theAPIListsEachTransitionWithItsRecommendations() throws {
        let site = try Self.site()
        let json = try APITests.json(APITests.file("api/transitions.json", in: API.files(site)))
        let transitions = try #require(json["transitions"] as? [[String: Any]])
        #expect(transitions.count == 3)
        let discharge = try #require(transitions.first { ($0["url"] as? String) == "overganger/sykehus-fastlege/" })
        #expect((discharge["from"] as? [String: String]) == ["id": "sykehus", "name": "Sykehuset"])
        #expect((discharge["to"] as? [String: String]) == ["id": "fastlege", "name": "Fastlegen"])
        let recommendations = try #require(discharge["recommendations"] as? [[String: Any]])
        #expect(recommendations.map { $0["id"] as? String } == ["S-01", "S-02"])
        #expect(recommendations.map { $0["version"] as? String } == ["1.0", "2.0"])
        #expect(recommendations.map { $0["url"] as? String } == ["anbefalinger/s/a/", "anbefalinger/s/b/"])
        // One `when` per handover between the two, `null` where none is given.
        #expect((recommendations[0]["when"] as? [Any])?.count == 2)
        #expect((recommendations[0]["when"] as? [Any])?.first as? String == "Ved utskrivning")
        #expect((recommendations[0]["when"] as? [Any])?.last is NSNull)
        // The schema is published beside the others.
        let schema = try APITests.json(APITests.file("api/schema/transitions.schema.json", in: API.files(site)))
        #expect(schema["$id"] as? String == "urn:moteplass-oslo:schema:transitions:1")
    }

    /// Seven parties that all hand over to each other make 42 pairs: too many arrows to draw.
    @Test func thereIsNoDrawingOfMoreThanFortyPairs() throws {
        let ids = ["a", "b", "c", "d", "e", "f", "g"]
        func site(handovers pairs: [(String, String)]) throws -> Site {
            let parties = ids.map { "- id: \($0)\n  name: Part \($0)\n" }.joined() + "- id: forum\n  name: Forumet\n"
            let handovers = pairs.map { "  - from: \($0.0)\n    to: \($0.1)\n" }.joined()
            let recommendation =
                "---\nid: S-01\ntitle: Alle\nversion: 1.0\nstatus: vedtatt\nadopted: 2019\nowner: forum\nresponsible:\n"
                + ids.map { "  - party: \($0)\n    duty: Noe.\n" }.joined() + "handover:\n" + handovers + "---\nTekst.\n"
            let (site, _, _) = try Support.check(["parties.yml": parties, "recommendations/s/a.md": recommendation])
            return try #require(site)
        }
        let all = ids.flatMap { from in ids.filter { $0 != from }.map { (from, $0) } }
        let many = try site(handovers: all)
        #expect(Transitions(many).all.count == 42)
        #expect(TransitionDiagram.svg(Transitions(many), site: many) == nil)
        let few = try site(handovers: Array(all.prefix(40)))
        #expect(TransitionDiagram.svg(Transitions(few), site: few)?.components(separatedBy: "class=\"diagram-arrow\"").count == 41)
    }
}
