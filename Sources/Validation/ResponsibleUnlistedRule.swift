import Content
import Diagnostics
import Markdown

/// `responsible-unlisted`: the body gives a party a duty ("Fastlegen skal …") that `responsible`
/// does not list.
///
/// A sentence gives a party a duty when one of the party's aliases is the subject directly
/// followed by *skal*, *bør* or *må*. To avoid false alarms the rule stays quiet when the alias
/// follows a preposition or a question or conditional word ("time *hos* fastlegen skal …",
/// "*når* fastlegen skal …"), when the verb is negated ("fastlegen bør *ikke* …"), and when the
/// party receives rather than does: *få* ("pasientene skal *få* tilbud om …", "… skal *få*
/// utarbeidet en plan"), a passive with *bli* ("pasienten skal *bli* innkalt") or an s-passive
/// ("pasienten skal *henvises* …"), each perhaps after an adverb ("skal *også* få …").
/// Coordinated subjects ("sykehuset og fastlegen skal …") each count.
struct ResponsibleUnlistedRule: BodyRule {
    let aliases: Aliases

    init(parties: [Party]) {
        aliases = Aliases(parties)
    }

    /// Words after the modal that turn the duty into a prohibition or a permission.
    static let negations: Set<String> = ["ikke", "aldri", "heller", "gjerne"]
    /// Adverbs that may stand between the modal and its verb, read past when looking for the verb.
    static let adverbs: Set<String> = [
        "alltid", "da", "derfor", "deretter", "dessuten", "fortsatt", "først", "likevel", "normalt", "også", "selv",
        "snarest", "straks", "så", "vanligvis",
    ]
    /// Verbs after the modal that make the subject a receiver: "skal *få* tilbud", "skal *bli* innkalt".
    static let receiving: Set<String> = ["få", "bli"]

    /// Whether `verb`, the word after the modal, makes its subject a receiver rather than a doer:
    /// *få*, *bli*, or an s-passive (no Norwegian infinitive ends in -s: "henvises", "gis").
    static func receives(_ verb: String) -> Bool {
        receiving.contains(verb) || (verb.count > 2 && verb.hasSuffix("s"))
    }
    /// Words before the alias that show it is not the subject of the sentence.
    static let notSubject: Set<String> = [
        "av", "bak", "blant", "da", "der", "dersom", "enn", "etter", "for", "foran", "fra", "før", "gjennom", "hos", "hva",
        "hvem", "hvilke", "hvilken", "hvilket", "hvis", "hvor", "hvordan", "hvorfor", "i", "innen", "med", "mellom", "mot",
        "når", "om", "over", "overfor", "per", "på", "til", "uten", "under", "ved", "via",
    ]

    func check(_ body: Body, _ analysis: MarkdownAnalysis, in site: Site) -> [Diagnostic] {
        guard let recommendation = body.recommendation, recommendation.status.value != .trukket,
            !recommendation.responsible.isEmpty
        else { return [] }
        let listed = Set(recommendation.responsible.map(\.party.value))
        return BodyText(analysis.text).duties(aliases: aliases, except: listed).map { duty in
            let name = site.partyName(duty.party)
            return Diagnostic(
                .responsibleUnlisted,
                at: SourceLocation(file: recommendation.document.path, line: duty.position.line, column: duty.position.column),
                "«\(duty.phrase)» gir \(name.lowercased()) en oppgave, men `responsible` har ikke `party: \(duty.party)`; legg til `- party: \(duty.party)` med `duty:`, eller skriv om setningen"
            )
        }
    }

    /// A party the text gives a duty, where the sentence names it.
    struct Duty: Equatable {
        let party: String
        let position: MarkdownPosition
        /// The start of the sentence from the subject, for the message: "Fastlegen skal sende …".
        let phrase: String
    }
}

/// The text of a body (`MarkdownText`), read word by word around each *skal*, *bør* and *må*:
/// most of a body is only scanned, never turned into words.
///
/// A word is a run of letters and digits. Between two words lies a boundary: a sentence ends at
/// `.`, `!`, `?`, `:` or `;` and where a block (a paragraph, a heading, a table cell) ends; a
/// comma is a weaker boundary. The separator between two runs of a block is neither.
struct BodyText {
    enum Boundary: Comparable {
        case none, comma, sentence
    }

    private let markdown: MarkdownText
    private let bytes: [UInt8]

    init(_ markdown: MarkdownText) {
        self.markdown = markdown
        bytes = markdown.bytes
    }

    // MARK: - Characters and words

    /// The length in bytes of the UTF-8 sequence that starts with `byte`.
    private static func length(of byte: UInt8) -> Int { byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4 }

    /// An ASCII letter or digit.
    private static func isASCIIWordByte(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 }

    /// A letter or digit in any script: what words are made of.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic || scalar.properties.numericType != nil }

