/// The changes made to cmark-gfm's HTML, in one pass over its bytes (Foundation's string search
/// was a tenth of a build's time).
enum HTMLTouchUp {
    private static let replacements: [(pattern: [UInt8], replacement: [UInt8])] = [
        (" align=\"left\"", " class=\"align-left\""),
        (" align=\"center\"", " class=\"align-center\""),
        (" align=\"right\"", " class=\"align-right\""),
        (
            "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
            "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Gjort\" />"
        ),
        ("<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" disabled=\"\" aria-label=\"Ikke gjort\" />"),
    ].map { (Array($0.utf8), Array($1.utf8)) }

    /// Gives the headings `<h2>`…`<h6>` their ids in document order (raw HTML never passes through,
    /// so every such tag is one of the document's headings), and makes the `replacements`.
    static func apply(to html: UnsafeBufferPointer<UInt8>, headingIDs: [String]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(html.count + headingIDs.count * 24)
        var ids = headingIDs[...]
        var copied = 0
        var i = 0
        let count = html.count
        while i < count {
            let byte = html[i]
            guard byte == UInt8(ascii: "<") || byte == UInt8(ascii: " ") else {
                i += 1
                continue
            }
            if byte == UInt8(ascii: "<"), i + 3 < count, html[i + 1] == UInt8(ascii: "h"),
                (UInt8(ascii: "2")...UInt8(ascii: "6")).contains(html[i + 2]), html[i + 3] == UInt8(ascii: ">"),
                let id = ids.first
            {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied..<(i + 3)]))
                output.append(contentsOf: " id=\"".utf8)
                output.append(contentsOf: id.utf8)
                output.append(UInt8(ascii: "\""))
                ids = ids.dropFirst()
                copied = i + 3
                i += 4
                continue
            }
            if let match = replacements.first(where: { matches($0.pattern, in: html, at: i) }) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied..<i]))
                output.append(contentsOf: match.replacement)
                i += match.pattern.count
                copied = i
                continue
            }
            i += 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied..<count]))
        return String(decoding: output, as: UTF8.self)
    }

    private static func matches(_ pattern: [UInt8], in html: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard pattern[0] == html[start], start + pattern.count <= html.count else { return false }
        for offset in 1..<pattern.count where pattern[offset] != html[start + offset] { return false }
        return true
    }
}
