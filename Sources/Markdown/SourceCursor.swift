import CCMarkGFM
import Foundation

/// Finds where the nodes of a parsed body were written by reading the body itself, node after
/// node in document order.
///
/// cmark-gfm's own positions for inlines are not to be trusted: it counts an inline's column from
/// where its block's first line starts, as if every line began alike, and slips after lazy lines,
/// links and code spans over lines, backslash breaks and tables that interrupt a paragraph (the
/// Markdown fuzzer found one slip after another, `make fuzz`). Its *block* positions hold. So a
/// cursor moves through the body: a leaf block moves it to where the block starts, and each inline
/// is looked for from the cursor on and moves it past itself. Inlines come in the order they were
/// written, and a text is what was written (cmark-gfm makes a node of its own of each escape and
/// entity), so the nearest match is the place: a text is found where its first character was
/// written (an entity at its `&`), a link at its `[` or `<`.
struct SourceCursor {
    private let lines: LineIndex
    /// Everything before this offset belongs to nodes already placed.
    private var offset = 0
    /// The end of the current paragraph or heading: its inlines lie before it.
    private var limit: Int
    private let entities = Entities()
    /// Inside an autolink, between its `<` and `>`.
    private var inAutolink = false

    init(lines: LineIndex) {
        self.lines = lines
        limit = lines.bytes.count
    }

    private var bytes: [UInt8] { lines.bytes }

    /// Moves to the start of a block; returns where it starts. Paragraphs and headings also bound
    /// the search for their inlines.
    mutating func enterBlock(_ node: OpaquePointer) -> Int {
        let line = Int(cmark_node_get_start_line(node))
        let type = cmark_node_get_type(node)
        let leaf = type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING
        // A paragraph that a table split off has no position (line 0): search on to the end.
        limit = bytes.count
        // A table's rows and cells come in order after it, but their lines are not to be trusted
        // (a header row on the line of the paragraph the table interrupts, a row on the line of
        // the next one after `\\|`): the cursor is not moved for them.
        let core = type.rawValue <= CMARK_NODE_FOOTNOTE_DEFINITION.rawValue
        guard line >= 1, core || String(cString: cmark_node_get_type_string(node)) == "table" else { return offset }
        let byteColumn = leaf || type == CMARK_NODE_HTML_BLOCK ? Int(cmark_node_get_start_column(node)) : 1
        offset = max(offset, lines.offset(line: line, byteColumn: byteColumn))
        let endLine = Int(cmark_node_get_end_line(node))
        if leaf, endLine >= line { limit = lines.end(ofLine: endLine) }
        return offset
    }

    /// Places a text node where it was written (at its first character, or at the `\\` or `&` it
    /// was written with), and moves past it.
    mutating func text(_ literal: UnsafeBufferPointer<UInt8>) -> Int {
        guard !literal.isEmpty else { return offset }
        // An autolink's text is all between its `<` and `>` (with entities read, escapes not).
        if inAutolink {
            defer { offset = find(byte: UInt8(ascii: ">"), from: offset) ?? offset }
            return offset
        }
        if let found = find(literal) {
            offset = found.end
            return found.start
        }
        // Not written as read: where its first character is.
        if let found = find(UnsafeBufferPointer(rebasing: literal.prefix(utf8Length(literal[0])))) {
            offset = found.end
            return found.start
        }
        return offset
    }

    /// Moves past a code span: from its opening run of backticks to the next run as long.
    mutating func codeSpan() {
        guard let open = find(byte: UInt8(ascii: "`"), from: offset) else { return }
        let count = run(at: open)
        var index = open + count
        while let close = find(byte: UInt8(ascii: "`"), from: index) {
            let length = run(at: close)
            if length == count {
                offset = close + length
                return
            }
            index = close + length
        }
        offset = open + count
    }