    /// Whether the character starting at `offset` is a letter or digit.
    private func isWordCharacter(at offset: Int) -> Bool {
        let byte = bytes[offset]
        if byte < 0x80 { return Self.isASCIIWordByte(byte) }
        // Latin-1 letters (æ, ø, å, é …): C3 80–BF, except × (C3 97) and ÷ (C3 B7).
        if byte == 0xC3, offset + 1 < bytes.count { return bytes[offset + 1] & 0x1F != 0x17 }
        return Self.isWordScalar(utf8: bytes[offset..<min(bytes.count, offset + Self.length(of: byte))])
    }

    /// The rare case: decode the scalar and ask Unicode. Kept out of line, because touching
    /// `Unicode.Scalar.Properties` costs its callers a metadata lookup on every call.
    @inline(never)
    private static func isWordScalar(utf8 bytes: ArraySlice<UInt8>) -> Bool {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return isWordScalar(scalar)
    }

    /// The start of the character that ends just before `offset`.
    private func characterStart(before offset: Int) -> Int {
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    /// The word before `offset` (where a word or the gap after one starts) and the boundary
    /// between it and `offset`; `nil` at the start of the block.
    func word(before offset: Int) -> (word: Range<Int>, boundary: Boundary)? {
        var boundary = Boundary.none
        var end = offset
        while end > 0 {
            let start = characterStart(before: end)
            if isWordCharacter(at: start) { break }
            boundary = max(boundary, Self.boundary(of: bytes[start]))
            end = start
        }
        guard end > 0 else { return nil }
        var start = end
        while start > 0, isWordCharacter(at: characterStart(before: start)) { start = characterStart(before: start) }
        return (start..<end, boundary)
    }

    /// The word after `offset` (where a word or the gap before one ends) and the boundary between
    /// `offset` and it; `nil` at the end of the block.
    private func word(after offset: Int) -> (word: Range<Int>, boundary: Boundary)? {
        var boundary = Boundary.none
        var start = offset
        while start < bytes.count, !isWordCharacter(at: start) {
            boundary = max(boundary, Self.boundary(of: bytes[start]))
            start += Self.length(of: bytes[start])
        }
        guard start < bytes.count else { return nil }
        var end = start
        while end < bytes.count, isWordCharacter(at: end) { end += Self.length(of: bytes[end]) }
        return (start..<end, boundary)
    }

    private static func boundary(of byte: UInt8) -> Boundary {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ";"), MarkdownText.blockSeparator:
            return .sentence
        case UInt8(ascii: ","): return .comma
        default: return .none
        }
    }

    private func text(_ word: Range<Int>) -> String { String(decoding: bytes[word], as: UTF8.self) }

    /// The word in lower case; ASCII words without capitals are taken as they are.
    func lower(_ word: Range<Int>) -> String {
        let text = text(word)
        return bytes[word].contains { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 } ? text.lowercased() : text
    }

    /// Whether the bytes spell *skal*, *bør* or *må* in any letter case.
    private func isModal(_ word: Range<Int>) -> Bool {
        // `| 0x20` lower-cases ASCII letters and the second byte of Ø (C3 98) and Å (C3 85).
        let i = word.lowerBound
        func lower(_ k: Int) -> UInt8 { bytes[i + k] | 0x20 }
        switch word.count {
        case 3: return lower(0) == UInt8(ascii: "m") && bytes[i + 1] == 0xC3 && lower(2) == 0xA5
        case 4:
            return
                (lower(0) == UInt8(ascii: "s") && lower(1) == UInt8(ascii: "k") && lower(2) == UInt8(ascii: "a")
                && lower(3) == UInt8(ascii: "l"))
                || (lower(0) == UInt8(ascii: "b") && bytes[i + 1] == 0xC3 && lower(2) == 0xB8 && lower(3) == UInt8(ascii: "r"))
        default: return false
        }
    }

    /// Every modal verb that starts a word, in reading order: one pass over the bytes.
    private func modals() -> [Range<Int>] {
        var found: [Range<Int>] = []
        var previousIsWord = false
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte < 0x80 {
                let isWord = Self.isASCIIWordByte(byte)
                let folded = byte | 0x20
                if isWord, !previousIsWord, folded == UInt8(ascii: "s") || folded == UInt8(ascii: "b") || folded == UInt8(ascii: "m") {
                    var end = offset
                    while end < bytes.count, end - offset <= 4, isWordCharacter(at: end) { end += Self.length(of: bytes[end]) }
                    if isModal(offset..<end) { found.append(offset..<end) }
                }
                previousIsWord = isWord
                offset += 1
            } else {
                previousIsWord = isWordCharacter(at: offset)
                offset += Self.length(of: byte)
            }
        }
        return found
    }

    // MARK: - Duties

    /// Every duty the text gives a party not in `listed` (one per party and sentence).
    func duties(aliases: Aliases, except listed: Set<String>) -> [ResponsibleUnlistedRule.Duty] {
        var duties: [ResponsibleUnlistedRule.Duty] = []
        var named: [(sentence: Int, party: Int)] = []  // already reported
        for modal in modals() {
            // The modal follows its subject directly, and is not negated ("bør ikke").
            guard let subjectEnd = word(before: modal.lowerBound), subjectEnd.boundary == .none else { continue }
            if let verb = verb(after: modal) {
                if ResponsibleUnlistedRule.negations.contains(verb) || ResponsibleUnlistedRule.receives(verb) { continue }
            }
            // Walk back over the subject: "A skal", "A og B skal", "A, B og C skal".
            var last: Range<Int>? = subjectEnd.word
            var subjects: [(party: Int, first: Range<Int>)] = []
            while let end = last, let match = aliases.match(endingWith: end, in: self) {
                let before = word(before: match.first.lowerBound)
                if let before, before.boundary == .none, ResponsibleUnlistedRule.notSubject.contains(lower(before.word)) { break }
                subjects.append((match.party, match.first))
                guard let before else { break }
                if before.boundary == .none, ["og", "eller"].contains(lower(before.word)) {
                    last = word(before: before.word.lowerBound).map(\.word)
                } else if before.boundary == .comma {
                    last = before.word
                } else {
                    break
                }
            }
            guard let first = subjects.last?.first else { continue }
            let sentence = sentenceStart(before: first.lowerBound)
            for subject in subjects.reversed()
            where !listed.contains(aliases.parties[subject.party]) && !named.contains(where: { $0 == (sentence, subject.party) }) {
                named.append((sentence, subject.party))
                duties.append(
                    ResponsibleUnlistedRule.Duty(
                        party: aliases.parties[subject.party], position: markdown.position(of: subject.first.lowerBound),
                        phrase: phrase(from: first, through: modal)))
            }
        }
        return duties
    }

    /// The first word after the modal, in lower case, read past up to two adverbs ("skal *også*
    /// få …"); `nil` when the sentence ends first.
    private func verb(after modal: Range<Int>) -> String? {
        var current = modal
        for _ in 0..<3 {
            guard let next = word(after: current.upperBound), next.boundary == .none else { return nil }
            let word = lower(next.word)
            if ResponsibleUnlistedRule.negations.contains(word) || !ResponsibleUnlistedRule.adverbs.contains(word) { return word }
            current = next.word
        }
        return nil
    }

    /// Where the sentence holding `offset` starts: after the last sentence mark before it.
    private func sentenceStart(before offset: Int) -> Int {
        var start = offset
        while start > 0, Self.boundary(of: bytes[start - 1]) != .sentence { start -= 1 }
        return start
    }

    /// The words from the subject to three words past the modal, within the sentence, for the
    /// message: "Fastlegen skal sende epikrisen …".
    private func phrase(from first: Range<Int>, through modal: Range<Int>) -> String {
        var words = [text(first)]
        var current = first
        var taken = -1  // words taken after the modal, once it is reached
        while true {
            if current == modal { taken = 0 }
            guard let next = word(after: current.upperBound), next.boundary != .sentence else {
                return words.joined(separator: " ")
            }
            if taken == 3 { return words.joined(separator: " ") + " …" }
            words.append(text(next.word))
            if taken >= 0 { taken += 1 }
            current = next.word
        }
    }
}

