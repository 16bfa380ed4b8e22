import Diagnostics

/// An assessment checklist (`checklists/<slug>.md`): questions answered yes/no/unsure or in text.
public struct Checklist: Sendable {
    public let document: Document
    /// A slug: it names files in the API (`api/fhir/Questionnaire-<id>.json`).
    public let id: Located<String>
    public let title: Located<String>
    public let version: Located<Version>
    public let status: Located<Status>
    public let owner: Located<String>
    public let questions: [Question]
    public let source: Located<String>?
    /// The consultation, open (status `høring`) or held.
    public let hearing: Hearing?

    public var slug: String { document.slug }

    static func decode(_ reader: inout FieldReader, document: Document) -> Checklist? {
        let id = reader.slug("id", required: true, "sjekklistens id (slug), f.eks. `vurderingsskjema-omfordeling`")
        let title = reader.string("title", required: true, "sjekklistens tittel")
        let version = reader.version("version", required: true)
        let status = reader.status()
        let owner = reader.owner(at: .start(of: document.path))
        let questions = reader.objects("questions", "spørsmål med `id`, `text` og `answer`") { item -> Question? in
            let id = item.slug("id", required: true, "spørsmålets faste id (slug), f.eks. `medisinsk-ansvar`")
            let text = item.string("text", required: true, "spørsmålet")
            let help = item.string("help", "en hjelpetekst til spørsmålet")
            let answer = item.parsed(
                "answer", required: true, "svartypen: `yes-no-unsure` eller `text`", rule: .fieldType,
                invalid: { text in
                    "`answer: \(text)` er ikke en svartype; bruk `yes-no-unsure` eller `text`"
                }, { Question.AnswerType(rawValue: $0) })
            let comment = item.string("comment", "ledeteksten til et kommentarfelt, f.eks. `Begrunn svaret.`")
            let required = item.bool("required", "om spørsmålet må besvares")
            guard let id, let text, let answer else { return nil }
            return Question(id: id, text: text, help: help, answer: answer.value, comment: comment, required: required?.value ?? true)
        }
        if questions.isEmpty, !reader.failed {
            reader.missing("questions", "spørsmålene, en liste med `id`, `text` og `answer`")
        }
        let source = reader.string("source", "kilden teksten bygger på")
        let hearing = Hearing.decode(&reader, path: document.path)
        guard let id, let title, let version, let status, let owner else { return nil }
        return Checklist(
            document: document, id: id, title: title, version: version, status: status, owner: owner,
            questions: questions, source: source, hearing: hearing)
    }
}

/// One question of a checklist.
public struct Question: Sendable {
    public enum AnswerType: String, Sendable {
        case yesNoUnsure = "yes-no-unsure"
        case text
    }

    /// Stable across versions: answers are stored against it.
    public let id: Located<String>
    public let text: Located<String>
    public let help: Located<String>?
    public let answer: AnswerType
    public let comment: Located<String>?
    public let required: Bool
}
