import CCMarkGFM
import CMarkArena
import Foundation

/// GitHub-flavoured Markdown through libcmark-gfm: the only file that imports the C module.
///
/// Every call owns its parser and tree, copies every string out and frees everything before it
/// returns, so no C pointer outlives a call and calls can run in parallel.
public enum Markdown {
    /// The GFM extensions every document is parsed with.
    package static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    /// What analysis needs: tables hold text and links. The others only change how text renders
    /// (autolinks are always external, so the validator ignores them either way), and parsing
    /// without them is much faster.
    static let analysisExtensionNames = ["table"]

    /// What to do with a link's destination when rendering.
    public enum LinkRewrite: Sendable, Equatable {
        /// Leave the destination as written (web addresses, anchors).
        case keep
        case replace(String)
        /// Keep the link's text but drop the link (its target is not in this build).
        case unlink
    }

    /// Renders a Markdown body as HTML. Raw HTML is dropped (never passed through), headings start at
    /// level 2 (the page owns the `h1`) and never skip a level, every heading gets an `id` that is
    /// not in `reservedIDs` (the ids of the page around the body), and `rewriteLink` decides what
    /// becomes of each link.
    ///
    /// A page that shows several bodies (the printed edition) puts them deeper and keeps their ids
    /// apart: `headingLevel` is the level the body's headings start at (below the page's own
    /// headings), and every heading id starts with `idPrefix` (a prefix that no other id on the
    /// page starts with, so the ids of two bodies never meet), as do the body's links to them.
    public static func html(
        _ source: String, reservedIDs: Set<String> = [], headingLevel: Int32 = 2, idPrefix: String = "",
        rewriteLink: (String) -> LinkRewrite = { _ in .keep }
    ) -> String {
        render(
            source, reservedIDs: reservedIDs, headingLevel: min(max(headingLevel, 2), 6), idPrefix: idPrefix, joiningParagraphs: false,
            rewriteLink: rewriteLink)
    }

