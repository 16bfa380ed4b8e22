import Content
import Diagnostics
import Foundation
import Testing

@testable import Rendering

/// A recommendation's anchoring on both sides (`level` of parties, `endorsements`,
/// `endorsement-missing`) and the feedback links of `site.yml`'s `feedback:`.
@Suite struct AnchoringTests {
    /// Parties on both sides, a joint body and the patient.
    static let parties = """
        - id: fastlege
          name: Fastlegen
          level: kommune
        - id: hjemmetjenesten
          name: Hjemmetjenesten
          level: kommune
        - id: sykehus
          name: Sykehuset
          level: spesialisthelsetjeneste
        - id: pasient
          name: Pasienten
          level: pasient
        - id: forum
          name: Forumet
          level: felles

        """

    /// A recommendation giving duties to `parties`; `endorsements` are `(by, level)`, each on four
    /// lines from line 12 + 2 × the number of parties.
    static func recommendation(
        status: String = "vedtatt", parties: [String] = ["fastlege", "sykehus"], endorsements: [(String, String)] = []
    ) -> String {
        var text = "---\nid: A-1\ntitle: Tittel\nversion: 1.0\nstatus: \(status)\nadopted: 2017\nowner: forum\nresponsible:\n"
        for party in parties { text += "  - party: \(party)\n    duty: Gjør noe.\n" }
        if !endorsements.isEmpty {
            text += "endorsements:\n"
            for (by, level) in endorsements { text += "  - by: \(by)\n    level: \(level)\n    date: 2018-01-13\n" }
        }
        return text + "---\nTekst.\n"
    }

    static func check(_ recommendation: String) throws -> [Diagnostic] {
        try Support.check(["parties.yml": Self.parties, "recommendations/s/a.md": recommendation]).diagnostics
    }

    // MARK: endorsement-missing