/// The aliases of every party as lower-case word sequences, for matching running text.
struct Aliases: Sendable {
    let parties: [String]
    /// Last word of an alias → (all its words, party index), longest first.
    private let byLastWord: [String: [([String], Int)]]

    init(_ parties: [Party]) {
        self.parties = parties.map(\.id.value)
        var byLastWord: [String: [([String], Int)]] = [:]
        for (index, party) in parties.enumerated() {
            for alias in party.aliases {
                let words = alias.value.lowercased().unicodeScalars.split { !BodyText.isWordScalar($0) }.map { String($0) }
                guard let last = words.last else { continue }
                byLastWord[last, default: []].append((words, index))
            }
        }
        self.byLastWord = byLastWord.mapValues { $0.sorted { $0.0.count > $1.0.count } }
    }

    /// The alias that ends with the word `last` of `block`, if any, and the range of its first word.
    /// The words of an alias must not be separated by punctuation.
    func match(endingWith last: Range<Int>, in block: BodyText) -> (party: Int, first: Range<Int>)? {
        guard let candidates = byLastWord[block.lower(last)] else { return nil }
        for (aliasWords, party) in candidates {
            var first = last
            var matched = true
            for expected in aliasWords.dropLast().reversed() {
                guard let previous = block.word(before: first.lowerBound), previous.boundary == .none,
                    block.lower(previous.word) == expected
                else {
                    matched = false
                    break
                }
                first = previous.word
            }
            if matched { return (party, first) }
        }
        return nil
    }
}
