import Content
import Diagnostics
import Markdown

/// `responsible-unlisted`: the body gives a party a duty ("Fastlegen skal …") that `responsible`
/// does not list.
///
/// A sentence gives a party a duty when one of the party's aliases is the subject directly
/// followed by *skal*, *bør* or *må*. To avoid false alarms the rule stays quiet when the alias
/// follows a preposition or a question or conditional word ("time *hos* fastlegen skal …",
/// "*når* fastlegen skal …"), and when the verb is negated ("fastlegen bør *ikke* …").
/// Coordinated subjects ("sykehuset og fastlegen skal …") each count.
struct ResponsibleUnlistedRule: ValidationRule {
    let bodies: BodyAnalyses

    static let modals: Set<String> = ["skal", "bør", "må"]
    /// Words after the modal that turn the duty into a prohibition or a permission.
    static let negations: Set<String> = ["ikke", "aldri", "heller", "gjerne"]
    /// Words before the alias that show it is not the subject of the sentence.
    static let notSubject: Set<String> = [
        "av", "bak", "blant", "da", "der", "dersom", "enn", "etter", "for", "foran", "fra", "før", "gjennom", "hos", "hva",
        "hvem", "hvilke", "hvilken", "hvilket", "hvis", "hvor", "hvordan", "hvorfor", "i", "innen", "med", "mellom", "mot",
        "når", "om", "over", "overfor", "per", "på", "til", "uten", "under", "ved", "via",
    ]

    func check(_ site: Site) -> [Diagnostic] {
        let aliases = Aliases(site.parties)
        let candidates = site.recommendations.filter { $0.status.value != .trukket && !$0.responsible.isEmpty }
        return candidates.concurrentMap { recommendation in
            let listed = Set(recommendation.responsible.map(\.party.value))
            return Self.duties(in: bodies[recommendation.document].text, aliases: aliases).compactMap { duty -> Diagnostic? in
                guard !listed.contains(duty.party) else { return nil }
                let name = site.partyName(duty.party)
                return Diagnostic(
                    .responsibleUnlisted,
                    at: SourceLocation(file: recommendation.document.path, line: duty.position.line, column: duty.position.column),
                    "«\(duty.phrase)» gir \(name.lowercased()) en oppgave, men `responsible` har ikke `party: \(duty.party)`; legg til `- party: \(duty.party)` med `duty:`, eller skriv om setningen"
                )
            }
        }.flatMap { $0 }
    }

    /// A party the text gives a duty, where the sentence names it.
    struct Duty: Equatable {
        let party: String
        let position: MarkdownPosition
        /// The start of the sentence from the subject, for the message: "Fastlegen skal sende …".
        let phrase: String
    }

    /// Every duty the text gives a party, in reading order (one per party and sentence).
    static func duties(in runs: [MarkdownText], aliases: Aliases) -> [Duty] {
        var found: [Duty] = []
        var start = 0
        while start < runs.count {
            var end = start
            while end < runs.count, runs[end].block == runs[start].block { end += 1 }
            if runs[start..<end].contains(where: { mayContainModal($0.text) }) {
                found += duties(in: Word.split(runs[start..<end]), aliases: aliases)
            }
            start = end
        }
        return found
    }

    /// A quick byte scan for *skal*, *bør* or *må* in any letter case, so that blocks without a
    /// modal verb are never split into words.
    static func mayContainModal(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3 else { return false }
        func lower(_ byte: UInt8) -> UInt8 { byte | 0x20 }
        for i in 0..<(bytes.count - 2) {
            switch lower(bytes[i]) {
            case UInt8(ascii: "s"):
                if i + 3 < bytes.count, lower(bytes[i + 1]) == UInt8(ascii: "k"), lower(bytes[i + 2]) == UInt8(ascii: "a"),
                    lower(bytes[i + 3]) == UInt8(ascii: "l")
                {
                    return true
                }
            case UInt8(ascii: "b"):  // ø is C3 B8, Ø is C3 98
                if i + 3 < bytes.count, bytes[i + 1] == 0xC3, bytes[i + 2] | 0x20 == 0xB8, lower(bytes[i + 3]) == UInt8(ascii: "r") {
                    return true
                }
            case UInt8(ascii: "m"):  // å is C3 A5, Å is C3 85
                if bytes[i + 1] == 0xC3, bytes[i + 2] | 0x20 == 0xA5 { return true }
            default:
                break
            }
        }
        return false
    }

