import Content
import Foundation
import Stemming
import Testing

@testable import Rendering

/// The search index the build writes (`sok/`), read here as `assets/search.js` reads it.
@Suite struct SearchIndexTests {
    static func site() throws -> Site {
        try #require(try ContentLoader.load(from: Support.fixture("clean")).site).published(includeDrafts: false)
    }

    static func json(_ files: [OutputFile], _ path: String) throws -> Any {
        let file = try #require(files.first { $0.path == "sok/" + path }, "no sok/\(path)")
        return try JSONSerialization.jsonObject(with: file.contents)
    }

    @Test func wordsAreRunsOfLettersAndDigitsInLowerCaseOfTwoOrMore() {
        #expect(
            SearchIndex.words(in: "Pasienten får time (MO-FS-07) i Ærlig bydel, å")
                == ["pasienten", "får", "time", "mo", "fs", "07", "ærlig", "bydel"])
    }

    /// The fast paths (ASCII, Latin-1 letters) split and lower words as Unicode's properties and
    /// `lowercased()` do, on every character up to U+02FF and on random text.
    @Test func wordsAreSplitAndLoweredAsUnicodeDoes() {
        func reference(_ text: String) -> [String] {
            text.unicodeScalars.split { !($0.properties.isAlphabetic || $0.properties.numericType != nil) }
                .filter { $0.count >= 2 }
                .map { String(String.UnicodeScalarView($0)).lowercased() }
        }
        let alphabet = (0x20...0x2FF).compactMap(Unicode.Scalar.init) + ["ſ", "ẞ", "İ", "Ω", "я", "٣", "\u{1F600}"]
        for scalar in alphabet {
            let text = "x\(scalar)\(scalar) \(scalar)Ab"
            #expect(SearchIndex.words(in: text) == reference(text), "\(text.debugDescription)")
        }
        var random = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let text = String(
                String.UnicodeScalarView((0..<Int(random.next() % 30)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
            #expect(SearchIndex.words(in: text) == reference(text), "\(text.debugDescription)")
        }
    }

    @Test func aWordIsFiledUnderItsFirstTwoLettersInHexadecimal() {
        #expect(SearchIndex.shardName("pasient") == "7061")
        #expect(SearchIndex.shardName("ærlig") == "c3a672")
    }

    @Test func aWordOfADutyLeadsToItsRecommendationWithTheFilters() throws {
        let site = try Self.site()
        let files = Support.collect { SearchIndex.write(site, into: $0) }
        let pages = try #require(try Self.json(files, "sider.json") as? [String: Any])
        let list = try #require(pages["pages"] as? [[Any]])
        let filters = try #require(pages["filters"] as? [String: Any])
        let parties = try #require(filters["part"] as? [[String: String]])
        for recommendation in site.recommendations {
            let number = try #require(list.firstIndex { $0[0] as? String == Route.path(of: recommendation) })
            #expect(list[number][1] as? String == recommendation.title.value)
            let listed = (list[number][5] as? [Int] ?? []).map { parties[$0]["id"] }
            #expect(Set(listed.compactMap { $0 }) == Set(recommendation.responsible.map(\.party.value)))
            for responsibility in recommendation.responsible {
                let word = try #require(SearchIndex.words(in: responsibility.duty.value).max { $0.count < $1.count })
                let key = SearchIndex.key(word, NorwegianStemmer())
                let shard = try #require(try Self.json(files, "ord/\(SearchIndex.shardName(key)).json") as? [String: [Any]])
                let entry = try #require(shard[key], "\(key) (\(word)) is not indexed")
                // ["form", page, count, page, count, …, "form2", …]: the pages of the form as written.
                let start = try #require(entry.firstIndex { $0 as? String == word }, "\(word) is not a form of \(key)")
                let postings = entry[(start + 1)...].prefix { $0 is Int }.compactMap { $0 as? Int }
                let numbers = stride(from: 0, to: postings.count, by: 2).map { postings[$0] }
                #expect(numbers.contains(number), "\(word) does not lead to \(recommendation.id.value)")
                #expect(numbers == numbers.sorted())
            }
            let texts = try #require(try Self.json(files, "tekst/\(number / SearchIndex.textsPerFile).json") as? [String])
            #expect(texts[number % SearchIndex.textsPerFile].contains(recommendation.id.value))
        }
    }

    /// Inflected forms meet at one key; what a foreign keyboard types meets the Norwegian spelling.
    @Test func formsAreReducedToFoldedStems() {
        let stemmer = NorwegianStemmer()
        for (word, key) in [
            // Snowball also takes off -leg, -lig and -ig: fastlege and fast meet.
            ("fastlegen", "fast"), ("fastlegene", "fast"), ("epikrisen", "epikris"), ("epikrisa", "epikris"),
            ("utskrivningen", "utskrivning"), ("nettverksmøtene", "nettverksmot"), ("nettverksmote", "nettverksmot"),
            ("pårørende", "paror"), ("ærlig", "aerl"), ("kafé", "kafe"), ("ip", "ip"), ("2018", "2018"),
        ] {
            #expect(SearchIndex.key(word, stemmer) == key, "\(word)")
        }
        #expect(Folding.fold("paarorende") == Folding.fold("pårørende"))
        #expect(Folding.fold("cerebrovaskulære") == "cerebrovaskulaere")
        #expect(Folding.fold("ökonomi") == "okonomi")
    }

    /// `synonymer.json`: each group of synonyms.yml, and each party's names, as the keys of its
    /// words; a group that shares a member with a party's group joins it.
    @Test func synonymGroupsAreWrittenAsKeysAndJoinTheirPartys() throws {
        let (site, diagnostics, _) = try Support.check([
            "synonyms.yml": "- [utskrivning, utskriving]\n- [Sykehuset, Oslo universitetssykehus]\n"
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let loaded = try #require(site)
        let files = Support.collect { SearchIndex.write(loaded, into: $0) }
        let groups = try #require(try Self.json(files, "synonymer.json") as? [[[String]]])
        #expect(groups.contains([["utskrivning"], ["utskriving"]]))
        // The party sykehus (name Sykehuset) has no aliases of its own: its name joins the group.
        #expect(groups.contains([["sykehus"], ["oslo", "universitetssykehus"]]))
        #expect(groups.count == 2)
    }

    @Test func theIndexIsTheSameEveryTime() throws {
        let site = try Self.site()
        let first = Support.collect { SearchIndex.write(site, into: $0) }
        let second = Support.collect { SearchIndex.write(site, into: $0) }
        #expect(first.map(\.path) == second.map(\.path))
        #expect(first.map(\.contents) == second.map(\.contents))
    }
}
