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
    public static func html(
        _ source: String, reservedIDs: Set<String> = [], rewriteLink: (String) -> LinkRewrite = { _ in .keep }
    ) -> String {
        render(source, reservedIDs: reservedIDs, joiningParagraphs: false, rewriteLink: rewriteLink)
    }

    /// `html`, and with `joiningParagraphs` the paragraphs of the document made one (for inline
    /// text, which an HTML block, once dropped, leaves in pieces).
    private static func render(
        _ source: String, reservedIDs: Set<String>, joiningParagraphs: Bool, rewriteLink: (String) -> LinkRewrite
    ) -> String {
        withDocument(source, options: CMARK_OPT_DEFAULT) { document in
            var htmlNodes: [OpaquePointer] = []
            var unlinked: [OpaquePointer] = []
            var headings: [OpaquePointer] = []
            // The level of the heading before, the page's `h1` at first: an editor's `####` right
            // after it (or after an `h2`) would leave a gap in the outline that screen readers
            // navigate by, so a heading is at most one level below the one before it.
            var previousLevel: Int32 = 1
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
                    switch rewriteLink(url) {
                    case .keep: break
                    case .replace(let url): cmark_node_set_url(node, url)
                    case .unlink: unlinked.append(node)
                    }
                case CMARK_NODE_HEADING:
                    let level = min(max(cmark_node_get_heading_level(node), 2), previousLevel + 1)
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
            for link in unlinked {
                while let child = cmark_node_first_child(link) {
                    cmark_node_insert_before(link, child)
                }
                cmark_node_unlink(link)
            }
            if joiningParagraphs { document.joinParagraphs() }
            return document.renderHTML(headingIDs: HeadingAnchors.ids(for: headings.map { text(of: $0) }, reserved: reservedIDs))
        }
    }

    /// Renders inline Markdown (a duty, a summary) without the surrounding paragraph. What would
    /// start a block is text here (`1. januar`, `# 1`, `- `: see `InlineSource`), so the result is
    /// phrasing content that may stand in a `<p>` or beside other duties.
    public static func inlineHTML(_ source: String, rewriteLink: (String) -> LinkRewrite = { _ in .keep }) -> String {
        if let plain = plainInlineHTML(source) { return plain }
        let rendered = render(InlineSource.escapingBlocks(source), reservedIDs: [], joiningParagraphs: true, rewriteLink: rewriteLink)
        var body = rendered.utf8[...]
        if body.last == UInt8(ascii: "\n") { body = body.dropLast() }
        // One paragraph: `<p>…</p>` with no other `<p>` inside. Compared as bytes: as characters,
        // a combining mark at the start of the text would make one with the `>` of `<p>` (the
        // Markdown fuzzer found such a duty drawn with its paragraph).
        if body.starts(with: "<p>".utf8), body.reversed().starts(with: "</p>".utf8.reversed()) {
            let inner = body.dropFirst(3).dropLast(4)
            if !inner.indices.contains(where: { inner[$0...].starts(with: "<p>".utf8) }) { return String(decoding: inner, as: UTF8.self) }
        }
        return String(decoding: body, as: UTF8.self)
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
            var sources = InlineSources(lines: lines)
            document.walk { node in
                let start = sources.start(of: node)
                func position() -> MarkdownPosition {
                    lines.position(line: start.line, byteColumn: start.byteColumn)
                }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_LINK:
                    analysis.links.append(MarkdownLink(destination: string(cmark_node_get_url(node)) ?? "", position: position()))
                case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                    let literal = string(cmark_node_get_literal(node)) ?? ""
                    analysis.rawHTML.append(MarkdownHTML(html: literal, position: position()))
                case CMARK_NODE_TEXT:
                    guard let literal = cmark_node_get_literal(node) else { break }
                    let enclosing = enclosingBlock(of: node)
                    analysis.text.append(
                        literal, line: Int32(start.line), byteColumn: Int32(start.byteColumn), newBlock: enclosing != block)
                    block = enclosing
                default:
                    break
                }
            }
            analysis.text.finish()
            return analysis
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

    /// Where the nodes of a parsed body start (line of the body, column in bytes), with cmark-gfm's
    /// slips put right (found by the Markdown fuzzer, `make fuzz`). cmark-gfm counts an inline's
    /// column from where its block's *first* line starts, as if every line began alike, although
    /// it strips each line's own quote markers and indentation:
    ///
    /// - On a paragraph's (or setext heading's) later lines: text on a lazy line after `> quote`
    ///   was put two columns right, past the end of a short line. The first inline on such a
    ///   line starts where the line's text starts (a line keeps the spaces cmark-gfm did not
    ///   strip, which is where the first inline's reported column differs from the others');
    ///   the others keep their distance from it. (Unless a code span or raw HTML from above runs
    ///   into the line: then the line is placed by where they end, their first closing run of
    ///   backticks or `>` on it; after the end of a link, the line is taken to keep no spaces.)
    /// - In a table's rows, from where the table's first line starts; a row's text starts where
    ///   the line's does.
    /// - When a table interrupts a paragraph (`text` on the line above `| a | b |`), cmark-gfm
    ///   0.29.0.gfm.6 splits the paragraph off without a position (line 0, which pointed into the
    ///   front matter) and puts the header row on the paragraph's first line, its columns counted
    ///   through the paragraph's text. The table keeps the paragraph's start, the paragraph's
    ///   lines are measured, and the header row lies just above the delimiter row.
    ///
    /// A link whose text runs over several lines is put on the line where it closes, and an
    /// autolink's column is counted through the whole paragraph. After a hard
    /// break by a backslash at the end of a line, cmark-gfm counts the next line as part of the
    /// same one. And a code span, or a text that starts with backticks that open no code span
    /// (`` `k ``), is put after its backticks.
    ///
    /// Nodes must be asked for in document order (the order of `Document.walk`).
    private struct InlineSources {
        let lines: LineIndex
        /// The first inline of the latest later line of a paragraph: its block, its line, and the
        /// column cmark-gfm gives it.
        private var anchor: (block: OpaquePointer, line: Int, byteColumn: Int)?
        /// The block and line of the latest inline in a paragraph or heading.
        private var lastLine: (block: OpaquePointer, line: Int)?
        /// The code spans and raw HTML of the latest block with any that ran over lines: their
        /// last line (in the file) and where cmark-gfm puts their closing backticks or `>` on it,
        /// and what they are.
        private var spills: (block: OpaquePointer, ends: [(endLine: Int, endColumn: Int, delimiter: UInt8, count: Int)])?
        /// How many line breaks cmark-gfm has not counted in the latest paragraph with any so far:
        /// hard breaks by a backslash and line breaks in links' destinations and titles.
        private var backslashBreaks: (block: OpaquePointer, count: Int)?
        /// The latest link or image, until the nodes after it: its block, where cmark-gfm ends it.
        private var openLink: (block: OpaquePointer, node: OpaquePointer, endLine: Int, endColumn: Int)?
        /// For the latest paragraph that a table split off: the spaces cmark-gfm kept at the
        /// start of each later line (by line), which is where it puts the line's text (the
        /// paragraph's columns are counted from 0).
        private var keptSpaces: (paragraph: OpaquePointer, spaces: [Int: Int])?

        init(lines: LineIndex) {
            self.lines = lines
        }

        private static func start(_ node: OpaquePointer) -> (line: Int, byteColumn: Int) {
            (Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node)))
        }

        /// Whether `node` lies inside `ancestor`.
        private static func isInside(_ node: OpaquePointer, _ ancestor: OpaquePointer) -> Bool {
            var current = cmark_node_parent(node)
            while let parent = current {
                if parent == ancestor { return true }
                current = cmark_node_parent(parent)
            }
            return false
        }

        /// A link whose destination or title goes on over line breaks: cmark-gfm does not count
        /// them, and counts the columns after the link on through them. Its end (the `)`, in
        /// cmark-gfm's columns of its line) shows on which line it ends, and where that line's
        /// text starts in cmark-gfm's columns.
        private mutating func endOfLink(
            _ link: (block: OpaquePointer, node: OpaquePointer, endLine: Int, endColumn: Int),
            reportedBlockStart: (line: Int, byteColumn: Int), blockStart: (line: Int, byteColumn: Int)
        ) {
            let breaks = backslashBreaks?.block == link.block ? backslashBreaks?.count ?? 0 : 0
            var line = blockStart.line + link.endLine - reportedBlockStart.line + breaks
            // Where the line's text starts, in the file and in cmark-gfm's columns.
            let textStart = line == blockStart.line ? blockStart.byteColumn : lines.continuationStart(line: line)
            let anchored = anchor.flatMap { $0.block == link.block && $0.line == line ? $0.byteColumn : nil }
            let base = line == blockStart.line ? reportedBlockStart.byteColumn : anchored ?? reportedBlockStart.byteColumn
            if line != blockStart.line, anchored == nil {
                // Its text went on over lines, but none of it starts on the last: the line is
                // taken to keep no spaces.
                anchor = (link.block, line, base)
            }
            var rest = link.endColumn - base
            var length = lines.byteLength(line: line) - (textStart - 1)
            var later = 0
            while rest >= length, line < lines.lineCount {
                rest -= length + 1
                line += 1
                later += 1
                length = lines.byteLength(line: line) - (lines.continuationStart(line: line) - 1)
            }
            lastLine = (link.block, line)
            guard later > 0 else { return }
            backslashBreaks = (link.block, breaks + later)
            anchor = (link.block, line, link.endColumn - rest)
        }

        /// A paragraph split off by the table after it (see above).
        private static func isSplitOff(_ node: OpaquePointer?) -> Bool {
            node.map { cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH && cmark_node_get_start_line($0) == 0 } ?? false
        }

        mutating func start(of node: OpaquePointer) -> (line: Int, byteColumn: Int) {
            let anchorBefore = anchor
            let start = corrected(node)
            // A code span, and a text that starts with backticks that open none, are put after
            // their backticks.
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_CODE || type == CMARK_NODE_TEXT && cmark_node_get_literal(node)?[0] == 0x60 else { return start }
            if let current = anchor, anchorBefore.map({ $0.block != current.block || $0.line != current.line }) ?? true {
                // The first inline of a later line, put where the line's text starts, at its
                // backticks: the others on the line are counted from where cmark-gfm put it.
                let ticks = lines.backticks(line: start.line, from: start.byteColumn)
                anchor?.byteColumn -= ticks
                if keptSpaces?.paragraph == current.block { keptSpaces?.spaces[current.line]? -= ticks }
                return start
            }
            return (start.line, start.byteColumn - lines.backticks(line: start.line, before: start.byteColumn))
        }

        private mutating func corrected(_ node: OpaquePointer) -> (line: Int, byteColumn: Int) {
            var reported = Self.start(node)
            // Blocks have right positions, soft breaks none.
            let type = cmark_node_get_type(node)
            var autolink = false
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                // The line of a link is the line it closes on; its text starts on the line of `[`.
                var child = cmark_node_first_child(node)
                var breaks = 0
                while let current = child, [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(cmark_node_get_type(current)) {
                    breaks += 1
                    child = cmark_node_next(current)
                }
                if let child { reported.line = Self.start(child).line - breaks }
                // An autolink's (`<https://…>`) column is counted through the whole paragraph;
                // its text's is right, one after the `<`.
                if let child, cmark_node_get_type(child) == CMARK_NODE_TEXT, let url = Markdown.string(cmark_node_get_url(node)),
                    let text = Markdown.string(cmark_node_get_literal(child)), url == text || url == "mailto:" + text
                {
                    reported = (Self.start(child).line, Self.start(child).byteColumn - 1)
                    autolink = true
                }
            }
            guard Int32(type.rawValue) & CMARK_NODE_TYPE_MASK == CMARK_NODE_TYPE_INLINE else { return reported }
            let block = Markdown.enclosingBlock(of: node)
            // A table cell (the only blocks of an extension in an analysis), in a row, in a table.
            if cmark_node_get_syntax_extension(block) != nil, let row = cmark_node_parent(block), let table = cmark_node_parent(row) {
                let tableStart = Self.start(table)
                let split = cmark_node_previous(table)
                guard cmark_gfm_extensions_get_table_row_is_header(row) == 1, Self.isSplitOff(split), let split else {
                    return (reported.line, lines.continuationStart(line: reported.line) + reported.byteColumn - tableStart.byteColumn)
                }
                // Above the delimiter row, which lies above the first body row or ends the table.
                let headerLine = cmark_node_next(row).map { Self.start($0).line - 2 } ?? Int(cmark_node_get_end_line(table)) - 1
                var offset = reported.byteColumn - tableStart.byteColumn
                for line in tableStart.line..<max(tableStart.line, headerLine) {
                    let textStart = line == tableStart.line ? tableStart.byteColumn : lines.continuationStart(line: line)
                    let kept = keptSpaces?.paragraph == split ? keptSpaces?.spaces[line] ?? 0 : 0
                    offset -= lines.byteLength(line: line) - (textStart - 1) + kept + 1
                }
                return (headerLine, lines.continuationStart(line: headerLine) + offset)
            }
            let blockType = cmark_node_get_type(block)
            guard blockType == CMARK_NODE_PARAGRAPH || blockType == CMARK_NODE_HEADING else { return reported }
            let reportedBlockStart = Self.start(block)
            var blockStart = reportedBlockStart
            if Self.isSplitOff(block), let table = cmark_node_next(block) { blockStart = Self.start(table) }
            if let link = openLink, link.block == block, !Self.isInside(node, link.node) {
                openLink = nil
                endOfLink(link, reportedBlockStart: reportedBlockStart, blockStart: blockStart)
            }
            let breaks = backslashBreaks?.block == block ? backslashBreaks?.count ?? 0 : 0
            if type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_SOFTBREAK {
                // The break ends the line of the inline before it (or the block's first); a
                // backslash at its end: cmark-gfm goes on counting the next line's columns on it.
                let line = lastLine.flatMap { $0.block == block ? $0.line : nil } ?? blockStart.line
                if type == CMARK_NODE_LINEBREAK, lines.endsWithBackslash(line: line) { backslashBreaks = (block, breaks + 1) }
                lastLine = (block, line + 1)
                return reported
            }
            let lineInBlock = reported.line - reportedBlockStart.line + breaks
            let offset = reported.byteColumn - reportedBlockStart.byteColumn
            let line = blockStart.line + lineInBlock
            lastLine = (block, line)
            var result = (line: line, byteColumn: blockStart.byteColumn + offset)
            if lineInBlock > 0 {
                if anchor?.block != block || anchor?.line != line {
                    var column = reported.byteColumn
                    // A code span or raw HTML from the lines above that ends on this line: the
                    // line is placed by where it ends.
                    if spills?.block == block { spills?.ends.removeAll { $0.endLine < line } }
                    if let spill = spills?.block == block ? spills?.ends.first(where: { $0.endLine == line }) : nil {
                        if let end = lines.firstRun(of: spill.delimiter, count: spill.count, line: line) {
                            column = spill.endColumn - (end - lines.continuationStart(line: line))
                        } else {
                            column = reportedBlockStart.byteColumn
                        }
                    }
                    anchor = (block, line, column)
                    if Self.isSplitOff(block), breaks == 0 {
                        if keptSpaces?.paragraph != block { keptSpaces = (block, [:]) }
                        keptSpaces?.spaces[line] = column
                    }
                }
                result.byteColumn = lines.continuationStart(line: line) + reported.byteColumn - (anchor?.byteColumn ?? reported.byteColumn)
            }
            let endLine = Int(cmark_node_get_end_line(node))
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, !autolink {
                openLink = (block, node, endLine, Int(cmark_node_get_end_column(node)))
            }
            if type == CMARK_NODE_CODE || type == CMARK_NODE_HTML_INLINE, endLine > reported.line {
                lastLine = (block, line + endLine - reported.line)
                // cmark-gfm gives the end as where the closing backticks or `>` lie in the line's
                // text, without the block's indentation that its other columns count.
                let code = type == CMARK_NODE_CODE
                let ticks = max(
                    lines.backticks(line: result.line, before: result.byteColumn), lines.backticks(line: result.line, from: result.byteColumn))
                addSpill(
                    block,
                    (
                        line + endLine - reported.line, Int(cmark_node_get_end_column(node)) + reportedBlockStart.byteColumn,
                        code ? UInt8(ascii: "`") : UInt8(ascii: ">"), code ? ticks : 1
                    ))
            }
            return result
        }

        private mutating func addSpill(_ block: OpaquePointer, _ end: (endLine: Int, endColumn: Int, delimiter: UInt8, count: Int)) {
            if spills?.block != block { spills = (block, []) }
            spills?.ends.append(end)
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
        // character, runs freely.
        let root = extensions == analysisExtensionNames ? cmark_parser_finish(parser) : inlineLock.withLock { cmark_parser_finish(parser) }
        return body(Document(parser: parser, root: root!))
    }

    private static let inlineLock = NSLock()

    /// A parsed tree, valid only inside `withDocument`.
    private struct Document {
        let parser: OpaquePointer
        let root: OpaquePointer

        /// Calls `visit` on every node as it is entered. The tree must not change structurally meanwhile.
        func walk(_ visit: (OpaquePointer) -> Void) {
            guard let iterator = cmark_iter_new(root) else { return }
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                    visit(node)
                }
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