    /// Places raw HTML inline: at its first line, and moves past its last.
    mutating func html(_ literal: String) -> Int {
        let literalLines = literal.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard let firstLine = literalLines.first, !firstLine.isEmpty, let found = findAsWritten(Array(firstLine)) else {
            return find(byte: UInt8(ascii: "<"), from: offset).map { start in
                offset = start + 1
                return start
            } ?? offset
        }
        offset = found.end
        if literalLines.count > 1, let last = literalLines.last, !last.isEmpty, let end = findAsWritten(Array(last)) {
            offset = end.end
        }
        return found.start
    }

    /// Places a link or an image: at its `[` (`![`: the `[`), or an autolink at its `<`.
    mutating func enterLink(_ node: OpaquePointer) -> Int {
        let bracket = find(byte: UInt8(ascii: "["), from: offset)
        // The first `<` that could start an autolink, if it comes before the first `[`: the inlines
        // before this one are placed, so it is this link (inlines are read from the left).
        if cmark_node_get_type(node) == CMARK_NODE_LINK, let angle = find(byte: UInt8(ascii: "<"), from: offset),
            bracket.map({ angle < $0 }) ?? true, isAutolink(at: angle)
        {
            offset = angle + 1
            inAutolink = true
            return angle
        }
        guard let bracket else { return offset }
        offset = bracket + 1
        return bracket
    }

