import Content
import Diagnostics
import Foundation
import Publishing
import Testing

/// Builds the real `Content/` and checks the release as a reader and a CI would.
@Suite struct EndToEndTests {
    /// One build of `Content/` shared by the checks below.
    static let build: Result<String, Error> = Result {
        let output = try Support.temporaryFolder()
        try Support.build(content: Support.realContent, output: output)
        return output
    }

    static func output() throws -> String { try build.get() }

    @Test func everyPageTypeExists() throws {
        let release = try Self.output() + "/v/2018.2"
        let expected = [
            "index.html",  // front page
            "anbefalinger/index.html",  // list of sets
            "anbefalinger/fastlege-sykehus/index.html",  // a set
            "anbefalinger/helsehus-legevakt-kad-sykehus/index.html",
            "anbefalinger/fastlege-sykehus/timebestilling/index.html",  // a recommendation
            "id/MO-FS-07/index.html",  // its short link
            "ansvar/index.html",  // index of parties
            "ansvar/fastlege/index.html",  // a party
            "overganger/index.html",  // the transitions
            "overganger/sykehus-fastlege/index.html",  // a transition (MO-FS-07: at discharge)
            "moter/index.html",  // meetings
            "moter/2018-02-28-pakkeforlop-psykisk-helse-og-rus/index.html",
            "moter/2018-05-08-hjerneslag-og-cerebrovaskulaere-lidelser/index.html",
            "moter/2018-09-05-fall-bruddskader-og-osteoporose/index.html",
            "moter/2018-11-07-hvem-gjor-hva-i-fremtidens-helsetjeneste/index.html",
            "sjekkliste/index.html",
            "sjekkliste/omfordeling-av-oppgaver/index.html",  // the checklist
            "om-moteplass-oslo/index.html", "mandat/index.html", "arbeidsforum/index.html",  // free pages
            "404.html", "assets/style.css", "sitemap.xml", "feed.xml", "manifest.json",
        ]
        for path in expected {
            #expect(FileManager.default.fileExists(atPath: "\(release)/\(path)"), "missing \(path)")
        }
    }

    @Test func theOutputFolderHasTheReleaseLayout() throws {
        let output = try Self.output()
        #expect(FileManager.default.fileExists(atPath: output + "/latest/index.html"))
        #expect(try Support.read(output + "/index.html").contains("url=latest/index.html"))
        let versions =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/versions.json"))) as? [[String: Any]]
        #expect(versions?.count == 1)
        #expect(versions?.first?["version"] as? String == "2018.2")
        #expect(versions?.first?["date"] as? String == "2018-11-07")
        #expect(versions?.first?["path"] as? String == "v/2018.2/")
        #expect(versions?.first?["latest"] as? Bool == true)
        #expect(Support.files(in: output + "/latest") == Support.files(in: output + "/v/2018.2"))
    }

