import Foundation
import Markdown
import Testing

/// The printed edition (`PrintEdition`): a site whose first set mixes every status, a withdrawn
/// recommendation and one superseded by another in force, whose second set has 45 adopted
/// recommendations, and whose third has none in force, built once.
@Suite struct PrintEditionTests {
    static func recommendation(_ id: String, status: String, extra: String = "", body: String = "Tekst.") -> String {
        let adopted = status == "vedtatt" || status == "retningslinje" ? "adopted: 2019-01\n" : ""
        let withdrawn = status == "trukket" ? "withdrawn_reason: Ikke lenger i bruk.\n" : ""
        return """
            ---
            id: \(id)
            title: Tittel \(id)
            version: 1.0
            status: \(status)
            \(adopted)\(withdrawn)\(extra)owner: forum
            responsible:
              - party: fastlege
                duty: Gjør oppgaven i \(id).
            ---
            \(body)

            """
    }

    /// The ids in force, in the order the edition of the whole release must print them.
    static let inForce = ["A-1", "A-3", "A-6", "A-10"] + (1...45).map { "B-" + String(format: "%02d", $0) }

    static let build: Result<String, Error> = Result {
        var files: [String: String] = [
            "recommendations/a/_set.md": "---\nid: A\ntitle: Første sett\nstatus: vedtatt\nowner: forum\norder: 1\n---\n",
            "recommendations/b/_set.md": "---\nid: B\ntitle: Andre sett\nstatus: vedtatt\nowner: forum\norder: 2\n---\n",
            "recommendations/c/_set.md": "---\nid: C\ntitle: Tredje sett\nstatus: vedtatt\nowner: forum\norder: 3\n---\n",
            // Natural order: … A-10, whatever the file names.
            "recommendations/a/en.md": recommendation(
                "A-1", status: "vedtatt",
                body: "## Begrunnelse\n\nFordi. Se [detaljene](#detaljer), [toppen](#hovedinnhold) og [oppgaven](#oppgave-fastlege)."
                    + "\n\n### Detaljer\n\nMer."),
            "recommendations/a/to.md": recommendation("A-2", status: "høring"),
            "recommendations/a/tre.md": recommendation("A-3", status: "retningslinje", body: "## Begrunnelse\n\nOgså."),
            "recommendations/a/fire.md": recommendation("A-4", status: "trukket"),
            "recommendations/a/fem.md": recommendation("A-5", status: "vedtatt"),
            "recommendations/a/seks.md": recommendation("A-6", status: "vedtatt", extra: "supersedes: [A-5]\n"),
            "recommendations/a/ti.md": recommendation("A-10", status: "vedtatt"),
            "recommendations/c/c.md": recommendation("C-1", status: "høring"),
        ]
        for n in 1...45 {
            let id = "B-" + String(format: "%02d", n)
            files["recommendations/b/r-\(n).md"] = recommendation(id, status: "vedtatt")
        }
        var site = Support.minimalSite
        site["recommendations/s/_set.md"] = nil
        let content = try Support.contentFolder(site.merging(files) { _, new in new })
        defer { Support.removeTemporaryFolder(content) }
        let output = try Support.temporaryFolder()
        try Support.build(content: content, output: output)
        return output + "/v/1/"
    }

    static func page(_ path: String) throws -> String { try Support.read(try build.get() + path) }

    /// The ids of the recommendations a page prints, in order.
    static func printed(_ html: String) -> [String] {
        html.components(separatedBy: "<article class=\"print-recommendation\" id=\"anbefaling-").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
    }

