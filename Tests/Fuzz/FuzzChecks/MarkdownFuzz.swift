import Markdown

/// The Markdown wrapper on any text: rendering, inline rendering, plain text and analysis.
///
/// What must hold: no crash or hang; the HTML holds only the tags cmark-gfm writes for Markdown
/// (raw HTML is dropped), properly nested, with no `h1`, an `id` on every heading, unique within
/// the document, every link rewritten as asked and no `align` attribute left; the shortcuts for
/// plain lines give what cmark-gfm gives; plain text has no white space at its ends or twice in
/// a row; and every position the analysis reports lies inside the body, a text's where it
/// was written.
public enum MarkdownFuzz {
    /// Tags cmark-gfm writes for Markdown with our extensions; those with no end tag are `void`.
    static let tags: Set<String> = [
        "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "del", "a", "table",
        "thead", "tbody", "tr", "th", "td",
    ]
    static let void: Set<String> = ["br", "hr", "img", "input"]

    public static func check(_ input: [UInt8]) throws(FuzzFailure) {
        let text = String(decoding: input, as: UTF8.self)
        try checkHTML(text)
        try checkInline(text)
        // A body as the loader hands it over: no NUL, LF line ends.
        let body = text.replacing("\0", with: "\u{FFFD}").replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        try checkAnalysis(body)
    }

