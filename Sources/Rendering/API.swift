import Content
import Diagnostics
import Foundation
import Markdown

/// The machine-readable files of a release, under `api/` (SPEC §6): the checklist bundle and
/// each checklist alone, the published recommendations, the transitions between parties, their
/// JSON Schemas, and the checklists as HL7 FHIR R4 Questionnaires with the code system of their
/// answers.
///
/// Every file is made of content and `site.yml` only (dates are the release date), so a
/// release's API is as deterministic as its pages. Keys and ids keep their meaning for as long
/// as `schemaVersion` stays the same.
public enum API {
    static let schemaVersion = 1
    /// Every recommendation at once: the split list pages point to it.
    static let recommendationsPath = "api/recommendations.json"
    /// Every transition with its recommendations at once: a transition's split page points to it.
    static let transitionsPath = "api/transitions.json"

    static func files(_ site: Site) -> [OutputFile] {
        let checklists = site.checklists.map { checklist($0, site) }
        var files = [
            file("api/checklists.json", envelope(site, "checklists", .array(checklists))),
            file(recommendationsPath, envelope(site, "recommendations", .array(recommendations(site)))),
            file(transitionsPath, envelope(site, "transitions", .array(transitions(site)))),
            file("api/schema/checklist-bundle.schema.json", APISchemas.checklistBundle),
            file("api/schema/recommendations.schema.json", APISchemas.recommendations),
            file("api/schema/transitions.schema.json", APISchemas.transitions),
            file("api/fhir/CodeSystem-\(FHIR.answerCodeSystemID).json", FHIR.answerCodeSystem(site)),
        ]
        for (source, json) in zip(site.checklists, checklists) {
            files.append(file("api/checklists/\(source.id.value)/\(source.version.value).json", json))
            files.append(file("api/fhir/Questionnaire-\(source.id.value).json", FHIR.questionnaire(source, site)))
        }
        return files
    }

    private static func file(_ path: String, _ json: JSONValue) -> OutputFile {
        OutputFile(path: path, json: json, pretty: true)
    }

    private static func envelope(_ site: Site, _ key: String, _ items: JSONValue) -> JSONValue {
        [
            "schemaVersion": .int(schemaVersion),
            "release": .string(site.config.release.value),
            "generated": .string(site.config.releaseDate.value.description),
            key: items,
        ]
    }

    // MARK: - Checklists

    /// The answers of a yes-no-unsure question: the codes are English and stable, the displays
    /// are what the form shows.
    static let answerOptions: [(code: String, display: String)] = [("yes", "Ja"), ("no", "Nei"), ("unsure", "Usikker")]

    /// One checklist; `sha256` is the SHA-256 of the canonical JSON of the object without it and
    /// without `hearing`.
    static func checklist(_ checklist: Checklist, _ site: Site) -> JSONValue {
        let questions = checklist.questions.enumerated().map { index, question -> JSONValue in
            [
                "id": .string(question.id.value),
                "number": .int(index + 1),
                "text": .string(question.text.value),
                "help": .optional(question.help?.value),
                "answerType": .string(question.answer.rawValue),
                "answerOptions": .array(
                    question.answer == .yesNoUnsure ? answerOptions.map { ["code": .string($0.code), "display": .string($0.display)] } : []),
                "commentPrompt": .optional(question.comment?.value),
                "required": .bool(question.required),
            ]
        }
        var members: [(String, JSONValue)] = [
            ("id", .string(checklist.id.value)),
            ("title", .string(checklist.title.value)),
            ("version", .string(checklist.version.value.description)),
            ("status", .string(checklist.status.value.rawValue)),
            ("owner", party(checklist.owner.value, site)),
            ("url", .string(Route.path(of: checklist))),
            ("questions", .array(questions)),
        ]
        members.insert(("sha256", .string(sha256(JSONValue.object(members).canonical()))), at: 6)
        // After the hash: `sha256` fingerprints the form, which a consultation's deadline or its
        // closing (`open` turns false on a later release date) does not change.
        members.append(("hearing", hearing(checklist.hearing, status: checklist.status.value, site)))
        return .object(members)
    }

