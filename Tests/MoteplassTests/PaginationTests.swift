import Foundation
import Testing

/// Lists split into pages (`Pagination`): a site with 255 recommendations, 250 of them in one set
/// and overdue for review, all giving the GP a duty and the hospital the task `epikrise`, the five
/// of the small set giving the GP the task `kontroll`, and all with a handover from the hospital to
/// the GP, built once. Every list is 100 to a page; the first page keeps the
/// list's address, the others are `side/<n>/`.
@Suite struct PaginationTests {
    static let bigSet = 250
    static let smallSet = 5

    /// The release folder of one build shared by the checks below.
    static let build: Result<String, Error> = Result {
        var files: [String: String] = [
            "recommendations/t/_set.md": "---\nid: T\ntitle: Lite sett\nstatus: vedtatt\nowner: forum\norder: 2\n---\n"
        ]
        files["recommendations/s/_set.md"] = "---\nid: S\ntitle: Stort sett\nstatus: vedtatt\nowner: forum\norder: 1\n---\nSettets tekst.\n"
        files["recommendations/u/_set.md"] = "---\nid: U\ntitle: Tomt sett\nstatus: vedtatt\nowner: forum\norder: 3\n---\n"
        for (set, count) in [("s", bigSet), ("t", smallSet)] {
            for n in 1...count {
                let number = String(format: "%03d", n)
                files["recommendations/\(set)/r-\(number).md"] = """
                    ---
                    id: \(set.uppercased())-\(number)
                    title: Anbefaling \(set) \(n)
                    version: 1.0
                    status: vedtatt
                    adopted: 2019-01
                    \(set == "s" ? "review: 2019-06" : "tags: [t]")
                    owner: forum
                    responsible:
                      - party: fastlege
                        duty: Gjør oppgave \(n).\(set == "t" ? "\n    task: kontroll" : "")
                      - party: sykehus
                        duty: Sender epikrisen.
                        task: epikrise
                    handover:
                      - from: sykehus
                        to: fastlege
                        when: Ved utskrivning
                    ---
                    Tekst.

                    """
            }
        }
        let content = try Support.contentFolder(Support.minimalSite.merging(files) { _, new in new })
        defer { Support.removeTemporaryFolder(content) }
        let output = try Support.temporaryFolder()
        try Support.build(content: content, output: output)
        return output + "/v/1/"
    }

    static func page(_ path: String) throws -> String { try Support.read(try build.get() + path) }

    /// The ids of the recommendations a list page links to, in order (each row's link).
    static func listed(_ html: String) -> [String] {
        html.components(separatedBy: "<tr data-parties=").dropFirst().map { row in
            let cell = row.components(separatedBy: "<td class=\"nowrap\">")[1]
            return String(cell.prefix { $0 != "<" })
        }
    }

    static func ids(_ set: String, _ numbers: ClosedRange<Int>) -> [String] {
        numbers.map { "\(set.uppercased())-" + String(format: "%03d", $0) }
    }

    @Test func theListOfAllRecommendationsIsSplitAtOneHundred() throws {
        let release = try Self.build.get()
        let pages = [
            try Self.page("anbefalinger/index.html"), try Self.page("anbefalinger/side/2/index.html"),
            try Self.page("anbefalinger/side/3/index.html"),
        ]
        #expect(!FileManager.default.fileExists(atPath: release + "anbefalinger/side/4/index.html"))
        #expect(!FileManager.default.fileExists(atPath: release + "anbefalinger/side/1/index.html"))
        #expect(Self.listed(pages[0]) == Self.ids("s", 1...100))
        #expect(Self.listed(pages[1]) == Self.ids("s", 101...200))
        #expect(Self.listed(pages[2]) == Self.ids("s", 201...250) + Self.ids("t", 1...5))
        // A set whose recommendations run over two pages has its heading on both; the empty set
        // comes last, where it is in order.
        #expect(pages[2].contains(">Stort sett</a></h2>") && pages[2].contains(">Lite sett</a></h2>"))
        #expect(pages[2].contains(">Tomt sett</a></h2>") && !pages[0].contains(">Tomt sett</a></h2>"))
        #expect(pages[1].contains("Side 2 av 3: anbefalinger 101–200 av 255"))
        #expect(pages[1].contains("<title>Anbefalinger om samarbeid (side 2 av 3) – T</title>"))
        // The search and the API are named as the way to get everything at once.
        #expect(pages[1].contains("href=\"../../../sok/index.html\">søket</a>"))
        #expect(pages[1].contains("href=\"../../../api/recommendations.json\""))
    }