    /// `html`, and with `joiningParagraphs` the paragraphs of the document made one (for inline
    /// text, which an HTML block, once dropped, leaves in pieces).
    private static func render(
        _ source: String, reservedIDs: Set<String>, headingLevel: Int32 = 2, idPrefix: String = "", joiningParagraphs: Bool,
        rewriteLink: (String) -> LinkRewrite
    ) -> String {
        withDocument(source, options: CMARK_OPT_DEFAULT) { document in
            var htmlNodes: [OpaquePointer] = []
            var unlinked: [OpaquePointer] = []
            var headings: [OpaquePointer] = []
            // With `idPrefix`, the links within the body (`#begrunnelse`): decided once the
            // headings' ids are known.
            var fragmentLinks: [(node: OpaquePointer, fragment: String)] = []
            // The level of the heading before, the page's `h1` at first: an editor's `####` right
            // after it (or after an `h2`) would leave a gap in the outline that screen readers
            // navigate by, so a heading is at most one level below the one before it.
            var previousLevel: Int32 = headingLevel - 1
            document.walk { node in
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                    htmlNodes.append(node)
                case CMARK_NODE_LINK:
                    let url = string(cmark_node_get_url(node)) ?? ""
                    guard LinkAddress.isPublishable(url) else {
                        unlinked.append(node)
                        break
                    }
                    if !idPrefix.isEmpty, url.hasPrefix("#") {
                        fragmentLinks.append((node, String(url.dropFirst())))
                        break
                    }
                    switch rewriteLink(url) {
                    case .keep: break
                    case .replace(let url): cmark_node_set_url(node, url)
                    case .unlink: unlinked.append(node)
                    }
                case CMARK_NODE_HEADING:
                    // An editor's `##` is the body's first level: `headingLevel`, and the levels below
                    // it follow (never past `h6`).
                    let level = min(max(cmark_node_get_heading_level(node) + headingLevel - 2, headingLevel), previousLevel + 1, 6)
                    if level != cmark_node_get_heading_level(node) {
                        cmark_node_set_heading_level(node, level)
                    }
                    previousLevel = level
                    headings.append(node)
                default:
                    break
                }
            }
            // The tree may only change structurally once the walk is over.
            for node in htmlNodes {
                cmark_node_unlink(node)
            }
            let ids = HeadingAnchors.ids(for: headings.map { text(of: $0) }, reserved: reservedIDs)
            // A link to one of the body's own headings follows its id's prefix; any other is the
            // caller's to decide (an id of the page around the body).
            let own = Set(ids)
            for (node, fragment) in fragmentLinks {
                if own.contains(fragment) {
                    cmark_node_set_url(node, "#" + idPrefix + fragment)
                    continue
                }
                switch rewriteLink("#" + fragment) {
                case .keep: break
                case .replace(let url): cmark_node_set_url(node, url)
                case .unlink: unlinked.append(node)
                }
            }
            for link in unlinked {
                while let child = cmark_node_first_child(link) {
                    cmark_node_insert_before(link, child)
                }
                cmark_node_unlink(link)
            }
            if joiningParagraphs { document.joinParagraphs() }
            return document.renderHTML(headingIDs: idPrefix.isEmpty ? ids : ids.map { idPrefix + $0 })
        }
    }

    /// Renders inline Markdown (a duty, a summary) without the surrounding paragraph. What would
    /// start a block is text here (`1. januar`, `# 1`, `- `: see `InlineSource`), so the result is
    /// phrasing content that may stand in a `<p>` or beside other duties.
    public static func inlineHTML(_ source: String, rewriteLink: (String) -> LinkRewrite = { _ in .keep }) -> String {
        if let plain = plainInlineHTML(source) { return plain }
        // Text that is one paragraph as it stands is left as written: an escape would show as a
        // backslash where the line starts inside a code span (the Markdown fuzzer found one). But
        // a link reference definition at the start would vanish from the paragraph.
        let firstLine = source.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .first { !$0.allSatisfy { $0 == " " || $0 == "\t" } }?.drop { $0 == " " || $0 == "\t" }
        if firstLine.map({ !($0.first == "[" && $0.contains("]:")) }) ?? true,
            let inner = paragraphContent(render(source, reservedIDs: [], joiningParagraphs: false, rewriteLink: rewriteLink))
        {
            return inner
        }
        let escaped = render(InlineSource.escapingBlocks(source), reservedIDs: [], joiningParagraphs: true, rewriteLink: rewriteLink)
        if let inner = paragraphContent(escaped) { return inner }
        return String(decoding: escaped.utf8.last == UInt8(ascii: "\n") ? escaped.utf8.dropLast() : escaped.utf8[...], as: UTF8.self)
    }

    /// What stands in the paragraph if `html` is one paragraph: `<p>…</p>` with no other `<p>`
    /// inside. Compared as bytes: as characters, a combining mark at the start of the text would
    /// make one with the `>` of `<p>` (the Markdown fuzzer found such a duty drawn with its
    /// paragraph).
    private static func paragraphContent(_ html: String) -> String? {
        var body = html.utf8[...]
        if body.last == UInt8(ascii: "\n") { body = body.dropLast() }
        guard body.starts(with: "<p>".utf8), body.reversed().starts(with: "</p>".utf8.reversed()) else { return nil }
        let inner = body.dropFirst(3).dropLast(4)
        if inner.indices.contains(where: { inner[$0...].starts(with: "<p>".utf8) }) { return nil }
        return String(decoding: inner, as: UTF8.self)
    }

    /// What cmark-gfm renders for a line that holds no Markdown at all, without asking it: most
    /// duties and changelog summaries are plain sentences, and a parser for each took a tenth of a
    /// build. `nil` for anything that might be Markdown: a line break or other control character,
    /// a character that can start markup, an entity, a link or an autolink (`:`, `@`, `www.`), a
    /// line that does not start with a letter (lists, headings, quotes) or ends in a space.
    /// `MarkdownTests` compares it with cmark-gfm on random text.
    package static func plainInlineHTML(_ source: String) -> String? {
        guard let quotes = plainLineQuotes(source) else { return nil }
        guard quotes > 0 else { return source }
        var out: [UInt8] = []
        out.reserveCapacity(source.utf8.count + 5 * quotes)
        for byte in source.utf8 {
            if byte == UInt8(ascii: "\"") { out += "&quot;".utf8 } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// How many `"` a line that holds no Markdown has (see `plainInlineHTML`); `nil` for a line
    /// that might hold Markdown.
    private static func plainLineQuotes(_ source: String) -> Int? {
        let bytes = source.utf8
        guard let first = bytes.first, first >= 0x80 || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20),
            bytes.last != UInt8(ascii: " ")
        else { return nil }
        var quotes = 0
        var w = 0
        for byte in bytes {
            switch byte {
            case ..<0x20, 0x7F, UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "!"), UInt8(ascii: "#"),
                UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: ":"), UInt8(ascii: "@"):
                return nil
            case UInt8(ascii: "\""): quotes += 1
            default: break
            }
            // `www.` in any case starts an autolink.
            if byte | 0x20 == UInt8(ascii: "w") {
                w += 1
            } else {
                if byte == UInt8(ascii: "."), w >= 3 { return nil }
                w = 0
            }
        }
        return quotes
    }

    /// Reads what the validator needs from a body: links, raw HTML and text, each with its line.
    ///
    /// `firstLine` is the line of the file the body starts on, so positions point into the file.
    public static func analyze(_ source: String, firstLine: Int = 1) -> MarkdownAnalysis {
        let lines = LineIndex(source, firstLine: firstLine)
        return withDocument(source, options: CMARK_OPT_SOURCEPOS, extensions: analysisExtensionNames) { document in
            var analysis = MarkdownAnalysis(text: MarkdownText(lines: lines))
            // The inlines of a block come one after another in the walk, so a block is known to
            // end when a text of another block is met.
            var block: OpaquePointer?
            var cursor = SourceCursor(lines: lines)
            document.walkEnteringAndLeaving { node, entering in
                let type = cmark_node_get_type(node)
                guard entering else {
                    if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { cursor.leaveLink(node) }
                    return
                }
                switch type {
                case CMARK_NODE_LINK:
                    let offset = cursor.enterLink(node)
                    analysis.links.append(MarkdownLink(destination: string(cmark_node_get_url(node)) ?? "", position: lines.position(ofByte: offset)))
                case CMARK_NODE_IMAGE:
                    _ = cursor.enterLink(node)
                case CMARK_NODE_HTML_BLOCK:
                    let offset = cursor.enterBlock(node)
                    analysis.rawHTML.append(MarkdownHTML(html: string(cmark_node_get_literal(node)) ?? "", position: lines.position(ofByte: offset)))
                case CMARK_NODE_HTML_INLINE:
                    let literal = string(cmark_node_get_literal(node)) ?? ""
                    analysis.rawHTML.append(MarkdownHTML(html: literal, position: lines.position(ofByte: cursor.html(literal))))
                case CMARK_NODE_CODE:
                    cursor.codeSpan()
                case CMARK_NODE_TEXT:
                    guard let literal = cmark_node_get_literal(node) else { break }
                    let enclosing = enclosingBlock(of: node)
                    let offset = literal.withMemoryRebound(to: UInt8.self, capacity: 0) { text in
                        cursor.text(UnsafeBufferPointer(start: text, count: strlen(literal)))
                    }
                    analysis.text.append(literal, offset: offset, newBlock: enclosing != block)
                    block = enclosing
                default:
                    if Int32(type.rawValue) & CMARK_NODE_TYPE_MASK == CMARK_NODE_TYPE_BLOCK { _ = cursor.enterBlock(node) }
                }
            }
            analysis.text.finish()
            return analysis
        }
    }

    /// What an entity (`&amp;`) stands for, `nil` if cmark-gfm does not take it for one.
    static func entityValue(_ entity: String) -> String? {
        withDocument(entity, options: CMARK_OPT_DEFAULT, extensions: []) { document in
            var value: String?
            document.walk { node in
                if value == nil, cmark_node_get_type(node) == CMARK_NODE_TEXT { value = string(cmark_node_get_literal(node)) }
            }
            return value == entity ? nil : value
        }
    }

    /// The text of a Markdown snippet without markup (for summaries, titles and feeds).
    /// A line without Markdown (see `plainInlineHTML`) is its own text, without asking cmark-gfm.
    public static func plainText(_ source: String) -> String {
        plainLineQuotes(source) == nil ? plainText(source, extensions: extensionNames) : collapsingWhiteSpace(source)
    }

    /// The text of inline Markdown (a duty) without markup, read as `inlineHTML` reads it:
    /// `1. januar` stays `1. januar`.
    public static func inlinePlainText(_ source: String) -> String {
        plainLineQuotes(source) == nil
            ? plainText(InlineSource.escapingBlocks(source), extensions: extensionNames) : collapsingWhiteSpace(source)
    }

    /// The text of a body for the search index: as `plainText`, but parsed without the extensions
    /// that only change how text looks (`~~`, autolinks), so parses need not take turns.
    public static func searchText(_ source: String) -> String {
        plainText(source, extensions: analysisExtensionNames)
    }

    package static func plainText(_ source: String, extensions: [String]) -> String {
        withDocument(source, options: CMARK_OPT_DEFAULT, extensions: extensions) { document in
            var parts: [String] = []
            document.walk { node in
                switch cmark_node_get_type(node) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    parts.append(string(cmark_node_get_literal(node)) ?? "")
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    parts.append(" ")
                default:
                    // Every block (paragraph, heading, item, table cell …) is a word boundary.
                    let type = Int32(cmark_node_get_type(node).rawValue)
                    if type & CMARK_NODE_TYPE_MASK == CMARK_NODE_TYPE_BLOCK, !parts.isEmpty, parts.last != " " { parts.append(" ") }
                }
            }
            return collapsingWhiteSpace(parts.joined())
        }
    }

    /// `text` with each run of white space (Unicode's White_Space) made one space, none at the ends.
    /// Read as bytes: only the lead bytes of the multi-byte spaces (C2, E1, E2, E3) are looked at
    /// closer, and the runs between spaces are copied whole.
    static func collapsingWhiteSpace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            func spaceLength(at index: Int) -> Int {
                func next(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
                switch bytes[index] {
                case 0x09...0x0D, 0x20: return 1
                case 0xC2: return next(1) == 0x85 || next(1) == 0xA0 ? 2 : 0
                case 0xE1: return next(1) == 0x9A && next(2) == 0x80 ? 3 : 0
                case 0xE2:
                    switch (next(1), next(2)) {
                    case (0x80, 0x80...0x8A), (0x80, 0xA8), (0x80, 0xA9), (0x80, 0xAF), (0x81, 0x9F): return 3
                    default: return 0
                    }
                case 0xE3: return next(1) == 0x80 && next(2) == 0x80 ? 3 : 0
                default: return 0
                }
            }
            var pendingSpace = false
            var runStart = 0
            var index = 0
            func flushRun() {
                guard runStart < index else { return }
                if pendingSpace { output.append(UInt8(ascii: " ")) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            }
            while index < bytes.count {
                let length = spaceLength(at: index)
                guard length > 0 else {
                    index += 1
                    continue
                }
                flushRun()
                pendingSpace = !output.isEmpty
                index += length
                runStart = index
            }
            flushRun()
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The nearest ancestor of an inline node that is a block (a paragraph, heading, table cell …).
    private static func enclosingBlock(of node: OpaquePointer) -> OpaquePointer {
        var current = node
        while let parent = cmark_node_parent(current) {
            current = parent
            if Int32(cmark_node_get_type(current).rawValue) & CMARK_NODE_TYPE_MASK == CMARK_NODE_TYPE_BLOCK { break }
        }
        return current
    }

    /// The text of a node and its descendants, without markup.
    private static func text(of node: OpaquePointer) -> String {
        var parts: [String] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: parts.append(string(cmark_node_get_literal(current)) ?? "")
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: parts.append(" ")
            default: parts.append(text(of: current))
            }
            child = cmark_node_next(current)
        }
        return parts.joined()
    }

    // MARK: - The C side

    /// Registers the core extensions exactly once: `cmark_gfm_core_extensions_ensure_registered`
    /// is not thread-safe, and a Swift global is initialised once, atomically.
    private static let registration: Void = cmark_gfm_core_extensions_ensure_registered()

    /// Parses `source` and hands the document to `body`. The parser and tree live in this thread's
    /// arena (`CMarkArena`), which is emptied at once when the outermost call returns: nothing is
    /// freed node by node.
    private static func withDocument<T>(
        _ source: String, options: Int32, extensions: [String] = extensionNames, _ body: (Document) -> T
    ) -> T {
        _ = registration
        moteplass_arena_enter()
        defer { moteplass_arena_leave() }
        let parser = cmark_parser_new_with_mem(options, moteplass_arena_mem())!
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var source = source
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        // cmark-gfm marks an extension's inline characters (`~` of strikethrough, `:` and `w` of
        // autolink) in one global table while it parses inlines, and unmarks them when done: two
        // such parses at once would unmark each other's characters mid-parse (github/cmark-gfm
        // #176). Those parses take turns; the analysis, whose only extension (table) marks no
        // character, and a parse without extensions run freely.
        let root = extensions == analysisExtensionNames || extensions.isEmpty ? cmark_parser_finish(parser) : inlineLock.withLock { cmark_parser_finish(parser) }
        return body(Document(parser: parser, root: root!))
    }

    private static let inlineLock = NSLock()

    /// A parsed tree, valid only inside `withDocument`.
    private struct Document {
        let parser: OpaquePointer
        let root: OpaquePointer

        /// Calls `visit` on every node as it is entered. The tree must not change structurally meanwhile.
        func walk(_ visit: (OpaquePointer) -> Void) {
            walkEnteringAndLeaving { node, entering in
                if entering { visit(node) }
            }
        }

        /// Calls `visit` on every node as it is entered (`true`) and, for a node with children, as
        /// it is left (`false`).
        func walkEnteringAndLeaving(_ visit: (OpaquePointer, Bool) -> Void) {
            guard let iterator = cmark_iter_new(root) else { return }
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                if let node = cmark_iter_get_node(iterator) { visit(node, event == CMARK_EVENT_ENTER) }
            }
        }

        /// Moves the children of the paragraphs that follow the first one into it, a line break
        /// apart (up to a block that is not a paragraph, which inline text, escaped, never has).
        func joinParagraphs() {
            guard let first = cmark_node_first_child(root), cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH else { return }
            var sibling = cmark_node_next(first)
            while let current = sibling {
                guard cmark_node_get_type(current) == CMARK_NODE_PARAGRAPH else { return }
                sibling = cmark_node_next(current)
                if let softBreak = cmark_node_new_with_mem(CMARK_NODE_SOFTBREAK, moteplass_arena_mem()) {
                    cmark_node_append_child(first, softBreak)
                }
                while let child = cmark_node_first_child(current) {
                    cmark_node_append_child(first, child)
                }
                cmark_node_unlink(current)
            }
        }

        /// Safe HTML (no raw HTML, no `javascript:` links), with an `id` on every heading, table
        /// alignment as classes rather than the obsolete `align` attribute or inline styles (which
        /// the site's CSP forbids), and task list boxes that say what they show (a form field needs a
        /// label). The changes are made in one pass over cmark-gfm's bytes.
        func renderHTML(headingIDs: [String]) -> String {
            let buffer = cmark_render_html_with_mem(
                root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser), moteplass_arena_mem())!
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: strlen(buffer))
            return HTMLTouchUp.apply(to: bytes, headingIDs: headingIDs)
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
