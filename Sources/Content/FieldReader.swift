import Diagnostics

/// Reads typed fields out of one YAML mapping, collecting a positioned diagnostic for every
/// field that is missing, of the wrong type or invalid — never stopping at the first.
///
/// Every key a decoder asks for becomes a known key; `finish()` warns about the others
/// (a misspelt `reveiw:` would otherwise be silently ignored).
struct FieldReader {
    let path: String
    let location: SourceLocation
    private let entries: [YAMLNode.Entry]
    /// The keys asked for, for `finish()`.
    private var known: [String] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Set when a field is missing or invalid. Nested entries (a handover, a question) are then
    /// dropped; top-level values are kept so that cross-file rules can still check them.
    private(set) var failed = false
    /// The node was not a mapping: that is reported once, not every field as missing.
    private var notAMapping = false

    /// A reader over `node`, which must be a mapping; otherwise the problem is reported and the
    /// reader is empty and failed.
    init(_ node: YAMLNode?, path: String, what: @autoclosure () -> String) {
        self.path = path
        switch node {
        case .mapping(let entries, let location):
            self.entries = entries
            self.location = location
        case nil:
            self.entries = []
            self.location = .start(of: path)
        case .some(let other):
            self.entries = []
            self.location = other.location
            report(.fieldType, at: other.location, "\(what()) må bestå av felt (`navn: verdi`), ikke \(other.kindDescription)")
            failed = true
            notAMapping = true
        }
    }

    /// Where a missing field is reported: the top of the file for a front matter, the entry itself for nested mappings.
    private var missingLocation: SourceLocation {
        location.line <= 2 && location.column == 1 ? .start(of: path) : location
    }

