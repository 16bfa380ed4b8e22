/// The `id` of every heading of a body, so that `side.md#begrunnelse` leads somewhere
/// (`HTMLTouchUp` puts them on the tags, since cmark-gfm writes headings without attributes).
enum HeadingAnchors {
    /// `Begrunnelse` → `begrunnelse`, `Hvem gjør hva?` → `hvem-gjor-hva`; repeats get `-2`, `-3` …
    ///
    /// No id is given twice, nor one in `reserved` (the ids the page around the body has, such
    /// as `hovedinnhold`): a heading whose id is taken gets the next free `-2`, `-3` …, so that
    /// `Tiltak`, `Tiltak` and `Tiltak-2` become `tiltak`, `tiltak-2` and `tiltak-2-2`.
    static func ids(for titles: [String], reserved: Set<String> = []) -> [String] {
        var taken = reserved
        var repeats: [String: Int] = [:]
        return titles.map { title in
            let slug = slug(title)
            var id = slug
            var count = repeats[slug, default: 1]
            while taken.contains(id) {
                count += 1
                id = "\(slug)-\(count)"
            }
            repeats[slug] = count
            taken.insert(id)
            return id
        }
    }

    private static func slug(_ title: String) -> String {
        var slug = ""
        for character in title.lowercased() {
            switch character {
            case "æ": slug += "ae"
            case "ø": slug += "o"
            case "å": slug += "a"
            case _ where character.isASCII && (character.isLetter || character.isNumber): slug.append(character)
            default: if !slug.isEmpty, slug.last != "-" { slug += "-" }
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "avsnitt" : slug
    }
}
