/// Gives every heading of a body an `id`, so that `side.md#begrunnelse` leads somewhere.
///
/// cmark-gfm writes headings without attributes. Raw HTML is never passed through, so every
/// `<h2>`…`<h6>` in the rendered text is one of the document's headings, in document order.
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

    /// Adds the ids to the opening heading tags, in order.
    static func insert(_ ids: [String], into html: String) -> String {
        guard !ids.isEmpty else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count + ids.count * 16)
        var rest = html[...]
        var remaining = ids[...]
        while let id = remaining.first, let open = rest.range(of: "<h") {
            let after = rest[open.upperBound...]
            guard let level = after.first, ("2"..."6").contains(level), after.dropFirst().first == ">" else {
                result += rest[..<open.upperBound]
                rest = after
                continue
            }
            result += rest[..<open.upperBound]
            result += "\(level) id=\"\(id)\">"
            rest = after.dropFirst(2)
            remaining = remaining.dropFirst()
        }
        return result + rest
    }
}