    @Test func aRecommendationBindingBothSidesWithoutEndorsementsIsAWarningAtItsStatus() throws {
        let diagnostics = try Self.check(Self.recommendation(parties: ["fastlege", "hjemmetjenesten", "sykehus", "pasient"]))
        #expect(diagnostics.map(\.short) == ["recommendations/s/a.md:5:9 endorsement-missing"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(
            diagnostics.first?.message
                == "anbefalingen gir oppgaver til både kommunen (fastlegen, hjemmetjenesten) og spesialisthelsetjenesten (sykehuset), men er ikke forankret på noen av sidene; legg til `endorsements:` med et punkt (`by`, `level`, `date`) for organet på hver side som har vedtatt den, `level: kommune` og `level: spesialisthelsetjeneste`, eller ett for et felles organ med `level: felles`"
        )
    }

    @Test func anEndorsementForOneSideOnlyNamesTheOtherAtTheFirstEndorsement() throws {
        let diagnostics = try Self.check(Self.recommendation(endorsements: [("Direktørmøtet", "spesialisthelsetjeneste")]))
        #expect(diagnostics.map(\.short) == ["recommendations/s/a.md:14:9 endorsement-missing"])
        #expect(
            diagnostics.first?.message
                == "anbefalingen gir oppgaver til både kommunen (fastlegen) og spesialisthelsetjenesten (sykehuset), men er bare forankret for spesialisthelsetjenesten; legg til et punkt i `endorsements:` med `by`, `level: kommune` og `date` for organet som har vedtatt den på den siden (eller et felles organ med `level: felles`)"
        )
    }

    @Test func bothSidesOrOneJointBodyAreEnough() throws {
        let both = Self.recommendation(endorsements: [("Bystyret", "kommune"), ("Direktørmøtet", "spesialisthelsetjeneste")])
        #expect(try Self.check(both).isEmpty)
        #expect(try Self.check(Self.recommendation(endorsements: [("Samarbeidsutvalget", "felles")])).isEmpty)
    }

    @Test func onlyAdoptedRecommendationsBindingBothSidesNeedIt() throws {
        // One side only (the patient and the joint forum bind no side).
        #expect(try Self.check(Self.recommendation(parties: ["fastlege", "pasient", "forum"])).isEmpty)
        // Not adopted yet (on consultation, without its `hearing:`, which is another matter).
        #expect(try Self.check(Self.recommendation(status: "høring")).map(\.rule) == ["hearing-missing"])
        // A guideline is adopted too.
        #expect(try Self.check(Self.recommendation(status: "retningslinje")).map(\.rule) == ["endorsement-missing"])
    }

    @Test func partiesWithoutALevelBindNoSide() throws {
        // The minimal site's parties have no `level`: nothing is asked of sites that do not use it.
        let (_, diagnostics, _) = try Support.check(["recommendations/s/a.md": Self.recommendation()])
        #expect(diagnostics.isEmpty)
    }

    // MARK: Decoding

    @Test func anUnknownLevelIsAnErrorWithASuggestion() throws {
        let parties = Self.parties.replacingOccurrences(of: "level: felles", with: "level: felless")
        let (_, diagnostics, _) = try Support.check(["parties.yml": parties, "recommendations/s/a.md": Self.recommendation()])
        #expect(diagnostics.map(\.short) == ["parties.yml:15:10 level-invalid", "recommendations/s/a.md:5:9 endorsement-missing"])
        #expect(
            diagnostics.first?.message
                == "`level: felless` er ikke et gyldig nivå; bruk en av `kommune`, `spesialisthelsetjeneste`, `pasient`, `felles`. Mente du `felles`?"
        )
    }

    @Test func anEndorsementNeedsByLevelAndDate() throws {
        let text = Self.recommendation(parties: ["fastlege"]).replacingOccurrences(
            of: "---\nTekst.", with: "endorsements:\n  - by: Bystyret\n    reference: Sak 1/18\n  - level: kommune\n    date: 2018-13\n---\nTekst.")
        let diagnostics = try Self.check(text)
        #expect(
            diagnostics.map(\.short) == [
                "recommendations/s/a.md:12:5 field-missing", "recommendations/s/a.md:12:5 field-missing",
                "recommendations/s/a.md:14:5 field-missing", "recommendations/s/a.md:15:11 date-invalid",
            ])
        #expect(
            diagnostics.prefix(2).map(\.message).sorted() == [
                "feltet `date` mangler; legg til `date:` med datoen for vedtaket (ÅÅÅÅ-MM-DD)",
                "feltet `level` mangler; legg til `level:` med en av `kommune`, `spesialisthelsetjeneste`, `pasient`, `felles`",
            ])
    }

    @Test func theEndorsementsAreOnThePageAndInTheAPI() throws {
        let text = Self.recommendation(endorsements: [("Samarbeidsutvalget i Hovedstadsområdet", "felles")])
            .replacingOccurrences(of: "    date: 2018-01-13\n", with: "    date: 2018-01-13\n    reference: https://su.example/vedtak/3\n")
        let content = try Support.contentFolder(
            Support.minimalSite.merging(["parties.yml": Self.parties, "recommendations/s/a.md": text]) { _, new in new })
        let output = try Support.temporaryFolder()
        defer {
            Support.removeTemporaryFolder(content)
            Support.removeTemporaryFolder(output)
        }
        try Support.build(content: content, output: output)
        let page = try Support.read("\(output)/v/1/anbefalinger/s/a/index.html")
        #expect(
            page.contains(
                "<div><dt>Forankret i</dt><dd><ul class=\"endorsements\">\n<li>Samarbeidsutvalget i Hovedstadsområdet (felles organ), <time datetime=\"2018-01-13\">13. januar 2018</time>, <a href=\"https://su.example/vedtak/3\">vedtaket</a></li>\n</ul></dd></div>"
            ))
        let api = try JSONSerialization.jsonObject(with: Data(Support.read("\(output)/v/1/api/recommendations.json").utf8))
        let recommendation = ((api as? [String: Any])?["recommendations"] as? [[String: Any]])?.first
        let endorsements = recommendation?["endorsements"] as? [[String: Any]]
        #expect(endorsements?.count == 1)
        #expect(endorsements?.first?["by"] as? String == "Samarbeidsutvalget i Hovedstadsområdet")
        #expect(endorsements?.first?["level"] as? String == "felles")
        #expect(endorsements?.first?["date"] as? String == "2018-01-13")
        #expect(endorsements?.first?["reference"] as? String == "https://su.example/vedtak/3")
    }

    // MARK: Feedback links

    static let checklist = """
        ---
        id: skjema
        title: Skjema
        version: 2.0
        status: høring
        owner: forum
        questions:
          - id: hva
            text: Hva?
            answer: text
        ---
        Tekst.

        """

    /// The site built with `feedback` (YAML lines under `feedback:`, or none): the recommendation's
    /// and the checklist's pages.
    static func pages(feedback: String?) throws -> (recommendation: String, checklist: String) {
        var site = Support.minimalSite["site.yml"] ?? ""
        if let feedback { site += "feedback:\n" + feedback }
        let content = try Support.contentFolder(
            Support.minimalSite.merging([
                "site.yml": site, "recommendations/s/a.md": Self.recommendation(), "checklists/skjema.md": Self.checklist,
            ]) { _, new in new })
        let output = try Support.temporaryFolder()
        defer {
            Support.removeTemporaryFolder(content)
            Support.removeTemporaryFolder(output)
        }
        try Support.build(content: content, output: output)
        return (
            try Support.read("\(output)/v/1/anbefalinger/s/a/index.html"), try Support.read("\(output)/v/1/sjekkliste/skjema/index.html")
        )
    }

    /// The `href` of the link whose text is `label`, with `&amp;` unescaped.
    static func href(of label: String, in page: String) throws -> String {
        let end = try #require(page.range(of: "\">\(label)</a>"))
        let start = try #require(page.range(of: "<a href=\"", options: .backwards, range: page.startIndex..<end.lowerBound))
        return String(page[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func anEmailAddressGivesMailLinksWithIdVersionReleaseAndAddress() throws {
        let (recommendation, checklist) = try Self.pages(feedback: "  email: pko@sykehus.example\n")
        let comment = try #require(URLComponents(string: Self.href(of: "Gi innspill", in: recommendation)))
        #expect(comment.scheme == "mailto")
        #expect(comment.path == "pko@sykehus.example")
        let fields = Dictionary(uniqueKeysWithValues: (comment.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(fields["subject"] == "Innspill til A-1 Tittel (versjon 1.0)")
        #expect(
            fields["body"]
                == "Anbefaling: A-1 Tittel\r\nVersjon: 1.0\r\nUtgave: 1\r\nAdresse: https://t.example/v/1/anbefalinger/s/a/\r\n\r\nInnspill:\r\n\r\n")
        let deviation = try #require(URLComponents(string: Self.href(of: "Meld avvik fra anbefalingen", in: recommendation)))
        #expect(deviation.queryItems?.first { $0.name == "subject" }?.value == "Avvik fra A-1 Tittel (versjon 1.0)")
        #expect(recommendation.contains("med en e-post til pko@sykehus.example, der id, versjon, utgave og adresse er fylt inn"))

        let checklistDeviation = try #require(URLComponents(string: Self.href(of: "Meld avvik fra sjekklisten", in: checklist)))
        let body = checklistDeviation.queryItems?.first { $0.name == "body" }?.value ?? ""
        #expect(body.hasPrefix("Sjekkliste: skjema Skjema\r\nVersjon: 2.0\r\nUtgave: 1\r\nAdresse: https://t.example/v/1/sjekkliste/skjema/\r\n"))
        #expect(body.contains("hva sier sjekklisten?"))
    }

    @Test func aFormAddressGetsTheSameFactsAsQueryParameters() throws {
        let (recommendation, _) = try Self.pages(feedback: "  url: https://skjema.example/innspill?kilde=moteplass\n  email: pko@sykehus.example\n")
        let link = try #require(URLComponents(string: Self.href(of: "Meld avvik fra anbefalingen", in: recommendation)))
        #expect(link.host == "skjema.example")
        #expect(link.path == "/innspill")
        #expect(
            link.queryItems?.map { "\($0.name)=\($0.value ?? "")" } == [
                "kilde=moteplass", "type=avvik", "id=A-1", "versjon=1.0", "utgave=1", "adresse=https://t.example/v/1/anbefalinger/s/a/",
            ])
        #expect(recommendation.contains("Lenkene åpner skjemaet på skjema.example med id, versjon, utgave og adresse fylt inn."))
        #expect(recommendation.contains("Du kan også skrive til <a href=\"mailto:pko@sykehus.example\">pko@sykehus.example</a>."))
    }

    @Test func withoutFeedbackThereAreNoLinks() throws {
        let (recommendation, checklist) = try Self.pages(feedback: nil)
        for page in [recommendation, checklist] {
            #expect(!page.contains("Gi innspill"))
            #expect(!page.contains("Meld avvik"))
            #expect(!page.contains("mailto:"))
        }
    }

    @Test func aBadFeedbackAddressIsAPositionedError() throws {
        let site = (Support.minimalSite["site.yml"] ?? "") + "feedback:\n  email: pko at sykehus\n  url: skjema.example/innspill\n"
        let (site_, diagnostics, _) = try Support.check(["site.yml": site])
        #expect(site_ == nil)
        #expect(diagnostics.map(\.short) == ["site.yml:6:10 field-type", "site.yml:7:8 field-type"])
        #expect(diagnostics.first?.message == "`email: pko at sykehus` er ikke en e-postadresse; skriv f.eks. `post@example.no`")
        #expect(diagnostics.last?.message == "`url: skjema.example/innspill` må være en full adresse som begynner med `https://` (eller `http://`)")
        let empty = (Support.minimalSite["site.yml"] ?? "") + "feedback:\n  tlf: 12345678\n"
        let (_, emptyDiagnostics, _) = try Support.check(["site.yml": empty])
        #expect(emptyDiagnostics.map(\.short) == ["site.yml:6:3 field-missing", "site.yml:6:3 key-unknown"])
    }

    @Test func addressesAreCheckedForWhatWouldBreakALink() {
        #expect(Address.isEmail("post@pko.example.no"))
        for bad in ["post", "@pko.no", "post@", "post@pko", "post@@pko.no", "post@pko.no?cc=x", "po st@pko.no", "post@.no"] {
            #expect(!Address.isEmail(bad), "\(bad)")
        }
        #expect(Address.isWeb("https://skjema.example/a?b=1"))
        for bad in ["skjema.example", "https://", "https:///sti", "ftp://x.example", "https://x.example/a b"] {
            #expect(!Address.isWeb(bad), "\(bad)")
        }
        #expect(Address.host(of: "https://skjema.example.no:8443/innspill?x=1") == "skjema.example.no")
        #expect(Escaping.percentEncoded("Å b&c=d/e\r\n~") == "%C3%85%20b%26c%3Dd%2Fe%0D%0A~")
    }
}