    /// The `questions` of a checklist as Foundation objects, as `JSONSerialization` reads them from
    /// an earlier release's bundle, for comparing the two.
    public static func checklistQuestionsForComparison(_ source: Checklist, _ site: Site) -> NSArray? {
        guard case .object(let members) = checklist(source, site), let questions = members.first(where: { $0.0 == "questions" })?.1
        else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(questions.serialized().utf8)) as? NSArray
    }

    /// Lower-case hexadecimal SHA-256 of the UTF-8 of `text`.
    static func sha256(_ text: String) -> String {
        sha256(bytes: Array(text.utf8))
    }

    static func sha256(bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// A consultation: its deadline, where answers go (a `mailto:` or web address), its documents
    /// and whether it is open as of the release date; `null` when there is none.
    static func hearing(_ hearing: Hearing?, status: Status, _ site: Site) -> JSONValue {
        guard let hearing else { return .null }
        return [
            "deadline": .string(hearing.deadline.value.description),
            "respondTo": .string(hearing.respondTo.value.uri),
            "documents": .array(hearing.documents.map { ["title": .string($0.title.value), "url": .string($0.url.value)] }),
            "open": .bool(status == .høring && hearing.isOpen(on: site.config.releaseDate.value)),
        ]
    }

    static func party(_ id: String, _ site: Site) -> JSONValue {
        ["id": .string(id), "name": .string(site.partyName(id))]
    }

    // MARK: - Recommendations

    /// Every recommendation of the release: who does what, with each duty as plain text and as
    /// HTML whose links are absolute (into this release under `base_url`).
    static func recommendations(_ site: Site) -> [JSONValue] {
        let releaseURL = site.config.baseURL.value + "v/" + site.config.release.value + "/"
        let context = PageContext(site: site, path: "", root: releaseURL)
        return site.recommendations.concurrentMap { recommendation -> JSONValue in
            let set = site.set(slug: recommendation.setSlug)
            return [
                "id": .string(recommendation.id.value),
                "title": .string(recommendation.title.value),
                "version": .string(recommendation.version.value.description),
                "status": .string(recommendation.status.value.rawValue),
                // Adopted, released and not superseded (`Site.isInForce`): what the printed edition holds.
                "inForce": .bool(site.isInForce(recommendation)),
                "adopted": .optional(recommendation.adopted?.value.description),
                "review": .optional(recommendation.review?.value.description),
                "set": [
                    "id": .optional(set?.id.value),
                    "slug": .string(recommendation.setSlug),
                    "title": .optional(set?.title.value),
                ],
                "url": .string(Route.path(of: .recommendation(recommendation.id.value), in: site)),
                "responsible": .array(
                    recommendation.responsible.map { responsibility in
                        [
                            "party": party(responsibility.party.value, site),
                            "duty": [
                                "text": .string(Markdown.inlinePlainText(responsibility.duty.value)),
                                "html": .string(context.inlineHTML(responsibility.duty, in: recommendation.document)),
                            ],
                            "task": responsibility.task.map { task -> JSONValue in
                                ["id": .string(task.value), "title": .optional(site.task(task.value)?.title.value)]
                            } ?? .null,
                        ]
                    }),
                "handover": .array(
                    recommendation.handover.map { handover in
                        [
                            "from": party(handover.from.value, site),
                            "to": party(handover.to.value, site),
                            "when": .optional(handover.when?.value),
                        ]
                    }),
                "tags": .array(recommendation.tags.map { .string($0.value) }),
                "endorsements": .array(
                    recommendation.endorsements.map { endorsement in
                        [
                            "by": .string(endorsement.by.value),
                            "level": .string(endorsement.level.value.rawValue),
                            "date": .string(endorsement.date.value.description),
                            "reference": .optional(endorsement.reference?.value),
                        ]
                    }),
                "hearing": hearing(recommendation.hearing, status: recommendation.status.value, site),
            ]
        }
    }

    // MARK: - Transitions

    /// Every transition (`Transitions`): the two parties, its page, and each recommendation in
    /// force that has a handover between them, with the `when` of each such handover (`null`
    /// where it gives none).
    static func transitions(_ site: Site) -> [JSONValue] {
        Transitions(site).all.map { transition in
            [
                "from": party(transition.from, site),
                "to": party(transition.to, site),
                "url": .string(Route.path(of: transition)),
                "recommendations": .array(
                    transition.entries.map { entry in
                        [
                            "id": .string(entry.recommendation.id.value),
                            "version": .string(entry.recommendation.version.value.description),
                            "url": .string(Route.path(of: entry.recommendation)),
                            "when": .array(entry.handovers.map { .optional($0.when?.value) }),
                        ]
                    }),
            ]
        }
    }
}