    static func checkHTML(_ text: String) throws(FuzzFailure) {
        // Links are either replaced or unlinked, so no other address may be left.
        let html = Markdown.html(text) { destination in
            destination.utf8.count % 2 == 0 ? .replace("/R") : .unlink
        }
        var open: [String] = []
        var ids: Set<String> = []
        for tag in try Self.tags(in: html) {
            if tag.name.hasPrefix("/") {
                let name = String(tag.name.dropFirst())
                guard open.last == name else { throw FuzzFailure("</\(name)> closes <\(open.last ?? "nothing")> in:\n\(html)") }
                open.removeLast()
                continue
            }
            guard tags.contains(tag.name) || void.contains(tag.name) else {
                throw FuzzFailure("<\(tag.name)> is not a tag cmark-gfm writes for Markdown (raw HTML?) in:\n\(html)")
            }
            if !void.contains(tag.name), !tag.selfClosing { open.append(tag.name) }
            if tag.attributes.contains(" align=") { throw FuzzFailure("an align attribute is left in:\n\(html)") }
            if tag.name == "a", !tag.attributes.contains("href=\"/R\"") {
                throw FuzzFailure("a link that was not rewritten: <a\(tag.attributes)> in:\n\(html)")
            }
            if tag.name == "input", !tag.attributes.contains("aria-label=") {
                throw FuzzFailure("a check box without a label: <input\(tag.attributes)> in:\n\(html)")
            }
            if ["h2", "h3", "h4", "h5", "h6"].contains(tag.name) {
                let id = tag.attributes.utf8.split(separator: UInt8(ascii: "\""), omittingEmptySubsequences: false)
                guard tag.attributes.hasPrefix(" id=\""), id.count == 3, !id[1].isEmpty,
                    id[1].allSatisfy({ $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) })
                else { throw FuzzFailure("a heading without a plain id: <\(tag.name)\(tag.attributes)> in:\n\(html)") }
                guard ids.insert(String(decoding: id[1], as: UTF8.self)).inserted else { throw FuzzFailure("the heading id \(id[1]) is used twice in:\n\(html)") }
            }
        }
        guard open.isEmpty else { throw FuzzFailure("<\(open.joined(separator: "> <"))> not closed in:\n\(html)") }
    }

    /// The tags of cmark-gfm's HTML, in order. Text and attribute values never hold `<` (it is
    /// escaped), so a tag runs from `<` to the next `>`. Read as bytes: as characters, a `>`
    /// followed by a combining mark would not be a `>`.
    static func tags(in html: String) throws(FuzzFailure) -> [(name: String, attributes: String, selfClosing: Bool)] {
        var found: [(String, String, Bool)] = []
        let bytes = Array(html.utf8)
        var index = 0
        while let start = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else { throw FuzzFailure("an unclosed `<` in:\n\(html)") }
            let inside = bytes[(start + 1)..<end]
            let name = inside.prefix { $0 != UInt8(ascii: " ") }
            var attributes = inside.dropFirst(name.count)
            let selfClosing = attributes.elementsEqual(" /".utf8) || attributes.suffix(2).elementsEqual(" /".utf8)
            if selfClosing { attributes = attributes.dropLast(2) }
            guard !name.isEmpty, name.allSatisfy({ $0 == UInt8(ascii: "/") || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) })
            else { throw FuzzFailure("a `<` that starts no tag (`<\(String(decoding: inside, as: UTF8.self))>`) in:\n\(html)") }
            found.append((String(decoding: name, as: UTF8.self), String(decoding: attributes, as: UTF8.self), selfClosing))
            index = end + 1
        }
        return found
    }

    /// The inline rendering is the paragraph cmark-gfm renders, without `<p>`, whether by the
    /// shortcut for plain lines or not.
    static func checkInline(_ text: String) throws(FuzzFailure) {
        let html = Array(Markdown.html(text).utf8)
        if html.starts(with: "<p>".utf8), html.reversed().starts(with: "</p>\n".utf8.reversed()) {
            let inner = html.dropFirst(3).dropLast(5)
            if !inner.indices.contains(where: { inner[$0...].starts(with: "<p>".utf8) }) {
                let expected = String(decoding: inner, as: UTF8.self)
                if let shortcut = Markdown.plainInlineHTML(text), shortcut != expected {
                    throw FuzzFailure("the plain-line shortcut gives \(shortcut.debugDescription), cmark-gfm \(expected.debugDescription)")
                }
                let inline = Markdown.inlineHTML(text)
                guard inline == expected else {
                    throw FuzzFailure("inline HTML \(inline.debugDescription) is not the paragraph's \(expected.debugDescription)")
                }
            }
        }
        let plain = Markdown.plainText(text)
        let parsed = Markdown.plainText(text, extensions: Markdown.extensionNames)
        guard plain == parsed else {
            throw FuzzFailure("plain text by the shortcut is \(plain.debugDescription), by cmark-gfm \(parsed.debugDescription)")
        }
        for result in [plain, Markdown.searchText(text)] {
            guard !result.hasPrefix(" "), !result.hasSuffix(" "), !result.contains("  ") else {
                throw FuzzFailure("white space left in the plain text \(result.debugDescription)")
            }
        }
    }

    static func checkAnalysis(_ body: String) throws(FuzzFailure) {
        let firstLine = 7
        let analysis = Markdown.analyze(body, firstLine: firstLine)
        let lines = Expect.lines(body)
        // A link starts at its `[` (or an autolink at its `<`), raw HTML with what it holds (a block's
        // literal keeps the indentation its container does not take).
        func written(at position: MarkdownPosition) -> Unicode.Scalar? {
            let line = lines[position.line - firstLine]
            return position.column <= line.count ? line[position.column - 1] : nil
        }
        for link in analysis.links {
            try Expect.position(
                line: link.position.line, column: link.position.column, in: lines, firstLine: firstLine, "the link to \(link.destination)")
            guard let first = written(at: link.position), first == "[" || first == "<" else {
                throw FuzzFailure("the link to \(link.destination.debugDescription) is at \(link.position.line):\(link.position.column), not at a [ or <")
            }
        }
        for html in analysis.rawHTML {
            try Expect.position(
                line: html.position.line, column: html.position.column, in: lines, firstLine: firstLine, "the raw HTML \(html.html)")
            guard let first = written(at: html.position), first == html.html.unicodeScalars.first(where: { $0 != " " && $0 != "\t" }) else {
                throw FuzzFailure("the raw HTML \(html.html.debugDescription) is at \(html.position.line):\(html.position.column), not where it starts")
            }
        }
        for run in analysis.text.runs {
            try Expect.position(
                line: run.position.line, column: run.position.column, in: lines, firstLine: firstLine,
                "the text \(run.text.debugDescription)")
            // A text starts with what is written there, unless it was written as an escape or an
            // entity (`\*`, `&amp;`) or is an autolink's (`<…>`).
            let line = lines[run.position.line - firstLine]
            if let first = run.text.unicodeScalars.first, run.position.column <= line.count {
                let written = line[run.position.column - 1]
                guard written == first || ["\\", "&", "<"].contains(written) else {
                    throw FuzzFailure(
                        "the text \(run.text.debugDescription) is at \(run.position.line):\(run.position.column), where "
                            + "\(String(String.UnicodeScalarView(line[(run.position.column - 1)...])).debugDescription) is written")
                }
            }
        }
        // The validator asks for the position of any byte of the text (the start of a word).
        let bytes = analysis.text.bytes
        for offset in bytes.indices where bytes[offset] & 0xC0 != 0x80 {
            let position = analysis.text.position(of: offset)
            try Expect.position(
                line: position.line, column: position.column, in: lines, firstLine: firstLine, "the text's byte \(offset)")
        }
    }
}