    private static func duties(in words: [Word], aliases: Aliases) -> [Duty] {
        var duties: [Duty] = []
        var named: Set<[Int]> = []  // (sentence, party index) already reported
        for (modalIndex, modal) in words.enumerated() where modals.contains(modal.lower) && modal.boundaryBefore == nil {
            if modalIndex + 1 < words.count, words[modalIndex + 1].boundaryBefore == nil,
                negations.contains(words[modalIndex + 1].lower)
            {
                continue
            }
            // Walk back over the subject: "A skal", "A og B skal", "A, B og C skal".
            var end = modalIndex
            var subjects: [(party: Int, first: Int)] = []
            while let match = aliases.match(words, endingAt: end) {
                let before = match.first - 1
                if before >= 0, words[match.first].boundaryBefore == nil, notSubject.contains(words[before].lower) { break }
                subjects.append((match.party, match.first))
                if before >= 0, words[match.first].boundaryBefore == nil, ["og", "eller"].contains(words[before].lower) {
                    end = before
                } else if words[match.first].boundaryBefore == ",", before >= 0 {
                    end = match.first
                } else {
                    break
                }
            }
            let sentence = words[..<modalIndex].lastIndex { $0.boundaryBefore == "." } ?? 0
            for subject in subjects.reversed() where named.insert([sentence, subject.party]).inserted {
                let first = subjects.last?.first ?? subject.first
                let phrase = words[first..<min(words.count, modalIndex + 4)].prefix { $0.boundaryBefore != "." || $0.index == first }
                let continues = phrase.endIndex < words.count && words[phrase.endIndex].boundaryBefore != "."
                duties.append(
                    Duty(
                        party: aliases.parties[subject.party], position: words[subject.first].position,
                        phrase: phrase.map(\.text).joined(separator: " ") + (continues ? " …" : "")))
            }
        }
        return duties
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
                let words = alias.value.lowercased().unicodeScalars.split { !Word.isWordScalar($0) }.map { String($0) }
                guard let last = words.last else { continue }
                byLastWord[last, default: []].append((words, index))
            }
        }
        self.byLastWord = byLastWord.mapValues { $0.sorted { $0.0.count > $1.0.count } }
    }

    /// The alias whose last word is `words[end - 1]`, if any, with its first word's index.
    func match(_ words: [Word], endingAt end: Int) -> (party: Int, first: Int)? {
        guard end > 0, let candidates = byLastWord[words[end - 1].lower] else { return nil }
        for (aliasWords, party) in candidates {
            let first = end - aliasWords.count
            guard first >= 0 else { continue }
            let span = words[first..<end]
            if zip(span, aliasWords).allSatisfy({ $0.lower == $1 }), span.dropFirst().allSatisfy({ $0.boundaryBefore == nil }) {
                return (party, first)
            }
        }
        return nil
    }
}

/// A word of running text with where it starts and what punctuation separates it from the last.
struct Word {
    let text: String
    let lower: String
    let position: MarkdownPosition
    /// `.` when a sentence ends before this word (`.`, `!`, `?`, `:`, `;`), `,` after a comma.
    let boundaryBefore: Character?
    let index: Int

    /// Letters and digits, with a fast path for ASCII (this runs over every word of every body).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value | 0x20
            return (value >= 0x61 && value <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// The words of one block's text runs; each run is a single line of the source. Columns count
    /// Unicode scalars, as the Markdown positions do.
    static func split(_ runs: ArraySlice<MarkdownText>) -> [Word] {
        var words: [Word] = []
        var boundary: Character? = "."
        for run in runs {
            var current = String.UnicodeScalarView()
            var startColumn = 0
            func flush() {
                guard !current.isEmpty else { return }
                let text = String(current)
                let position = MarkdownPosition(line: run.position.line, column: run.position.column + startColumn)
                words.append(Word(text: text, lower: text.lowercased(), position: position, boundaryBefore: boundary, index: words.count))
                current = String.UnicodeScalarView()
                boundary = nil
            }
            for (offset, scalar) in run.text.unicodeScalars.enumerated() {
                if isWordScalar(scalar) {
                    if current.isEmpty { startColumn = offset }
                    current.append(scalar)
                    continue
                }
                flush()
                switch scalar {
                case ".", "!", "?", ":", ";": boundary = "."
                case "," where boundary == nil: boundary = ","
                default: break
                }
            }
            flush()
        }
        return words
    }
}