    /// The header is rendered once per folder depth and menu state: every page still gets its own.
    @Test func theMenuMarksThePageAndItsSectionOnEveryPage() throws {
        let release = try Self.output() + "/v/2018.2/"
        let sections = [
            ("", "Forside"), ("anbefalinger/", "Anbefalinger"), ("ansvar/", "Hvem gjør hva"), ("moter/", "Møter"),
        ]
        // Folders whose pages belong to another folder's section.
        let sectionOf = ["overganger/": "ansvar/", "utskrift/": "anbefalinger/"]
        for file in Support.files(in: release) where file.hasSuffix("index.html") && !file.hasPrefix("id/") {
            let html = try Support.read(release + file)
            if html.contains("http-equiv=\"refresh\"") { continue }  // `ansvar/sett/` leads to `ansvar/`
            let menu = try #require(
                html.range(of: "<nav class=\"site-nav\"").map { html[$0.lowerBound...] }?.components(separatedBy: "</nav>")[0])
            let depth = file.count { $0 == "/" }
            let root = String(repeating: "../", count: depth)
            for (folder, label) in sections {
                let link = "<a href=\"\(root)\(folder)index.html\""
                #expect(menu.contains(link), "\(file): no link to \(folder)")
                let current = file == folder + "index.html"
                let inSection =
                    !current && !folder.isEmpty
                    && (file.hasPrefix(folder) || sectionOf.contains { file.hasPrefix($0.key) && $0.value == folder })
                let expected = link + (current ? " aria-current=\"page\"" : inSection ? " class=\"in-section\"" : "") + ">\(label)</a>"
                #expect(menu.contains(expected), "\(file): \(label) should read \(expected)")
            }
        }
    }

    @Test func theRecommendationPageShowsWhoDoesWhat() throws {
        let html = try Support.read(try Self.output() + "/v/2018.2/anbefalinger/fastlege-sykehus/timebestilling/index.html")
        let site = try #require(try ContentLoader.load(from: Support.realContent).site)
        let recommendation = try #require(site.recommendation(id: "MO-FS-07"))
        let table = try #require(html.range(of: "<table class=\"duty-table\">").map { html[$0.lowerBound...] })
        for responsibility in recommendation.responsible {
            let name = site.partyName(responsibility.party.value)
            #expect(table.contains(">\(name)</a></th>"), "\(name) is not in the table")
            let firstWords = responsibility.duty.value.split(separator: " ").prefix(4).joined(separator: " ")
            #expect(table.contains(firstWords))
        }
        #expect(html.contains("mars 2017"))
        #expect(html.contains("1.0.0"))
        #expect(html.contains("Ved utskrivning"))
    }

    @Test func eachPartyPageListsItsDuties() throws {
        let output = try Self.output()
        let site = try #require(try ContentLoader.load(from: Support.realContent).site)
        for party in site.parties {
            let html = try Support.read("\(output)/v/2018.2/ansvar/\(party.id.value)/index.html")
            let duties = site.duties(of: party.id.value)
            for (recommendation, responsibility) in duties {
                #expect(html.contains(recommendation.title.value))
                #expect(html.contains(String(responsibility.duty.value.prefix(30))))
            }
            if duties.isEmpty { #expect(html.contains("har ingen oppgaver")) }
        }

    }

    @Test func eachSetsMatrixMarksExactlyTheCellsWhereAPartyHasADuty() throws {
        let release = try Self.output() + "/v/2018.2/"
        let site = try #require(try ContentLoader.load(from: Support.realContent).site)
        let index = try Support.read(release + "ansvar/index.html")
        for set in site.sets {
            let withDuties = site.recommendations(inSet: set.slug).filter { !$0.responsible.isEmpty }
            if withDuties.isEmpty { continue }
            #expect(index.contains("href=\"../ansvar/sett/\(set.slug)/index.html\""), "ansvar/ does not list the matrix of \(set.slug)")
            let html = try Support.read(release + "ansvar/sett/\(set.slug)/index.html")
            let rows = html.components(separatedBy: "<th scope=\"row\">").dropFirst().map { $0.components(separatedBy: "</tr>")[0] }
            #expect(rows.count == withDuties.count)
            // Columns follow parties.yml: every party with a duty in the set.
            let inSet = Set(withDuties.flatMap { $0.responsible.map(\.party.value) })
            let columns = site.parties.map(\.id.value).filter(inSet.contains)
            for (row, recommendation) in zip(rows, withDuties) {
                let marked = row.components(separatedBy: "#oppgave-").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                let parties = Set(recommendation.responsible.map(\.party.value))
                #expect(marked == columns.filter(parties.contains), "\(recommendation.id.value)")
                #expect(row.components(separatedBy: "<td>").count - 1 == columns.count)
            }
        }
    }

    @Test func theChecklistPageHasAllEightQuestionsInOrder() throws {
        let html = try Support.read(try Self.output() + "/v/2018.2/sjekkliste/omfordeling-av-oppgaver/index.html")
        let ids = [
            "oppgaven", "kunnskapsbasert", "malsetting", "lovverk", "medisinsk-ansvar", "kompetanse", "utstyr-og-lokaler",
            "betydning-for-pasientene",
        ]
        let positions = ids.map { html.range(of: "id=\"sporsmal-\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(html.contains("Er det klart hvem som har det medisinske ansvaret?"))
        #expect(html.components(separatedBy: "type=\"radio\"").count - 1 == 6 * 3)
    }

    @Test func everyPageIsNorwegianAndLoadsNothingFromAnotherHost() throws {
        let output = try Self.output()
        let pages = Support.files(in: output).filter { $0.hasSuffix(".html") }
        #expect(pages.count > 30)
        for page in pages {
            let html = try Support.read(output + "/" + page)
            #expect(html.contains("<html lang=\"nb\""), "\(page) lacks lang=nb")
            for attribute in [
                "src=\"http", "src=\"//", "<link rel=\"stylesheet\" href=\"http", "<link rel=\"stylesheet\" href=\"//", "@import",
            ] {
                #expect(!html.contains(attribute), "\(page) contains \(attribute)")
            }
            // Scripts only from the release's own assets (relative, or under base_url's path on the
            // 404 page), and none inline (the CSP forbids it): the version switcher's on every
            // page but the redirects, and the form's on the checklist, the meetings' on their list,
            // the consultations' on the front page and `horinger/`,
            // the party filter's on the recommendations and the sets' matrices, the search's on the
            // search page.
            let scripts = html.components(separatedBy: "<script").dropFirst()
            for script in scripts {
                #expect(
                    script.wholeMatch(
                        of: /^ src="((\.\.\/)*|\/([a-z0-9-]+\/)*latest\/)assets\/[a-z-]+\.js" defer><\/script>.*/
                            .dotMatchesNewlines())
                        != nil,
                    "\(page) has a script that is inline or from elsewhere: <script\(script.prefix(80))")
            }
            let isRedirect = html.contains("http-equiv=\"refresh\"")
            let isChecklistForm = page.contains("sjekkliste/") && !page.hasSuffix("sjekkliste/index.html")
            let isMeetingList = page.hasSuffix("moter/index.html") || page.hasSuffix("anbefalinger/index.html")
            let isMatrix = page.contains("ansvar/sett/")
            let isSearch = page.hasSuffix("sok/index.html")
            // The front page (`v/<release>/index.html`, `latest/index.html`) and `horinger/` count
            // the days left to each open consultation (hearings.js).
            let folders = page.split(separator: "/").dropLast()
            let isFront =
                page.hasSuffix("/index.html")
                && (folders.first == "latest" ? folders.count == 1 : folders.first == "v" && folders.count == 2)
            let isHearingList = isFront || page.hasSuffix("horinger/index.html")
            // The search page has two of its own: words.js (stemming) and search.js.
            #expect(
                scripts.count
                    == (isRedirect ? 0 : isSearch ? 3 : isChecklistForm || isMeetingList || isMatrix || isHearingList ? 2 : 1), "\(page)")
        }
    }

    /// Every file, the search index included.
    @Test func twoBuildsAreByteIdentical() throws {
        let first = try Self.output()
        let second = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(second) }
        try Support.build(content: Support.realContent, output: second)
        let files = Support.files(in: first)
        #expect(files.count > 30)
        #expect(files.contains("v/2018.2/sok/sider.json"))
        #expect(files == Support.files(in: second))
        for file in files {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: second + "/" + file))
            #expect(a == b, "\(file) differs between two builds")
        }
    }

    /// Relative links, and absolute paths under `base_url` (whose path is `/` here: the version
    /// switcher's), which lead into the output folder.
    @Test func everyInternalLinkLeadsToAFile() throws {
        let output = try Self.output()
        let release = output + "/v/2018.2"
        for page in Support.files(in: release) where page.hasSuffix(".html") && page != "404.html" {
            let html = try Support.read(release + "/" + page)
            let folder = URL(fileURLWithPath: release + "/" + page).deletingLastPathComponent()
            for href in html.components(separatedBy: "href=\"").dropFirst().map({ String($0.prefix { $0 != "\"" }) })
            where !href.contains(":") && !href.hasPrefix("#") {
                let path = String(href.prefix { $0 != "#" })
                let target =
                    path.hasPrefix("/") ? output + path : folder.appendingPathComponent(path).standardized.path
                #expect(FileManager.default.fileExists(atPath: target), "\(page) links to \(href), which does not exist")
            }
        }
    }
}