    mutating func report(_ rule: Rule, at location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(rule, at: location, message))
    }

    mutating func fail(_ rule: Rule, at location: SourceLocation, _ message: String) {
        report(rule, at: location, message)
        failed = true
    }

    /// Takes over another reader's diagnostics (for nested mappings).
    mutating func absorb(_ other: FieldReader, failing: Bool = true) {
        diagnostics += other.diagnostics
        if other.failed && failing { failed = true }
    }

    /// The entry for `key`, registering the key as known.
    mutating func entry(_ key: String) -> YAMLNode.Entry? {
        known.append(key)
        return entries.first { $0.key.value == key }
    }

    /// Whether `key` is present with a value (valid or not).
    func has(_ key: String) -> Bool {
        entries.contains { $0.key.value == key && !$0.value.isNull }
    }

    /// Reports the required field `key` as missing.
    mutating func missing(_ key: String, _ hint: String, rule: Rule = .fieldMissing, at location: SourceLocation? = nil) {
        guard !notAMapping else { return }
        fail(rule, at: location ?? missingLocation, "feltet `\(key)` mangler; legg til `\(key):` med \(hint)")
    }

    // MARK: Scalars

    /// A text field. A required field that is absent, null or blank is reported as missing.
    mutating func string(_ key: String, required: Bool = false, _ hint: String) -> Located<String>? {
        guard let entry = entry(key) else {
            if required { missing(key, hint) }
            return nil
        }
        return scalarValue(entry.value, key: key, required: required, hint: hint)
    }

    mutating func scalarValue(_ node: YAMLNode, key: String, required: Bool, hint: String) -> Located<String>? {
        switch node {
        case .scalar(let text, let location, let isNull, let positions):
            let trimmed = text.trimmingWhitespace()
            if isNull || trimmed.isEmpty {
                if required { fail(.fieldMissing, at: location, "feltet `\(key)` er tomt; skriv \(hint)") }
                return nil
            }
            let leading = text.leadingWhitespace
            return Located(trimmed, at: location, positions: positions.dropping(leading))
        default:
            fail(.fieldType, at: node.location, "`\(key)` skal være en tekst (\(hint)), ikke \(node.kindDescription)")
            return nil
        }
    }

    /// A field parsed by `parse`; `invalid` explains the expected format when parsing fails.
    mutating func parsed<T>(
        _ key: String, required: Bool = false, _ hint: String, rule: Rule, invalid: (String) -> String,
        _ parse: (String) -> T?
    ) -> Located<T>? {
        guard let text = string(key, required: required, hint) else { return nil }
        guard let value = parse(text.value) else {
            fail(rule, at: text.location, invalid(text.value))
            return nil
        }
        return Located(value, at: text.location)
    }

    mutating func date(_ key: String, required: Bool = false, _ hint: String) -> Located<ContentDate>? {
        parsed(
            key, required: required, hint, rule: .dateInvalid,
            invalid: { text in
                "`\(key): \(text)` er ikke en gyldig dato; skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD (f.eks. 2017-03), og en dato som finnes"
            }, ContentDate.init)
    }

    mutating func version(_ key: String, required: Bool = false) -> Located<Version>? {
        parsed(
            key, required: required, "versjonsnummeret, f.eks. `1.0.0`", rule: .versionInvalid,
            invalid: { text in
                "`\(key): \(text)` er ikke et gyldig versjonsnummer; skriv MAJOR.MINOR eller MAJOR.MINOR.PATCH, f.eks. `1.0` eller `1.0.0`"
            }, Version.init)
    }

    /// A field whose value is one of the raw values of `T` (a status, a level); `invalid` names
    /// what it should be ("en gyldig status"). Another value is `rule`, with the closest one.
    private mutating func oneOf<T: CaseIterable & RawRepresentable>(
        _ key: String, required: Bool, rule: Rule, invalid what: String, _ type: T.Type
    ) -> Located<T>? where T.RawValue == String {
        let values = T.allCases.map(\.rawValue)
        let hint = "en av \(values.map { "`\($0)`" }.joined(separator: ", "))"
        return parsed(
            key, required: required, hint, rule: rule,
            invalid: { text in "`\(key): \(text)` er ikke \(what); bruk \(hint).\(Suggestion.hint(for: text, among: values))" },
            { T(rawValue: $0) })
    }

    mutating func status(_ key: String = "status", required: Bool = true) -> Located<Status>? {
        oneOf(key, required: required, rule: .statusInvalid, invalid: "en gyldig status", Status.self)
    }

    /// A side of the services (`Level`).
    mutating func level(_ key: String = "level", required: Bool = false) -> Located<Level>? {
        oneOf(key, required: required, rule: .levelInvalid, invalid: "et gyldig nivå", Level.self)
    }

    mutating func time(_ key: String, _ hint: String) -> Located<ClockTime>? {
        parsed(
            key, hint, rule: .timeInvalid,
            invalid: { text in
                "`\(key): \(text)` er ikke et klokkeslett; skriv TT:MM, f.eks. `16:00` (husk anførselstegn: \"16:00\")"
            }, ClockTime.init)
    }

    mutating func int(_ key: String, _ hint: String) -> Located<Int>? {
        parsed(key, hint, rule: .fieldType, invalid: { text in "`\(key): \(text)` skal være et heltall (\(hint))" }, { Int($0) })
    }

    mutating func bool(_ key: String, _ hint: String) -> Located<Bool>? {
        parsed(
            key, hint, rule: .fieldType, invalid: { text in "`\(key): \(text)` skal være `true` eller `false` (\(hint))" },
            { text in
                switch text {
                case "true": true
                case "false": false
                default: nil
                }
            })
    }

    /// A slug-valued id (party ids, question ids).
    mutating func slug(_ key: String, required: Bool = false, _ hint: String) -> Located<String>? {
        parsed(
            key, required: required, hint, rule: .slugInvalid,
            invalid: { text in
                "`\(key): \(text)` er ikke en gyldig slug; bruk små bokstaver a–z, tall og bindestrek (f.eks. `\(Slug.suggest(text))`)"
            }, { Slug.isValid($0) ? $0 : nil })
    }

    /// The `owner` party id. Absent, null or blank is `owner-missing`, reported at `location` (line 1).
    mutating func owner(at location: SourceLocation) -> Located<String>? {
        let hint = "id-en til parten som har redaksjonelt ansvar, f.eks. `moteplass-arbeidsforum`"
        if let value = entry("owner")?.value, !value.isNull, value.scalar?.trimmingWhitespace().isEmpty != true {
            return scalarValue(value, key: "owner", required: true, hint: hint)
        }
        fail(.ownerMissing, at: location, "feltet `owner` mangler; legg til `owner:` med \(hint)")
        return nil
    }

    // MARK: Lists

    /// The items of a list field, or `nil` (with a diagnostic when it is not a list).
    mutating func list(_ key: String, _ hint: String) -> (entry: YAMLNode.Entry, items: [YAMLNode])? {
        guard let entry = entry(key), !entry.value.isNull else { return nil }
        guard let items = entry.value.items else {
            fail(.fieldType, at: entry.value.location, "`\(key)` skal være en liste (\(hint)), ikke \(entry.value.kindDescription)")
            return nil
        }
        return (entry, items)
    }

    /// A list of texts, e.g. `tags: [utskrivning, epikrise]`.
    /// A single text is taken as a list of one (`tags: epikrise`).
    mutating func strings(_ key: String, _ hint: String) -> [Located<String>] {
        if let value = entry(key)?.value, value.scalar != nil {
            return scalarValue(value, key: key, required: false, hint: hint).map { [$0] } ?? []
        }
        guard let (_, items) = list(key, hint) else { return [] }
        return items.compactMap { scalarValue($0, key: key, required: true, hint: hint) }
    }

    /// A list of mappings, each decoded by `decode` with its own reader.
    mutating func objects<T>(_ key: String, _ hint: String, _ decode: (inout FieldReader) -> T?) -> [T] {
        guard let (_, items) = list(key, hint) else { return [] }
        return items.compactMap { item in
            var reader = FieldReader(item, path: path, what: "hvert punkt i `\(key)`")
            let value = decode(&reader)
            reader.finish()
            absorb(reader)
            return reader.failed ? nil : value
        }
    }

    /// A mapping field (`feedback:`), decoded by `decode` with its own reader; `nil` when it is
    /// absent, null or invalid (then with a diagnostic).
    mutating func object<T>(_ key: String, _ hint: String, _ decode: (inout FieldReader) -> T?) -> T? {
        guard let entry = entry(key), !entry.value.isNull else { return nil }
        var reader = FieldReader(entry.value, path: path, what: "`\(key)` (\(hint))")
        let value = decode(&reader)
        reader.finish()
        absorb(reader)
        return reader.failed ? nil : value
    }

    /// Warns about every key no decoder asked for, naming the closest known key.
    mutating func finish() {
        for entry in entries where !known.contains(entry.key.value) {
            report(
                .keyUnknown, at: entry.key.location,
                "feltet `\(entry.key.value)` er ukjent og blir ikke brukt.\(Suggestion.hint(for: entry.key.value, among: known))")
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        // Most values start and end with a visible character: nothing to trim.
        if let first = unicodeScalars.first, let last = unicodeScalars.last, !first.isWhitespace, !last.isWhitespace { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// How many characters of white space the text starts with.
    var leadingWhitespace: Int {
        guard let first = unicodeScalars.first, first.isWhitespace else { return 0 }
        return prefix { $0.isWhitespace }.count
    }
}

extension Unicode.Scalar {
    /// Unicode's White_Space, as `Character.isWhitespace` has it, without a property lookup.
    var isWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

extension Slug {
    /// A slug made from any text: lower case, æ→ae, ø→o, å→a, other characters → `-`.
    public static func suggest(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            switch character {
            case "æ": out += "ae"
            case "ø": out += "o"
            case "å": out += "a"
            case "é", "è", "ê": out += "e"
            case _ where character.isASCII && (character.isLetter || character.isNumber): out.append(character)
            default: if !out.isEmpty, out.last != "-" { out += "-" }
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
