import Content
import Diagnostics
import Foundation
import Markdown
import Stemming

/// The search of a release (`sok/`): an index of words written by the build beside the pages,
/// read by `assets/search.js` in the browser.
///
/// Built from the content the build already holds, so it costs a fraction of a second even for
/// 10,000 recommendations (Pagefind, which read the written pages back, took longer than the
/// rest of the build and five times its memory), and it is byte-for-byte deterministic.
///
/// - `sok/sider.json`: every searchable page (address, title, kind, set, status, parties) and
///   the names the filters show;
/// - `sok/ord/<prefix>.json`: every word by its key — its Norwegian Snowball stem with letters
///   folded (`Folding`): `{"fastleg": ["fastlegen", page, count, …, "fastlege", page, count, …]}`,
///   each form as written (lower case) followed by the pages that hold it and how often; split by
///   the key's first two letters so that a search loads only what its words need;
/// - `sok/former/<n>.json`: the forms whose folded spelling has n letters, for typo tolerance
///   (a query word is compared with the forms one letter shorter, as long and one longer);
/// - `sok/synonymer.json`: the groups of `synonyms.yml` and each party's name and aliases, each
///   word or phrase as its keys;
/// - `sok/tekst/<n>.json`: the pages' text for the excerpts, 20 pages a file.
///
/// Words are what `words.js` also splits a query into: runs of letters and digits, lower case,
/// two characters or more; and it reduces them to the same keys (its stemmer is tested to agree
/// with libstemmer on every word of an index). A word in a title counts five times, in a duty
/// three times.
enum SearchIndex {
    static let folder = Route.search
    /// Few pages a texts file: a query's 20 results are spread over the site, and each needs the
    /// file its text is in.
    static let textsPerFile = 20
    /// Pages a task indexes (a multiple of `textsPerFile`).
    static let pagesPerTask = 100

    /// One searchable page.
    struct Entry: Sendable {
        let url: String
        let title: String
        let kind: String
        var set: String?
        var status: Status?
        var parties: [String] = []
        /// What the page says, in plain text, but for the duties: searched, and shown in excerpts.
        let text: String
        /// The duties of a recommendation, in plain text: their words count three times.
        var duties = ""

        /// What an excerpt is taken from: the duties first, then the rest.
        var excerptText: String { duties.isEmpty ? text : duties + " " + text }
    }

    /// The key of a word in lower case, as `words.js` makes it.
    static func key(_ word: String, _ stemmer: NorwegianStemmer) -> String {
        Folding.fold(stemmer.stem(word))
    }