    /// "Anbefaling k av N" of each recommendation on a page, in order.
    static func numbers(_ html: String) -> [String] {
        html.components(separatedBy: "<p class=\"print-count\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    static let parts = ["utskrift/index.html", "utskrift/side/2/index.html", "utskrift/side/3/index.html"]

    @Test func theWholeEditionPrintsOnlyTheRecommendationsInForceInTheSitesOrder() throws {
        let printed = try Self.parts.flatMap { Self.printed(try Self.page($0)) }
        #expect(printed == Self.inForce)
        let numbers = try Self.parts.flatMap { Self.numbers(try Self.page($0)) }
        #expect(numbers == (1...49).map { "Anbefaling \($0) av 49" })
    }

    @Test func aLongEditionIsSplitIntoPartsOfTwentyWithTheTitlePageOnTheFirst() throws {
        let release = try Self.build.get()
        let pages = try Self.parts.map(Self.page)
        #expect(!FileManager.default.fileExists(atPath: release + "utskrift/side/4/index.html"))
        #expect(pages.map { Self.printed($0).count } == [20, 20, 9])
        #expect(pages.map { $0.contains("class=\"print-title-page\"") } == [true, false, false])
        // The first part lists every part, with its first and last recommendation; each part
        // lists its own recommendations, numbered through the edition.
        #expect(pages[0].contains("Del 2</a>, anbefaling 21–40: B-17 Tittel B-17 – B-36 Tittel B-36</li>"))
        #expect(pages[0].contains("Del 3</a>, anbefaling 41–49: B-37 Tittel B-37 – B-45 Tittel B-45</li>"))
        #expect(pages[0].contains("<strong>Del 1 (denne)</strong>"))
        // A later part does not list them again: it leads to the first and to its neighbours.
        #expect(!pages[1].contains("print-parts"))
        #expect(
            pages[1].contains(
                "Dette er del 2; <a href=\"../../../utskrift/index.html\">del 1</a> har tittelsiden og alle delene.</p>\n<p class=\"print-part-links\"><a href=\"../../../utskrift/index.html\" rel=\"prev\">← Forrige del</a> · <a href=\"../../../utskrift/side/3/index.html\" rel=\"next\">Neste del →</a></p>"
            ))
        #expect(pages[2].contains("<a href=\"../../../utskrift/side/2/index.html\" rel=\"prev\">← Forrige del</a></p>"))
        #expect(pages[1].contains("<ol class=\"print-toc-list\" start=\"21\">"))
        #expect(pages[1].contains("<title>Utskrift av alle gjeldende anbefalinger (del 2 av 3) – T</title>"))
        // The second set begins on the first part and goes on into the second.
        #expect(pages[0].contains("<h2 class=\"print-set-title\" id=\"sett-b\">Andre sett</h2>"))
        #expect(pages[1].contains("<h2 class=\"print-set-title\" id=\"sett-b\">Andre sett (fortsatt)</h2>"))
        #expect(!pages[1].contains("sett-a"))
    }

    @Test func aSetsEditionPrintsItsOwnRecommendationsInForce() throws {
        let first = try Self.page("anbefalinger/a/utskrift/index.html")
        #expect(Self.printed(first) == ["A-1", "A-3", "A-6", "A-10"])
        #expect(Self.numbers(first) == ["Anbefaling 1 av 4", "Anbefaling 2 av 4", "Anbefaling 3 av 4", "Anbefaling 4 av 4"])
        #expect(first.contains("<h1 id=\"utskrift-tittel\">Første sett</h1>"))
        #expect(first.contains("4 gjeldende anbefalinger i settet"))
        // 45 in a set: three parts of their own.
        #expect(Self.printed(try Self.page("anbefalinger/b/utskrift/side/3/index.html")) == (41...45).map { "B-\($0)" })
        let empty = try Self.page("anbefalinger/c/utskrift/index.html")
        #expect(Self.printed(empty).isEmpty)
        #expect(empty.contains("Ingen av settets anbefalinger er gjeldende i denne utgaven."))
        #expect(!empty.contains("class=\"print-toc\""))
    }

    @Test func theEditionsAreLinkedFromTheFrontPageTheSetsAndEachSet() throws {
        #expect(
            try Self.page("index.html").contains("<a class=\"more\" href=\"utskrift/index.html\">Skriv ut alle gjeldende anbefalinger</a>"))
        #expect(
            try Self.page("anbefalinger/index.html").contains("<a href=\"../utskrift/index.html\">Skriv ut alle gjeldende anbefalinger</a>")
        )
        #expect(
            try Self.page("anbefalinger/a/index.html").contains(
                "<a href=\"../../anbefalinger/a/utskrift/index.html\">Skriv ut settets gjeldende anbefalinger</a>"))
    }

    @Test func everyIdOnAnEditionIsItsOwnAndBodyHeadingsGoBelowTheTitle() throws {
        for path in Self.parts + ["anbefalinger/a/utskrift/index.html"] {
            let html = try Self.page(path)
            let ids = html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(Set(ids).count == ids.count, "\(path) has an id twice")
        }
        // The whole release: set h2, recommendation h3, its body from h4; a set's: h2, then h3.
        let whole = try Self.page("utskrift/index.html")
        #expect(whole.contains("<h3 id=\"anbefaling-A-1-tittel\" class=\"print-recommendation-title\">Tittel A-1</h3>"))
        #expect(whole.contains("<h4 id=\"a1-begrunnelse\">Begrunnelse</h4>"))
        #expect(whole.contains("<h5 id=\"a1-detaljer\">Detaljer</h5>"))
        // Links within the body: to its heading, to the page's main content, and to a row of the
        // recommendation's own page.
        #expect(
            whole.contains(
                "Se <a href=\"#a1-detaljer\">detaljene</a>, <a href=\"#hovedinnhold\">toppen</a> og "
                    + "<a href=\"../anbefalinger/a/en/index.html#oppgave-fastlege\">oppgaven</a>."))
        #expect(whole.contains("<h4 id=\"a2-begrunnelse\">Begrunnelse</h4>"))
        let set = try Self.page("anbefalinger/a/utskrift/index.html")
        #expect(set.contains("<h2 id=\"anbefaling-A-1-tittel\" class=\"print-recommendation-title\">Tittel A-1</h2>"))
        #expect(set.contains("<h3 id=\"a1-begrunnelse\">Begrunnelse</h3>"))
    }

    @Test func theAPISaysWhichRecommendationsAreInForce() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: try Self.build.get() + "api/recommendations.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let recommendations = try #require(json["recommendations"] as? [[String: Any]])
        let inForce = recommendations.filter { $0["inForce"] as? Bool == true }.compactMap { $0["id"] as? String }
        #expect(inForce == Self.inForce)
        #expect(
            recommendations.filter { $0["inForce"] as? Bool == false }.compactMap { $0["id"] as? String } == ["A-2", "A-4", "A-5", "C-1"])
    }

    @Test func aBodyPutDeeperKeepsItsOutlineAndPrefixesItsIds() {
        // `#` and `##` are the body's first level, as on a page of its own; no level is skipped.
        let html = Markdown.html("# Topp\n\n## Under\n\n### Dypere\n\n##### Hopper over\n", headingLevel: 4, idPrefix: "a7-")
        #expect(html.contains("<h4 id=\"a7-topp\">Topp</h4>"))
        #expect(html.contains("<h4 id=\"a7-under\">Under</h4>"))
        #expect(html.contains("<h5 id=\"a7-dypere\">Dypere</h5>"))
        #expect(html.contains("<h6 id=\"a7-hopper-over\">Hopper over</h6>"))
        // A page of its own keeps `##` as `h2`.
        #expect(Markdown.html("## Under\n").contains("<h2 id=\"under\">Under</h2>"))
    }

    @Test func noRecommendationMayBeCalledUtskriftNorAFreePage() throws {
        let (_, diagnostics, _) = try Support.check([
            "recommendations/s/utskrift.md": Self.recommendation("S-1", status: "vedtatt"),
            "pages/utskrift.md": "---\ntitle: Utskrift\n---\n",
        ])
        #expect(
            diagnostics.map { "\($0.short): \($0.message)" } == [
                "pages/utskrift.md:1:1 page-slug-reserved: siden kan ikke hete `utskrift`: nettstedet bruker allerede `utskrift/`; "
                    + "gi filen et annet navn",
                "recommendations/s/utskrift.md:1:1 page-slug-reserved: anbefalingen kan ikke hete `utskrift`: nettstedet bruker "
                    + "`utskrift/` i settets mappe til utskriften av settets anbefalinger; gi filen et annet navn",
            ])
    }
}
