import Content
import Diagnostics
import Foundation
import Testing

@testable import Rendering

/// The writers of `api/`: the checklist bundle, the recommendations, the FHIR resources. The
/// files are also checked by independent validators (`Tests/API/check.py`, run by `make test`).
@Suite struct APITests {
    /// The project's own content, as a release publishes it.
    static func realSite() throws -> Site {
        let loaded = try ContentLoader.load(from: Support.realContent)
        return try #require(loaded.site).published(includeDrafts: false)
    }

    static func json(_ file: OutputFile) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: file.contents) as? [String: Any])
    }

    static func file(_ path: String, in files: [OutputFile]) throws -> OutputFile {
        try #require(files.first { $0.path == path }, "\(path) is missing")
    }

    @Test func canonicalJSONSortsKeysAndDropsWhiteSpace() {
        let value: JSONValue = ["b": [["z": 1, "a": "x y"]], "a": .null, "ä": true, "B": "\n"]
        #expect(value.canonical() == #"{"B":"\n","a":null,"b":[{"a":"x y","z":1}],"ä":true}"#)
    }

    @Test func stringsAreEscapedOnlyWhereJSONNeedsIt() {
        #expect(JSONValue.string("Blåbær – «ok»").serialized() == "\"Blåbær – «ok»\"")
        #expect(JSONValue.string("a\"b\\c\nd\u{01}\u{2028}–").serialized() == #""a\"b\\c\nd\u0001\u2028–""#)
    }

    /// Random text from the characters that need escaping and their neighbours reads back as it
    /// was, with no raw control character, U+2028 or U+2029 left in the JSON.
    @Test func randomStringsSurviveTheRoundTrip() throws {
        let alphabet: [Unicode.Scalar] =
            (0...0x21).compactMap(Unicode.Scalar.init) + [
                "\\", "a", "å", "–", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{E2}", "\u{1F600}",
            ]
        var random = SeededGenerator(seed: 11)
        for _ in 0..<2000 {
            let text = String(
                String.UnicodeScalarView((0..<Int(random.next() % 40)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
            let json = JSONValue.array([.string(text)]).serialized()
            #expect(!json.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
            let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
            #expect(decoded == [text], "\(text.debugDescription)")
        }
    }

    @Test func sha256GivesTheKnownAnswers() {
        #expect(API.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(API.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // `printf blåbær | sha256sum`
        #expect(API.sha256("blåbær") == "6f1a4baa8c1c7537ba678df617a5e9256abcacb1056256b2e6f7d91c983ac531")
    }

    @Test func theBundleCarriesTheSeedChecklistInOrder() throws {
        let site = try Self.realSite()
        let bundle = try Self.json(Self.file("api/checklists.json", in: API.files(site)))
        #expect(bundle["schemaVersion"] as? Int == 1)
        #expect(bundle["release"] as? String == site.config.release.value)
        #expect(bundle["generated"] as? String == site.config.releaseDate.value.description)
        let checklist = try #require((bundle["checklists"] as? [[String: Any]])?.first)
        let questions = try #require(checklist["questions"] as? [[String: Any]])
        #expect(
            questions.compactMap { $0["id"] as? String } == [
                "oppgaven", "kunnskapsbasert", "malsetting", "lovverk", "medisinsk-ansvar", "kompetanse", "utstyr-og-lokaler",
                "betydning-for-pasientene",
            ])
        #expect(questions.compactMap { $0["number"] as? Int } == Array(1...8))
        #expect(questions[0]["answerType"] as? String == "text")
        #expect((questions[0]["answerOptions"] as? [Any])?.isEmpty == true)
        #expect((questions[1]["answerOptions"] as? [[String: String]])?.map { $0["display"] } == ["Ja", "Nei", "Usikker"])
        #expect(questions[1]["commentPrompt"] as? String == "Begrunn svaret.")
        #expect(questions[1]["help"] is NSNull)
        #expect((checklist["owner"] as? [String: String])?["name"] == "NFA Faggruppe for samhandling")
        #expect(checklist["url"] as? String == "sjekkliste/omfordeling-av-oppgaver/")
    }

    /// The hash is of the checklist without its `sha256` and its `hearing` (the form, not the
    /// consultation about it), re-serialised here by Foundation with sorted keys: an independent
    /// canonical form.
    @Test func theChecklistHashIsOfItsCanonicalJSON() throws {
        let files = API.files(try Self.realSite())
        var checklist = try #require((try Self.json(Self.file("api/checklists.json", in: files))["checklists"] as? [[String: Any]])?.first)
        let hash = try #require(checklist.removeValue(forKey: "sha256") as? String)
        // The real checklist is `høring` without a `hearing:` block (the source gives no deadline).
        #expect(checklist.removeValue(forKey: "hearing") is NSNull)
        let canonical = try JSONSerialization.data(withJSONObject: checklist, options: [.sortedKeys, .withoutEscapingSlashes])
        #expect(hash == API.sha256(String(decoding: canonical, as: UTF8.self)))
        // The checklist alone is the same object.
        let alone = try Self.json(Self.file("api/checklists/vurderingsskjema-omfordeling/0.1.0.json", in: files))
        #expect(alone["sha256"] as? String == hash)
    }

    @Test func theQuestionnaireFollowsTheChecklist() throws {
        let site = try Self.realSite()
        let checklist = try #require(site.checklists.first)
        let questionnaire = try Self.json(Self.file("api/fhir/Questionnaire-vurderingsskjema-omfordeling.json", in: API.files(site)))
        #expect(questionnaire["resourceType"] as? String == "Questionnaire")
        #expect(questionnaire["version"] as? String == "0.1.0")
        #expect(questionnaire["status"] as? String == "active")
        #expect(questionnaire["name"] as? String == "VurderingsskjemaOmfordeling")
        #expect(questionnaire["url"] as? String == site.config.baseURL.value + "fhir/Questionnaire/vurderingsskjema-omfordeling")
        #expect((questionnaire["meta"] as? [String: [String]])?["profile"] == [FHIR.sdcQuestionnaire])
        let groups = try #require(questionnaire["item"] as? [[String: Any]])
        #expect(groups.compactMap { $0["linkId"] as? String } == checklist.questions.map(\.id.value))
        #expect(groups.compactMap { $0["prefix"] as? String } == (1...8).map(String.init))
        var linkIDs: [String] = []
        for group in groups {
            for item in group["item"] as? [[String: Any]] ?? [] {
                linkIDs.append(try #require(item["linkId"] as? String))
                for condition in item["enableWhen"] as? [[String: Any]] ?? [] {
                    #expect(condition["question"] as? String == "\(group["linkId"]!).svar")
                    #expect(condition["operator"] as? String == "!=")
                }
            }
        }
        #expect(Set(linkIDs).count == linkIDs.count)
        #expect(Set(linkIDs).isDisjoint(with: groups.compactMap { $0["linkId"] as? String }))
        // A yes-no-unsure question's comment is asked only when the answer is not yes.
        let second = try #require(groups[1]["item"] as? [[String: Any]])
        #expect(second.map { $0["type"] as? String } == ["choice", "text"])
    }

    @Test func statusesMapToFHIR() {
        #expect(Status.allCases.map(FHIR.status) == ["draft", "active", "active", "active", "retired"])
        #expect(FHIR.name("2-trinns-vurdering") == "Q2TrinnsVurdering")
    }

    @Test func recommendationsSayWhoDoesWhat() throws {
        let site = try Self.realSite()
        let json = try Self.json(Self.file("api/recommendations.json", in: API.files(site)))
        let recommendations = try #require(json["recommendations"] as? [[String: Any]])
        #expect(recommendations.count == site.recommendations.count)
        let first = try #require(recommendations.first)
        let source = try #require(site.recommendations.first)
        #expect(first["id"] as? String == source.id.value)
        let responsible = try #require(first["responsible"] as? [[String: Any]])
        #expect(responsible.count == source.responsible.count)
        let party = try #require(responsible.first?["party"] as? [String: String])
        #expect(party["name"] == site.partyName(source.responsible[0].party.value))
        let duty = try #require(responsible.first?["duty"] as? [String: String])
        #expect(duty["text"]?.isEmpty == false)
        #expect(duty["html"]?.contains("<p>") == false)
    }
}
