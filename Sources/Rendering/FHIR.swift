import Content
import Diagnostics

/// The checklists as HL7 FHIR R4 resources, following the Structured Data Capture (SDC)
/// conventions: a Questionnaire per checklist, and the CodeSystem of the answers ja/nei/usikker.
///
/// Each question becomes a `group` (`linkId` = the question's id, `prefix` = its number) that
/// holds the answer (`<id>.svar`: a `choice` from the code system, or `text`), the help text as
/// a `display` item shown as help, and the comment (`<id>.kommentar`), which a yes-no-unsure
/// question asks for only when the answer is not yes.
enum FHIR {
    static let answerCodeSystemID = "ja-nei-usikker"
    static let sdcQuestionnaire = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire"
    static let itemControl = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"

    /// Canonical URLs identify a resource; the resource itself is published under `api/fhir/`.
    static func canonicalURL(_ site: Site, _ type: String, _ id: String) -> String {
        site.config.baseURL.value + "fhir/\(type)/\(id)"
    }

    static func status(_ status: Status) -> String {
        switch status {
        case .utkast: "draft"
        case .høring, .vedtatt, .retningslinje: "active"
        case .trukket: "retired"
        }
    }

    /// A computable name from a slug: `vurderingsskjema-omfordeling` → `VurderingsskjemaOmfordeling`.
    static func name(_ slug: String) -> String {
        let name = slug.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return name.first?.isLetter == true ? name : "Q" + name
    }

    static func answerCodeSystem(_ site: Site) -> JSONValue {
        [
            "resourceType": "CodeSystem",
            "id": .string(answerCodeSystemID),
            "language": "nb",
            "url": .string(canonicalURL(site, "CodeSystem", answerCodeSystemID)),
            "version": "1",
            "name": "JaNeiUsikker",
            "title": "Ja, nei eller usikker",
            "status": "active",
            "date": .string(site.config.releaseDate.value.description),
            "publisher": .string(site.config.title.value),
            "description": "Svarene på et ja/nei/usikker-spørsmål i Møteplass Oslos sjekklister.",
            "caseSensitive": true,
            "content": "complete",
            "count": .int(API.answerOptions.count),
            "concept": .array(API.answerOptions.map { ["code": .string($0.code), "display": .string($0.display)] }),
        ]
    }

    static func questionnaire(_ checklist: Checklist, _ site: Site) -> JSONValue {
        let system = JSONValue.string(canonicalURL(site, "CodeSystem", answerCodeSystemID))
        let items = checklist.questions.enumerated().map { index, question -> JSONValue in
            let id = question.id.value
            let answerID = id + ".svar"
            var children: [JSONValue] = []
            if let help = question.help {
                children.append([
                    "linkId": .string(id + ".hjelp"),
                    "text": .string(help.value),
                    "type": "display",
                    "extension": [
                        [
                            "url": .string(itemControl),
                            "valueCodeableConcept": [
                                "coding": [
                                    [
                                        "system": "http://hl7.org/fhir/questionnaire-item-control", "code": "help",
                                        "display": "Help-Button",
                                    ]
                                ]
                            ],
                        ]
                    ],
                ])
            }
            var answer: [(String, JSONValue)] = [
                ("linkId", .string(answerID)),
                ("text", .string(question.text.value)),
                ("type", question.answer == .yesNoUnsure ? "choice" : "text"),
                ("required", .bool(question.required)),
            ]
            if question.answer == .yesNoUnsure {
                answer.append(
                    (
                        "answerOption",
                        .array(
                            API.answerOptions.map { option in
                                ["valueCoding": ["system": system, "code": .string(option.code), "display": .string(option.display)]]
                            })
                    ))
            }
            children.append(.object(answer))
            if let comment = question.comment {
                var item: [(String, JSONValue)] = [
                    ("linkId", .string(id + ".kommentar")),
                    ("text", .string(comment.value)),
                    ("type", "text"),
                ]
                if question.answer == .yesNoUnsure {
                    item.append(
                        (
                            "enableWhen",
                            [["question": .string(answerID), "operator": "!=", "answerCoding": ["system": system, "code": "yes"]]]
                        ))
                }
                children.append(.object(item))
            }
            return [
                "linkId": .string(id),
                "prefix": .string(String(index + 1)),
                "text": .string(question.text.value),
                "type": "group",
                "item": .array(children),
            ]
        }
        return [
            "resourceType": "Questionnaire",
            "id": .string(checklist.id.value),
            "meta": ["profile": [.string(sdcQuestionnaire)]],
            "language": "nb",
            "url": .string(canonicalURL(site, "Questionnaire", checklist.id.value)),
            "version": .string(checklist.version.value.description),
            "name": .string(name(checklist.id.value)),
            "title": .string(checklist.title.value),
            "status": .string(status(checklist.status.value)),
            "date": .string(site.config.releaseDate.value.description),
            "publisher": .string(site.partyName(checklist.owner.value)),
            "item": .array(items),
        ]
    }
}
