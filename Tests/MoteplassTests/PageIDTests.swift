import Foundation
import Testing

/// Every id on a page is unique whatever the content, so links and `aria-labelledby` lead where
/// they should (faults found by the property test, `make property`).
@Suite struct PageIDTests {
    /// Builds `files` on top of `Support.minimalSite` and returns the release folder.
    static func build(_ files: [String: String]) throws -> (release: String, cleanup: () -> Void) {
        let content = try Support.contentFolder(Support.minimalSite.merging(files) { _, new in new })
        let output = try Support.temporaryFolder()
        try Support.build(content: content, output: output)
        return (
            output + "/v/1/",
            {
                Support.removeTemporaryFolder(content); Support.removeTemporaryFolder(output)
            }
        )
    }

    static func ids(_ html: String) -> [String] {
        html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    static func repeated(_ ids: [String]) -> [String] {
        Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    }

    static let recommendation = """
        ---
        id: S-1
        title: Samme part to ganger
        version: 1.0
        status: vedtatt
        adopted: 2020
        owner: forum
        responsible:
          - party: fastlege
            duty: Henviser pasienten.
          - party: sykehus
            duty: Sender epikrise.
          - party: fastlege
            duty: Følger opp prøvesvarene.
        ---
        ## Hovedinnhold

        ## Søkefelt

        ### Seksjon hvem gjør hva

        ## Oppgave fastlege

        ## Oppgave forum

        ## Seksjon endret

        """

    @Test func aPartyListedTwiceHasOneAnchorAndBothDuties() throws {
        let (release, cleanup) = try Self.build(["recommendations/s/r.md": Self.recommendation])
        defer { cleanup() }
        let page = try Support.read(release + "anbefalinger/s/r/index.html")
        #expect(Self.repeated(Self.ids(page)) == [])
        #expect(page.components(separatedBy: "id=\"oppgave-fastlege\"").count == 2)
        #expect(page.contains("Henviser pasienten.") && page.contains("Følger opp prøvesvarene."))
        // The set's matrix and the party page link to that one anchor.
        let matrix = try Support.read(release + "ansvar/sett/s/index.html")
        #expect(matrix.contains("anbefalinger/s/r/index.html#oppgave-fastlege"))
    }

    @Test func bodyHeadingsTakeNoIDThePageAlreadyHas() throws {
        let (release, cleanup) = try Self.build(["recommendations/s/r.md": Self.recommendation])
        defer { cleanup() }
        let ids = Self.ids(try Support.read(release + "anbefalinger/s/r/index.html"))
        #expect(Self.repeated(ids) == [])
        #expect(ids.contains("hovedinnhold-2") && ids.contains("sokefelt-2") && ids.contains("seksjon-hvem-gjor-hva-2"))
        #expect(ids.contains("oppgave-fastlege-2"))
        // Ids the page does not have stay as written, so that links to the headings still work:
        // `forum` has no duty here, and there is no earlier release to show changes against.
        #expect(ids.contains("oppgave-forum") && ids.contains("seksjon-endret"))
    }

    @Test func theFrontPageTextKeepsClearOfTheFrontPagesSections() throws {
        let (release, cleanup) = try Self.build(["index.md": "---\ntitle: T\n---\n## Seksjon sett\n\n## Seksjon møter\n"])
        defer { cleanup() }
        let ids = Self.ids(try Support.read(release + "index.html"))
        #expect(Self.repeated(ids) == [])
        #expect(ids.contains("seksjon-sett-2") && ids.contains("seksjon-moter-2"))
    }

    @Test func checklistFieldsStayApartWhenQuestionIDsSpellEachOther() throws {
        let checklist = """
            ---
            id: skjema
            title: Skjema
            version: 1.0
            status: vedtatt
            owner: forum
            questions:
              - id: a
                text: Valg?
                help: Hjelp til a.
                answer: yes-no-unsure
                comment: Hvorfor?
              - id: a-yes
                text: Tekst?
                answer: text
            ---
            ## Svar a

            ## Hjelp a

            ## Kommentar a

            """
        let (release, cleanup) = try Self.build(["checklists/skjema.md": checklist])
        defer { cleanup() }
        let page = try Support.read(release + "sjekkliste/skjema/index.html")
        let ids = Self.ids(page)
        #expect(Self.repeated(ids) == [])
        #expect(ids.contains("svar-a--yes") && ids.contains("svar-a-yes"))
        // `svar-a` is no field (a is a yes-no-unsure question): the heading keeps it.
        #expect(ids.contains("svar-a") && ids.contains("hjelp-a-2") && ids.contains("kommentar-a-2"))
        // Every label and description names a field that exists.
        let named =
            page.components(separatedBy: " for=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            + page.components(separatedBy: " aria-describedby=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(!named.isEmpty)
        #expect(named.filter { !ids.contains($0) } == [])
    }
}