    @Test func pageLinksLeadBackAndForthWithTheFirstPageAtItsOwnAddress() throws {
        let first = try Self.page("anbefalinger/index.html")
        let second = try Self.page("anbefalinger/side/2/index.html")
        let last = try Self.page("anbefalinger/side/3/index.html")
        #expect(first.contains("<nav class=\"pagination\" aria-label=\"Sider\">"))
        #expect(first.contains("<a href=\"../anbefalinger/side/2/index.html\" rel=\"next\">"))
        #expect(!first.contains("rel=\"prev\""))
        #expect(second.contains("<a href=\"../../../anbefalinger/index.html\" rel=\"prev\">"))
        #expect(second.contains("<a href=\"../../../anbefalinger/side/3/index.html\" rel=\"next\">"))
        #expect(second.contains("aria-current=\"page\"><span class=\"visually-hidden\">Side </span>2</a>"))
        #expect(last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""))
        // In the page navigation, only this page's number is current.
        let navigation = second.components(separatedBy: "<nav class=\"pagination\"")[1].components(separatedBy: "</nav>")[0]
        #expect(navigation.components(separatedBy: "aria-current=\"page\"").count == 2)
    }

    @Test func setsPartiesAndMatricesAreSplitToo() throws {
        let release = try Self.build.get()
        // The big set: 250 recommendations, three pages; its text on the first only.
        let set = [try Self.page("anbefalinger/s/index.html"), try Self.page("anbefalinger/s/side/3/index.html")]
        #expect(Self.listed(set[0]) == Self.ids("s", 1...100) && set[0].contains("Settets tekst."))
        #expect(Self.listed(set[1]) == Self.ids("s", 201...250) && !set[1].contains("Settets tekst."))
        #expect(!FileManager.default.fileExists(atPath: release + "anbefalinger/t/side/2/index.html"))
        // The GP's 255 duties: three pages.
        let party = try Self.page("ansvar/fastlege/side/3/index.html")
        #expect(party.components(separatedBy: "<p class=\"duty-text\">").count - 1 == 55)
        #expect(party.contains("Side 3 av 3: oppgaver 201–255 av 255"))
        // One matrix per set; `ansvar/` lists them.
        let parties = try Self.page("ansvar/index.html")
        #expect(parties.contains("href=\"../ansvar/sett/s/index.html\"") && parties.contains("href=\"../ansvar/sett/t/index.html\""))
        #expect(!parties.contains("ansvar/sett/u/"))
        #expect(try Self.page("ansvar/sett/index.html").contains("url=../../ansvar/index.html"))
        let matrix = try Self.page("ansvar/sett/s/side/2/index.html")
        #expect(matrix.components(separatedBy: "<th scope=\"row\">").count - 1 == 100)
        #expect(matrix.contains("<select id=\"partfilter\">"))
        #expect(!FileManager.default.fileExists(atPath: release + "ansvar/sett/s/side/4/index.html"))
        let sitemap = try Self.page("sitemap.xml")
        for path in ["anbefalinger/side/3/", "anbefalinger/s/side/2/", "ansvar/fastlege/side/3/", "ansvar/sett/s/side/3/"] {
            #expect(sitemap.contains("<loc>https://t.example/v/1/\(path)</loc>"), "\(path) is not in the sitemap")
        }
    }

    @Test func whatChangedIsSplitToo() throws {
        let release = try Self.build.get()
        // The first release: no changes, but 250 recommendations overdue for review.
        let last = try Self.page("endringer/side/3/index.html")
        #expect(last.components(separatedBy: "skulle vært revidert").count - 1 == 50)
        #expect(last.contains("Side 3 av 3: anbefalinger 201–250 av 250"))
        #expect(last.contains("<a href=\"../../../feed.xml\">nyhetsstrømmen</a>") && !last.contains("api/recommendations.json"))
        #expect(!FileManager.default.fileExists(atPath: release + "endringer/side/4/index.html"))
        #expect(try Self.page("endringer/index.html").contains("Dette er den første utgaven."))
    }

