import Content
import Diagnostics

/// The JSON Schemas (2020-12) of `api/checklists.json`, `api/recommendations.json` and
/// `api/transitions.json`. Their `$id` carries the `schemaVersion` they describe; every object is
/// closed (`additionalProperties: false`) and every key required, with `null` where a value is
/// absent.
enum APISchemas {
    private static func object(_ properties: [(String, JSONValue)]) -> JSONValue {
        [
            "type": "object",
            "required": .array(properties.map { .string($0.0) }),
            "additionalProperties": false,
            "properties": .object(properties),
        ]
    }

    private static func array(of items: JSONValue, minItems: Int = 0) -> JSONValue {
        minItems > 0 ? ["type": "array", "items": items, "minItems": .int(minItems)] : ["type": "array", "items": items]
    }

    private static let text: JSONValue = ["type": "string", "minLength": 1]
    private static let optionalText: JSONValue = ["type": ["string", "null"], "minLength": 1]
    private static func reference(_ name: String) -> JSONValue { ["$ref": .string("#/$defs/\(name)")] }

    /// What the bundles share: the envelope's fields and the value types.
    private static func definitions(_ more: [(String, JSONValue)]) -> JSONValue {
        .object(
            [
                ("date", ["type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"]),
                ("optionalDate", ["anyOf": [reference("date"), ["type": "null"]]]),
                ("slug", ["type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"]),
                ("version", ["type": "string", "pattern": "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))?$"]),
                ("status", ["enum": .array(Status.allCases.map { .string($0.rawValue) })]),
                ("party", object([("id", reference("slug")), ("name", text)])),
                // A consultation (`hearing:`); `open` as of the release date.
                (
                    "hearing",
                    object([
                        ("deadline", ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"]),
                        ("respondTo", ["type": "string", "pattern": "^(mailto:[^@\\s]+@[^@\\s]+|https?://[^\\s]+)$"]),
                        ("documents", array(of: object([("title", text), ("url", ["type": "string", "pattern": "^https?://[^\\s]+$"])]))),
                        ("open", ["type": "boolean"]),
                    ])
                ),
                ("optionalHearing", ["anyOf": [reference("hearing"), ["type": "null"]]]),
            ] + more)
    }

    private static func envelope(id: String, title: String, key: String, item: String, definitions more: [(String, JSONValue)])
        -> JSONValue
    {
        var members: [(String, JSONValue)] = [
            ("$schema", "https://json-schema.org/draft/2020-12/schema"),
            ("$id", .string("urn:moteplass-oslo:schema:\(id):\(API.schemaVersion)")),
            ("title", .string(title)),
        ]
        guard
            case .object(let body) = object([
                ("schemaVersion", ["const": .int(API.schemaVersion)]),
                ("release", text),
                ("generated", reference("date")),
                (key, array(of: reference(item))),
            ])
        else { preconditionFailure("object(_:) makes an object") }
        members += body
        members.append(("$defs", definitions(more)))
        return .object(members)
    }

    static let checklistBundle = envelope(
        id: "checklist-bundle", title: "Møteplass Oslo: sjekklistene (api/checklists.json)", key: "checklists",
        item: "checklist",
        definitions: [
            (
                "checklist",
                object([
                    ("id", reference("slug")),
                    ("title", text),
                    ("version", reference("version")),
                    ("status", reference("status")),
                    ("owner", reference("party")),
                    ("url", text),
                    ("sha256", ["type": "string", "pattern": "^[0-9a-f]{64}$"]),
                    ("questions", array(of: reference("question"), minItems: 1)),
                    ("hearing", reference("optionalHearing")),
                ])
            ),
            ("question", question),
            ("answerOption", object([("code", ["enum": ["yes", "no", "unsure"]]), ("display", text)])),
        ])

    private static var question: JSONValue {
        guard
            case .object(var members) = object([
                ("id", reference("slug")),
                ("number", ["type": "integer", "minimum": 1]),
                ("text", text),
                ("help", optionalText),
                ("answerType", ["enum": ["yes-no-unsure", "text"]]),
                ("answerOptions", array(of: reference("answerOption"))),
                ("commentPrompt", optionalText),
                ("required", ["type": "boolean"]),
            ])
        else { preconditionFailure("object(_:) makes an object") }
        // A yes-no-unsure question offers exactly the three answers; a text question none.
        members.append(
            (
                "if",
                ["properties": ["answerType": ["const": "yes-no-unsure"]]]
            ))
        members.append(("then", ["properties": ["answerOptions": ["minItems": 3, "maxItems": 3]]]))
        members.append(("else", ["properties": ["answerOptions": ["maxItems": 0]]]))
        return .object(members)
    }

    static let recommendations = envelope(
        id: "recommendations", title: "Møteplass Oslo: anbefalingene (api/recommendations.json)", key: "recommendations",
        item: "recommendation",
        definitions: [
            (
                "recommendation",
                object([
                    ("id", text),
                    ("title", text),
                    ("version", reference("version")),
                    ("status", reference("status")),
                    ("inForce", ["type": "boolean"]),
                    ("adopted", reference("optionalDate")),
                    ("review", reference("optionalDate")),
                    ("set", object([("id", optionalText), ("slug", reference("slug")), ("title", optionalText)])),
                    ("url", text),
                    ("responsible", array(of: reference("responsibility"))),
                    ("handover", array(of: reference("handover"))),
                    ("tags", array(of: text)),
                    ("endorsements", array(of: reference("endorsement"))),
                    ("hearing", reference("optionalHearing")),
                ])
            ),
            (
                "endorsement",
                object([
                    ("by", text),
                    ("level", ["enum": .array(Level.allCases.map { .string($0.rawValue) })]),
                    ("date", reference("date")),
                    ("reference", optionalText),
                ])
            ),
            (
                "responsibility",
                object([
                    ("party", reference("party")),
                    ("duty", object([("text", ["type": "string"]), ("html", ["type": "string"])])),
                    ("task", ["anyOf": [reference("task"), ["type": "null"]]]),
                ])
            ),
            // A task's title is the one `tasks.yml` gives it; `null` when the site has no such file.
            ("task", object([("id", reference("slug")), ("title", optionalText)])),
            ("handover", object([("from", reference("party")), ("to", reference("party")), ("when", optionalText)])),
        ])

    static let transitions = envelope(
        id: "transitions", title: "Møteplass Oslo: overgangene (api/transitions.json)", key: "transitions", item: "transition",
        definitions: [
            (
                "transition",
                object([
                    ("from", reference("party")),
                    ("to", reference("party")),
                    ("url", text),
                    ("recommendations", array(of: reference("transitionRecommendation"), minItems: 1)),
                ])
            ),
            (
                "transitionRecommendation",
                object([
                    ("id", text),
                    ("version", reference("version")),
                    ("url", text),
                    ("when", array(of: optionalText, minItems: 1)),
                ])
            ),
        ])
}
