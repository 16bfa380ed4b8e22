import Diagnostics

/// A consultation (høring) of a recommendation or checklist: when it closes, where to answer and
/// what to read (SPEC §3.8).
///
/// Allowed on any status: while the status is `høring` it is an open consultation (until its
/// deadline passes, which `hearing-overdue` warns about); afterwards the block stays as the
/// record of the consultation that was held.
public struct Hearing: Sendable {
    /// The last day answers are taken: always a whole date (`2018-06-15`).
    public let deadline: Located<ContentDate>
    public let respondTo: Located<Respondent>
    public let documents: [HearingDocument]
    /// The `hearing:` key.
    public let location: SourceLocation

    /// Where answers go: an e-mail address or a web address (a form, a portal).
    public enum Respondent: Sendable, Hashable {
        /// The bare address (`horing@example.no`); written with or without `mailto:`.
        case email(String)
        /// An `http://` or `https://` address.
        case url(String)

        /// Reads `respond_to:`; nil when it is neither.
        public init?(_ text: String) {
            if Address.isWeb(text) {
                self = .url(text)
                return
            }
            let address = text.hasPrefix("mailto:") ? String(text.dropFirst("mailto:".count)) : text
            guard Address.isEmail(address) else { return nil }
            self = .email(address)
        }

        /// As a URI: `mailto:<address>` or the web address.
        public var uri: String {
            switch self {
            case .email(let address): "mailto:" + address
            case .url(let url): url
            }
        }
    }

    /// Whether the consultation is open on `date`: it ends at the end of its deadline.
    public func isOpen(on date: ContentDate) -> Bool { deadline.value >= date }

    /// Whole days from `date` to the deadline (0 on the deadline itself, negative after it).
    public func daysLeft(from date: ContentDate) -> Int {
        deadline.value.dayNumber - date.dayNumber
    }
}

/// A document of a consultation: the consultation letter, the draft, a summary of the answers.
public struct HearingDocument: Sendable {
    public let title: Located<String>
    /// An `http://` or `https://` address.
    public let url: Located<String>
}

extension Hearing {
    /// Reads the optional `hearing:` block of `reader`'s mapping. A malformed block is reported
    /// (and fails the file, so nothing is built) and dropped.
    static func decode(_ reader: inout FieldReader, path: String) -> Hearing? {
        guard let entry = reader.entry("hearing"), !entry.value.isNull else { return nil }
        var block = FieldReader(entry.value, path: path, what: "`hearing`")
        let deadline = block.parsed(
            "deadline", required: true, "høringsfristen, f.eks. `2018-06-15`", rule: .dateInvalid,
            invalid: { text in
                "`deadline: \(text)` er ikke en gyldig høringsfrist; skriv dagen som ÅÅÅÅ-MM-DD (f.eks. `2018-06-15`), og en dato som finnes"
            }, { text in ContentDate(text).flatMap { $0.day == nil ? nil : $0 } })
        let respondTo = block.parsed(
            "respond_to", required: true, "e-postadressen eller nettadressen svarene skal sendes til, f.eks. `horing@example.no`",
            rule: .fieldType,
            invalid: { text in
                "`respond_to: \(text)` er verken en e-postadresse eller en nettadresse; skriv adressen svarene skal sendes til, f.eks. `horing@example.no` eller `https://example.no/horing`"
            }, Respondent.init)
        let documents = block.objects("documents", "dokumentene, en liste med `title` og `url`") { item -> HearingDocument? in
            let title = item.string("title", required: true, "dokumentets tittel")
            let url = item.parsed(
                "url", required: true, "dokumentets nettadresse, f.eks. `https://example.no/horingsbrev.pdf`", rule: .fieldType,
                invalid: { text in
                    "`url: \(text)` er ikke en nettadresse; skriv hele adressen til dokumentet, som begynner med `https://`"
                }, { Address.isWeb($0) ? $0 : nil })
            guard let title, let url else { return nil }
            return HearingDocument(title: title, url: url)
        }
        block.finish()
        reader.absorb(block)
        guard !block.failed, let deadline, let respondTo else { return nil }
        return Hearing(deadline: deadline, respondTo: respondTo, documents: documents, location: entry.key.location)
    }
}