    @Test func theTasksAndATransitionAreSplitToo() throws {
        let release = try Self.build.get()
        // 260 rows: the hospital's `epikrise` in all 255 recommendations, then the GP's `kontroll`
        // in the five of the small set. A task over three pages has its heading on each.
        let tasks = [
            try Self.page("oppgaver/index.html"), try Self.page("oppgaver/side/2/index.html"),
            try Self.page("oppgaver/side/3/index.html"),
        ]
        #expect(!FileManager.default.fileExists(atPath: release + "oppgaver/side/4/index.html"))
        let rows = tasks.map { page in
            page.components(separatedBy: "<ul class=\"task-sources\">").dropFirst().map {
                $0.components(separatedBy: "</ul>")[0].components(separatedBy: "<li>").count - 1
            }.reduce(0, +)
        }
        #expect(rows == [100, 100, 60])
        #expect(tasks.allSatisfy { $0.contains("<h2 id=\"oppgave-epikrise\">epikrise</h2>") })
        #expect(tasks[2].contains("<h2 id=\"oppgave-kontroll\">kontroll</h2>") && !tasks[1].contains("oppgave-kontroll"))
        #expect(tasks[2].contains("Side 3 av 3: oppføringer 201–260 av 260"))
        #expect(tasks[1].contains("<title>Oppgaver (side 2 av 3) – T</title>"))
        // A recommendation links to the page its task is on.
        let small = try Self.page("anbefalinger/t/r-001/index.html")
        #expect(small.contains("href=\"../../../oppgaver/side/3/index.html#oppgave-kontroll\""))
        #expect(small.contains("href=\"../../../oppgaver/index.html#oppgave-epikrise\""))
        // The hospital hands over to the GP in all 255: each with its swimlane, so 25 to a page,
        // eleven pages, the last with 5.
        let transition = try Self.page("overganger/sykehus-fastlege/side/11/index.html")
        #expect(transition.components(separatedBy: "<section class=\"transition-entry\">").count - 1 == 5)
        #expect(transition.contains("Side 11 av 11: anbefalinger 251–255 av 255"))
        #expect(transition.contains("href=\"../../../../api/transitions.json\">api/transitions.json</a>"))
        #expect(
            try Self.page("overganger/sykehus-fastlege/side/2/index.html").components(separatedBy: "<section class=\"transition-entry\">")
                .count - 1 == 25)
        #expect(!FileManager.default.fileExists(atPath: release + "overganger/sykehus-fastlege/side/12/index.html"))
        let sitemap = try Self.page("sitemap.xml")
        for path in ["oppgaver/side/3/", "overganger/sykehus-fastlege/side/2/"] {
            #expect(sitemap.contains("<loc>https://t.example/v/1/\(path)</loc>"), "\(path) is not in the sitemap")
        }
    }

    @Test func everyLinkOnTheSplitPagesResolves() throws {
        let release = try Self.build.get()
        let pages = [
            "anbefalinger/index.html", "anbefalinger/side/2/index.html", "anbefalinger/side/3/index.html",
            "anbefalinger/s/side/2/index.html", "ansvar/fastlege/side/2/index.html", "ansvar/sett/s/side/3/index.html",
            "ansvar/index.html", "endringer/side/2/index.html", "oppgaver/side/2/index.html",
            "overganger/sykehus-fastlege/side/11/index.html",
        ]
        for page in pages {
            let html = try Self.page(page)
            let folder = URL(fileURLWithPath: release + page).deletingLastPathComponent()
            let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(hrefs.count > 10)
            for href in hrefs where !href.hasPrefix("#") && !href.contains("://") && !href.hasPrefix("data:") {
                let path = String(href.prefix { $0 != "#" })
                let target = URL(fileURLWithPath: path, relativeTo: folder).standardizedFileURL.path
                #expect(FileManager.default.fileExists(atPath: target), "\(page): \(href) leads nowhere")
            }
        }
    }
}