    /// Whether an autolink could start at the `<` at `start`: `<`, a scheme and `:` or an address
    /// with `@`, no space, control character or `<`, and `>` (CommonMark's shapes, loosely: the node
    /// is a link, so cmark-gfm has read one).
    private func isAutolink(at start: Int) -> Bool {
        guard let close = bytes[(start + 1)..<limit].firstIndex(where: { $0 <= 0x20 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }),
            bytes[close] == UInt8(ascii: ">"), close > start + 1
        else { return false }
        return bytes[(start + 1)..<close].contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "@") }
    }

    /// Moves past the end of a link or image: its `]` and what follows it (a destination and title
    /// in parentheses, or a reference's label), or an autolink's `>`.
    mutating func leaveLink(_ node: OpaquePointer) {
        defer { inAutolink = false }
        // An autolink's text ends at its `>`.
        if offset < limit, bytes[offset] == UInt8(ascii: ">") {
            offset += 1
            return
        }
        guard let close = find(byte: UInt8(ascii: "]"), from: offset) else { return }
        offset = close + 1
        guard close + 1 < bytes.count else { return }
        switch bytes[close + 1] {
        case UInt8(ascii: "("):
            offset = close + 2
            for part in [cmark_node_get_url(node), cmark_node_get_title(node)] {
                guard let part, part.pointee != 0 else { continue }
                let written = UnsafeRawBufferPointer(start: part, count: strlen(part)).bindMemory(to: UInt8.self)
                if let found = find(written) { offset = found.end }
            }
            if let parenthesis = find(byte: UInt8(ascii: ")"), from: offset) { offset = parenthesis + 1 }
        case UInt8(ascii: "["):
            if let label = find(byte: UInt8(ascii: "]"), from: close + 2) { offset = label + 1 }
        default:
            break
        }
    }

    /// Where what looks like an entity (`&amp;`, `&#42;`, `&#x2A;`) at `start` ends, if one
    /// starts there (`entities` knows whether it is one).
    private func entityEnd(at start: Int) -> Int? {
        guard start < limit, bytes[start] == UInt8(ascii: "&") else { return nil }
        var end = start + 1
        if end < limit, bytes[end] == UInt8(ascii: "#") { end += 1 }
        let name = end
        while end < limit, end - name < 32, isAlphanumeric(bytes[end]) { end += 1 }
        return end > name && end < limit && bytes[end] == UInt8(ascii: ";") ? end + 1 : nil
    }

    private func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    private func utf8Length(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// How many times the byte at `index` repeats from there.
    private func run(at index: Int) -> Int {
        bytes[index..<limit].prefix { $0 == bytes[index] }.count
    }

    private func find(byte: UInt8, from start: Int) -> Int? {
        guard start < limit else { return nil }
        return bytes[start..<limit].firstIndex(of: byte)
    }

    /// The first place at or after the cursor, within the block, where `needle` (text as cmark-gfm
    /// read it) was written: each character as itself, as a backslash escape (`\\*`) or as an
    /// entity (`&amp;`).
    private func find(_ needle: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int)? {
        guard let first = needle.first else { return (offset, offset) }
        var index = offset
        while index < limit {
            guard let candidate = bytes[index..<limit].firstIndex(where: { $0 == first || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "&") })
            else { return nil }
            if let end = match(needle, at: candidate) { return (candidate, end) }
            index = candidate + 1
        }
        return nil
    }

    private func find(_ needle: [UInt8]) -> (start: Int, end: Int)? {
        needle.withUnsafeBufferPointer { find($0) }
    }

    /// The first place at or after the cursor, within the block, where `needle` is written byte for
    /// byte (raw HTML).
    private func findAsWritten(_ needle: [UInt8]) -> (start: Int, end: Int)? {
        guard let first = needle.first else { return (offset, offset) }
        var index = offset
        while index < limit, let candidate = bytes[index..<limit].firstIndex(of: first) {
            if bytes[candidate..<limit].starts(with: needle) { return (candidate, candidate + needle.count) }
            index = candidate + 1
        }
        return nil
    }

    /// Whether the byte at `index` starts an escape (`\` before ASCII punctuation) or an entity
    /// cmark-gfm reads as one: such a byte is never read as itself.
    private func startsEscapeOrEntity(at index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: "\\"): index + 1 < limit && isASCIIPunctuation(bytes[index + 1])
        case UInt8(ascii: "&"): entityEnd(at: index).flatMap { entities.value(bytes[index..<$0]) } != nil
        default: false
        }
    }

    /// Where `needle` ends if it was written at `start` (see `find`). Most text is written as it
    /// reads; otherwise the ways to read the source are tried in turn, without trying a state
    /// (place in the needle, place in the source) twice.
    private func match(_ needle: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var same = 0
        while same < needle.count, start + same < limit, bytes[start + same] == needle[same], !startsEscapeOrEntity(at: start + same) {
            same += 1
        }
        if same == needle.count { return start + same }
        // Another reading parts from this one at an escape or entity up to where this one failed.
        guard bytes[start..<min(limit, start + same + 1)].contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "&") })
        else { return nil }
        var pending = [(0, start)]
        var tried: Set<Int> = []
        while let (read, at) = pending.popLast() {
            if read == needle.count { return at }
            guard at < limit, tried.insert(read &* (limit + 1) &+ at).inserted else { continue }
            let byte = needle[read]
            // Pushed last, tried first: a character as itself.
            if let end = entityEnd(at: at), let value = entities.value(bytes[at..<end]),
                needle[read...].starts(with: value)
            {
                pending.append((read + value.count, end))
            }
            if bytes[at] == UInt8(ascii: "\\"), at + 1 < limit, bytes[at + 1] == byte, isASCIIPunctuation(byte) {
                pending.append((read + 1, at + 2))
            }
            // In a table cell, cmark-gfm drops the backslash before a `|` before it reads the
            // escapes: `\\|` reads `|`.
            if byte == UInt8(ascii: "|"), bytes[at] == UInt8(ascii: "\\"), at + 2 < limit, bytes[at + 1] == UInt8(ascii: "\\"),
                bytes[at + 2] == byte
            {
                pending.append((read + 1, at + 3))
            }
            if bytes[at] == byte, !startsEscapeOrEntity(at: at) { pending.append((read + 1, at + 1)) }
        }
        return nil
    }
}

/// What the entities of a body stand for, as cmark-gfm reads them (`&m;` is no entity, and stays
/// as written), each asked once.
private final class Entities {
    private var values: [ArraySlice<UInt8>: [UInt8]?] = [:]

    func value(_ entity: ArraySlice<UInt8>) -> [UInt8]? {
        if let known = values[entity] { return known }
        let value = Markdown.entityValue(String(decoding: entity, as: UTF8.self)).map { Array($0.utf8) }
        values[entity] = .some(value)
        return value
    }
}
