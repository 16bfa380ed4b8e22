/// The `id` of every heading of a body, so that `side.md#begrunnelse` leads somewhere
/// (`HTMLTouchUp` puts them on the tags, since cmark-gfm writes headings without attributes).
enum HeadingAnchors {
    /// `Begrunnelse` → `begrunnelse`, `Hvem gjør hva?` → `hvem-gjor-hva`; repeats get `-2`, `-3` …
    static func ids(for titles: [String]) -> [String] {
        var used: [String: Int] = [:]
        return titles.map { title in
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
            if slug.isEmpty { slug = "avsnitt" }
            let count = used[slug, default: 0] + 1
            used[slug] = count
            return count == 1 ? slug : "\(slug)-\(count)"
        }
    }
}