    /// Makes the index and hands each file to `write`. The pages are taken 100 at a time on all
    /// cores (their texts file, and their words with the pages that hold them); the word lists of
    /// the chunks are then joined in page order.
    static func write(_ site: Site, into write: @Sendable (OutputFile) -> Void) {
        let entries = self.entries(site)
        let chunks = Array(stride(from: 0, to: entries.count, by: pagesPerTask))
        let chunkPostings = chunks.concurrentMap { start -> Postings in
            let pages = entries[start..<min(start + pagesPerTask, entries.count)]
            for file in stride(from: start, to: pages.endIndex, by: textsPerFile) {
                let texts = entries[file..<min(file + textsPerFile, pages.endIndex)].map { JSONValue.string($0.excerptText) }
                write(OutputFile(path: folder + "tekst/\(file / textsPerFile).json", json: .array(texts)))
            }
            var postings = Postings()
            for (page, entry) in zip(start..., pages) { postings.add(entry, page: Int32(page)) }
            return postings
        }
        var postings: [String: [Int32]] = [:]
        for chunk in chunkPostings {
            for (word, list) in zip(chunk.words, chunk.lists) { postings[word, default: []] += list }
        }
        let forms = postings.keys.sorted()
        // Each distinct word stemmed once, 2,000 to a task (a stemmer is not shared between threads).
        let keys = Array(stride(from: 0, to: forms.count, by: 2000)).concurrentMap { start -> [String] in
            let stemmer = NorwegianStemmer()
            return forms[start..<min(start + 2000, forms.count)].map { key($0, stemmer) }
        }.flatMap { $0 }
        var formsByKey: [String: [Int]] = [:]
        for (index, key) in keys.enumerated() { formsByKey[key, default: []].append(index) }
        var shards: [String: [String]] = [:]
        for key in formsByKey.keys.sorted() { shards[shardName(key), default: []].append(key) }
        let merged = postings
        let groups = formsByKey
        Array(shards).concurrentForEach { shard, shardKeys in
            var json: [UInt8] = [UInt8(ascii: "{")]
            for (index, key) in shardKeys.enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                json += JSONValue.string(key).bytes()
                json += ":[".utf8
                for (position, form) in (groups[key] ?? []).map({ forms[$0] }).enumerated() {
                    if position > 0 { json.append(UInt8(ascii: ",")) }
                    json += JSONValue.string(form).bytes()
                    for number in merged[form] ?? [] {
                        json.append(UInt8(ascii: ","))
                        appendDigits(of: number, to: &json)
                    }
                }
                json.append(UInt8(ascii: "]"))
            }
            json += "}\n".utf8
            write(OutputFile(path: folder + "ord/\(shard).json", contents: Data(json)))
        }
        var formsByLength: [Int: [String]] = [:]
        for form in forms where form.unicodeScalars.contains(where: { !("0"..."9").contains($0) }) {
            let length = Folding.fold(form).unicodeScalars.count
            if length >= typoMinimum - 1 { formsByLength[length, default: []].append(form) }
        }
        for length in formsByLength.keys.sorted() {
            write(OutputFile(path: folder + "former/\(length).json", json: .array((formsByLength[length] ?? []).map { .string($0) })))
        }
        write(OutputFile(path: folder + "synonymer.json", json: synonymsJSON(site)))
        write(
            OutputFile(
                path: folder + "sider.json",
                json: pagesJSON(entries, site: site, shards: shards.keys.sorted(), formLengths: formsByLength.keys.sorted())))
    }

    /// A query word this long or longer that matches nothing is compared with words one edit away.
    static let typoMinimum = 5

    /// `synonymer.json`: `[[[key, …], …], …]`: groups of words and phrases, each as the keys of its
    /// words. Groups that share a word or phrase are joined (the validator warns of it).
    static func synonymsJSON(_ site: Site) -> JSONValue {
        let stemmer = NorwegianStemmer()
        func keys(_ phrase: String) -> [String] { words(in: phrase).map { key($0, stemmer) } }
        var groups: [[[String]]] = []
        var groupOf: [[String]: Int] = [:]
        let written = site.parties.map { [$0.name.value] + $0.aliases.map(\.value) } + site.synonyms.map { $0.map(\.value) }
        for phrases in written {
            var members: [[String]] = []
            for phrase in phrases {
                let phraseKeys = keys(phrase)
                if !phraseKeys.isEmpty && !members.contains(phraseKeys) { members.append(phraseKeys) }
            }
            // Join with every earlier group that has one of these members.
            let joined = Set(members.compactMap { groupOf[$0] }).sorted()
            var group = members
            for index in joined.reversed() {
                group = groups[index] + group.filter { !groups[index].contains($0) }
                groups[index] = []
            }
            guard group.count > 1 || !joined.isEmpty else { continue }
            groups.append(group)
            for member in group { groupOf[member] = groups.count - 1 }
        }
        return .array(
            groups.filter { $0.count > 1 }.map { group in .array(group.map { .array($0.map { .string($0) }) }) })
    }

    /// A number that is not negative, in decimal, without making a string of it.
    static func appendDigits(of number: Int32, to bytes: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var value = UInt32(number)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[9 - count] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
                count += 1
            } while value > 0
            bytes.append(contentsOf: buffer[(10 - count)...])
        }
    }

    // MARK: Pages

    static func entries(_ site: Site) -> [Entry] {
        var entries: [Entry] = []
        entries += site.recommendations.concurrentMap { recommendation in
            let duties = recommendation.responsible.map { site.partyName($0.party.value) + ": " + Markdown.searchText($0.duty.value) }
            var seen = Set<String>()
            var entry = Entry(
                url: Route.path(of: recommendation), title: recommendation.title.value, kind: "Anbefaling",
                text: ([recommendation.id.value, Markdown.searchText(recommendation.document.markdown)]
                    + recommendation.tags.map(\.value)).joined(separator: " "))
            entry.set = site.set(slug: recommendation.setSlug)?.title.value
            entry.status = recommendation.status.value
            entry.parties = recommendation.responsible.map(\.party.value).filter { seen.insert($0).inserted }
            entry.duties = duties.joined(separator: " ")
            return entry
        }
        for set in site.sets {
            var entry = Entry(
                url: Route.path(of: set), title: set.title.value, kind: "Sett",
                text: ([set.description?.value ?? ""] + [Markdown.searchText(set.document.markdown)]).joined(separator: " "))
            entry.status = set.status.value
            entries.append(entry)
        }
        for party in site.parties {
            let text = [party.description?.value ?? ""] + party.aliases.map(\.value)
            entries.append(
                Entry(url: Route.path(ofParty: party.id.value), title: party.name.value, kind: "Part", text: text.joined(separator: " ")))
        }
        if !site.taskIDs.isEmpty {
            let text = site.taskIDs.map { id in
                [site.taskTitle(id), site.task(id)?.description?.value ?? ""].joined(separator: " ")
            }
            entries.append(Entry(url: Route.tasks, title: "Oppgaver", kind: "Oppgaver", text: text.joined(separator: " ")))
        }
        // A transition's page: found by its two parties and when the responsibility passes.
        for transition in Transitions(site).all {
            let text = transition.entries.flatMap { entry in
                [entry.recommendation.id.value] + entry.handovers.compactMap { $0.when?.value }
            }
            var entry = Entry(
                url: Route.path(of: transition),
                title: TransitionView.title(transition, site), kind: "Overgang",
                text: text.joined(separator: " "))
            entry.parties = [transition.from, transition.to]
            entries.append(entry)
        }
        for meeting in site.meetings {
            let text =
                [NorwegianDate.formatWithWeekday(meeting.date.value), meeting.venue?.value ?? "", meeting.description?.value ?? ""]
                + meeting.programme.map(\.title.value) + [Markdown.searchText(meeting.document.markdown)]
            entries.append(Entry(url: Route.path(of: meeting), title: meeting.title.value, kind: "Møte", text: text.joined(separator: " ")))
        }
        for checklist in site.checklists {
            let text = [Markdown.searchText(checklist.document.markdown)] + checklist.questions.map(\.text.value)
            var entry = Entry(
                url: Route.path(of: checklist), title: checklist.title.value, kind: "Sjekkliste", text: text.joined(separator: " "))
            entry.status = checklist.status.value
            entries.append(entry)
        }
        for page in site.pages {
            entries.append(
                Entry(
                    url: Route.path(of: page), title: page.title.value, kind: "Side",
                    text: ([page.description?.value ?? ""] + [Markdown.searchText(page.document.markdown)]).joined(separator: " ")))
        }
        return entries
    }

    /// `sider.json`: `{"filters": …, "pages": [[url, title, kind, set, status, [party, …]], …],
    /// "ord": [shard, …], "former": [length, …], "tekst": n}`, a page's set, status and parties as
    /// indexes into the filters' lists; the files of `ord/` and `former/` that exist (a search asks
    /// for no other), and how many pages' texts a file of `tekst/` holds.
    static func pagesJSON(_ entries: [Entry], site: Site, shards: [String], formLengths: [Int]) -> JSONValue {
        let parties = site.parties.filter { site.dutyCount(of: $0.id.value) > 0 }
        let partyIndex = Dictionary(parties.enumerated().map { ($1.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        let sets = site.sets.map(\.title.value)
        let setIndex = Dictionary(sets.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let statuses = Status.allCases
        let statusIndex = Dictionary(statuses.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let filters: JSONValue = [
            "part": .array(parties.map { ["id": .string($0.id.value), "name": .string($0.name.value)] }),
            "sett": .array(sets.map { .string($0) }),
            "status": .array(statuses.map { .string($0.label) }),
        ]
        let pages = entries.map { entry -> JSONValue in
            .array([
                .string(entry.url), .string(entry.title), .string(entry.kind),
                entry.set.flatMap { setIndex[$0] }.map { .int($0) } ?? .null,
                entry.status.flatMap { statusIndex[$0] }.map { .int($0) } ?? .null,
                .array(entry.parties.compactMap { partyIndex[$0] }.map { .int($0) }),
            ])
        }
        return JSONValue.object([
            ("filters", filters), ("pages", .array(pages)), ("ord", .array(shards.map { .string($0) })),
            ("former", .array(formLengths.map { .int($0) })), ("tekst", .int(textsPerFile)),
        ])
    }

    // MARK: Words

    /// The words of some pages, each with the pages that hold it and how often (a title's words
    /// count five times, a duty's three): page and count after each other, pages in order.
    struct Postings {
        private(set) var words: [String] = []
        private(set) var lists: [[Int32]] = []
        private var ids: [String: Int] = [:]
        /// A page's count of each word, by word id, and the words it has.
        private var counts: [Int32] = []
        private var touched: [Int] = []

        mutating func add(_ entry: Entry, page: Int32) {
            forEachWord(in: entry.title) { count($0, 5) }
            forEachWord(in: entry.duties) { count($0, 3) }
            forEachWord(in: entry.text) { count($0, 1) }
            for id in touched {
                lists[id].append(page)
                lists[id].append(counts[id])
                counts[id] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }

        private mutating func count(_ word: String, _ weight: Int32) {
            let id: Int
            if let known = ids[word] {
                id = known
            } else {
                id = words.count
                ids[word] = id
                words.append(word)
                lists.append([])
                counts.append(0)
            }
            if counts[id] == 0 { touched.append(id) }
            counts[id] += weight
        }
    }

    /// Runs of letters and digits, in lower case, two characters or more (as `search.js` splits).
    /// ASCII letters and digits, most of any text, are taken as they come; other characters by their
    /// Unicode properties.
    static func words(in text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { words.append($0) }
        return words
    }

    static func forEachWord(in text: String, _ body: (String) -> Void) {
        var word: [UInt8] = []
        var characters = 0
        /// Whether the word has a letter that only `lowercased()` knows how to lower.
        var unusual = false
        func flush() {
            if characters >= 2 {
                let text = String(decoding: word, as: UTF8.self)
                body(unusual ? text.lowercased() : text)
            }
            word.removeAll(keepingCapacity: true)
            characters = 0
            unusual = false
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39: word.append(UInt8(scalar.value))
            case 0x41...0x5A: word.append(UInt8(scalar.value) + 32)
            // Latin-1 letters (æ, ø, å, é, ü …): capitals are 0x20 below their small letters.
            case 0xC0...0xD6, 0xD8...0xDE: word += [0xC3, UInt8(0x80 + scalar.value - 0xC0 + 0x20)]
            case 0xDF...0xF6, 0xF8...0xFF: word += [0xC3, UInt8(0x80 + scalar.value - 0xC0)]
            case 0x80...:
                guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else {
                    flush()
                    continue
                }
                UTF8.encode(scalar) { word.append($0) }
                unusual = true
            default:
                flush()
                continue
            }
            characters += 1
        }
        flush()
    }

    /// The file a key is in: its first two letters as hexadecimal UTF-8 (`pasient` → `7061`),
    /// safe in any file system and URL.
    static func shardName(_ word: String) -> String {
        String(word.unicodeScalars.prefix(2)).utf8.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
