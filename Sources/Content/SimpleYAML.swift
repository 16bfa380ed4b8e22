import Diagnostics

/// A fast reader for the plain YAML that front matter is written in, giving exactly the tree
/// libyaml gives; anything else it declines, and libyaml reads the text instead.
///
/// Front matter is nearly always block mappings and sequences of one-line scalars, quoted
/// strings, `[a, b]` lists and `>`/`|` blocks. This reader handles just that, line by line, and
/// gives up (`Declined`) at the first thing it is not sure of: tabs or carriage returns in the
/// structure, escapes, multi-line plain or quoted scalars, empty values, anchors, tags, flow
/// mappings, more-indented lines in blocks, duplicate keys, syntax errors. The tests check that
/// wherever it answers, the tree is the one libyaml builds, positions included.
package struct SimpleYAML {
    package struct Declined: Error {}

    private struct Line {
        let start: Int
        let end: Int
        /// The first byte that is not a space (`end` on a blank line). A sequence item's inline
        /// mapping moves it to the item's first key.
        var content: Int
        var indent: Int { content - start }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var lines: [Line] = []
    private var index = 0
    private let file: String
    private let lineOffset: Int
    private let source: TextPositions.Source

    /// The tree of `text`, or `Declined` when libyaml must read it.
    package static func parse(_ text: String, file: String, lineOffset: Int, source: TextPositions.Source) throws(Declined) -> YAMLNode {
        var text = text
        let root = text.withUTF8 { bytes -> YAMLNode? in
            var reader = SimpleYAML(bytes: bytes, file: file, lineOffset: lineOffset, source: source)
            return try? reader.document()
        }
        guard let root else { throw Declined() }
        return root
    }

    private mutating func document() throws(Declined) -> YAMLNode {
        try splitLines()
        skipInsignificant()
        guard index < lines.count, lines[index].indent == 0 else { throw Declined() }
        let root = try node(minimumIndent: 0)
        skipInsignificant()
        guard index == lines.count else { throw Declined() }
        return root
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, file: String, lineOffset: Int, source: TextPositions.Source) {
        self.bytes = bytes
        self.file = file
        self.lineOffset = lineOffset
        self.source = source
    }

    // MARK: - Lines

    private static let space = UInt8(ascii: " ")
    private static let hash = UInt8(ascii: "#")

    private mutating func splitLines() throws(Declined) {
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") {
                // Carriage returns, tabs, byte order marks and control characters: libyaml's call.
                // So are the C1 controls (U+0080–U+009F, NEL among them) and U+2028 and U+2029,
                // which libyaml refuses or takes for line breaks (the YAML fuzzer found them read
                // here as text).
                let byte = bytes[end]
                if byte < Self.space || byte == 0x7F || byte == 0xEF { throw Declined() }
                if byte == 0xC2, end + 1 < bytes.count, bytes[end + 1] < 0xA0 { throw Declined() }
                if byte == 0xE2, end + 2 < bytes.count, bytes[end + 1] == 0x80, bytes[end + 2] & 0xFE == 0xA8 { throw Declined() }
                end += 1
            }
            var content = start
            while content < end, bytes[content] == Self.space { content += 1 }
            lines.append(Line(start: start, end: end, content: content))
            start = end + 1
        }
    }

    private func isBlank(_ line: Line) -> Bool { line.content == line.end }

    /// Blank lines and comment lines, which carry nothing outside a block scalar.
    private mutating func skipInsignificant() {
        while index < lines.count, isBlank(lines[index]) || bytes[lines[index].content] == Self.hash { index += 1 }
    }

    /// The location of the byte at `offset` on `line`; the column counts characters, as libyaml does.
    private func location(_ offset: Int, on line: Int) -> SourceLocation {
        var column = 1
        var at = lines[line].start
        while at < offset {
            if bytes[at] & 0xC0 != 0x80 { column += 1 }
            at += 1
        }
        return SourceLocation(file: file, line: line + 1 + lineOffset, column: column)
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: - Block nodes

    /// The mapping or sequence on the next significant line, which must be indented at least
    /// `minimumIndent`.
    private mutating func node(minimumIndent: Int) throws(Declined) -> YAMLNode {
        skipInsignificant()
        guard index < lines.count, lines[index].indent >= minimumIndent else { throw Declined() }
        let line = lines[index]
        if isSequenceItem(at: line.content, end: line.end) { return try sequence(indent: line.indent) }
        return try mapping(indent: line.indent)
    }

    private func isSequenceItem(at offset: Int, end: Int) -> Bool {
        bytes[offset] == UInt8(ascii: "-") && (offset + 1 == end || bytes[offset + 1] == Self.space)
    }

    /// The end of a `key:` starting at `offset` (a key of letters, digits, `_` and `-`, then a
    /// colon and a space or the end of the line), or `nil`.
    private func keyEnd(at offset: Int, end: Int) -> Int? {
        var at = offset
        while at < end {
            let byte = bytes[at]
            let isKeyByte =
                (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_")
                || (byte == UInt8(ascii: "-") && at > offset)
            guard isKeyByte else { break }
            at += 1
        }
        guard at > offset, at < end, bytes[at] == UInt8(ascii: ":"), at + 1 == end || bytes[at + 1] == Self.space else { return nil }
        return at
    }

    private mutating func mapping(indent: Int) throws(Declined) -> YAMLNode {
        let location = location(lines[index].content, on: index)
        var entries: [YAMLNode.Entry] = []
        while true {
            skipInsignificant()
            guard index < lines.count else { break }
            let line = lines[index]
            if line.indent < indent { break }
            guard line.indent == indent, let colon = keyEnd(at: line.content, end: line.end) else { throw Declined() }
            let key = string(line.content..<colon)
            // A duplicate key is an error that libyaml's reader reports; `null:` is no key.
            if Self.isNull(key) || entries.contains(where: { $0.key.value == key }) { throw Declined() }
            let keyLocation = self.location(line.content, on: index)
            var value = colon + 1
            while value < line.end, bytes[value] == Self.space { value += 1 }
            let node: YAMLNode
            if value == line.end || bytes[value] == Self.hash {
                index += 1
                skipInsignificant()
                guard index < lines.count else { throw Declined() }
                let next = lines[index]
                if next.indent > indent {
                    node = try self.node(minimumIndent: indent + 1)
                } else if next.indent == indent, isSequenceItem(at: next.content, end: next.end) {
                    node = try sequence(indent: indent)
                } else {
                    throw Declined()  // an empty value
                }
            } else {
                node = try inlineValue(at: value, parentIndent: indent)
            }
            entries.append(YAMLNode.Entry(key: Located(key, at: keyLocation), value: node))
        }
        return .mapping(entries, location)
    }

    private mutating func sequence(indent: Int) throws(Declined) -> YAMLNode {
        let location = location(lines[index].content, on: index)
        var items: [YAMLNode] = []
        while true {
            skipInsignificant()
            guard index < lines.count else { break }
            let line = lines[index]
            if line.indent < indent { break }
            guard line.indent == indent else { throw Declined() }
            guard isSequenceItem(at: line.content, end: line.end) else {
                // The next key of the mapping that holds an indentless sequence.
                if keyEnd(at: line.content, end: line.end) != nil { break }
                throw Declined()
            }
            var value = line.content + 1
            while value < line.end, bytes[value] == Self.space { value += 1 }
            if value == line.end || bytes[value] == Self.hash {
                index += 1
                items.append(try node(minimumIndent: indent + 1))
            } else if keyEnd(at: value, end: line.end) != nil {
                lines[index].content = value
                items.append(try mapping(indent: value - line.start))
            } else {
                items.append(try inlineValue(at: value, parentIndent: indent))
            }
        }
        return .sequence(items, location)
    }

    // MARK: - Values after `key:` or `- `

    /// The value starting at `offset` of the current line; consumes the line (and a block
    /// scalar's lines).
    private mutating func inlineValue(at offset: Int, parentIndent: Int) throws(Declined) -> YAMLNode {
        let line = lines[index]
        let start = location(offset, on: index)
        let node: YAMLNode
        var rest: Int
        switch bytes[offset] {
        case UInt8(ascii: ">"), UInt8(ascii: "|"):
            return try blockScalar(at: offset, parentIndent: parentIndent)
        case UInt8(ascii: "\""):
            var close = offset + 1
            while close < line.end, bytes[close] != UInt8(ascii: "\"") {
                if bytes[close] == UInt8(ascii: "\\") { throw Declined() }
                close += 1
            }
            guard close < line.end else { throw Declined() }
            let value = string(offset + 1..<close)
            node = .scalar(value, start, isNull: false, positions: positions(of: value, quoted: true, block: false, at: start))
            rest = close + 1
        case UInt8(ascii: "'"):
            var value: [UInt8] = []
            var at = offset + 1
            while true {
                guard at < line.end else { throw Declined() }
                if bytes[at] == UInt8(ascii: "'") {
                    guard at + 1 < line.end, bytes[at + 1] == UInt8(ascii: "'") else { break }
                    at += 1
                }
                value.append(bytes[at])
                at += 1
            }
            let text = String(decoding: value, as: UTF8.self)
            node = .scalar(text, start, isNull: false, positions: positions(of: text, quoted: true, block: false, at: start))
            rest = at + 1
        case UInt8(ascii: "["):
            (node, rest) = try flowSequence(at: offset, on: line)
        default:
            guard Self.canStartPlain(bytes[offset]) else { throw Declined() }
            var end = offset
            while end < line.end {
                if bytes[end] == UInt8(ascii: ":"), end + 1 == line.end || bytes[end + 1] == Self.space { throw Declined() }
                if bytes[end] == Self.space, end + 1 < line.end, bytes[end + 1] == Self.hash { break }
                end += 1
            }
            rest = end
            while end > offset, bytes[end - 1] == Self.space { end -= 1 }
            let value = string(offset..<end)
            node = .scalar(
                value, start, isNull: Self.isNull(value), positions: positions(of: value, quoted: false, block: false, at: start))
        }
        // Only spaces or a comment may follow on the line, and the next line with text may not be
        // indented under the value (a multi-line plain scalar, or an error).
        while rest < line.end, bytes[rest] == Self.space { rest += 1 }
        guard rest == line.end || (bytes[rest] == Self.hash && bytes[rest - 1] == Self.space) else { throw Declined() }
        index += 1
        skipInsignificant()
        if index < lines.count, lines[index].indent > parentIndent { throw Declined() }
        return node
    }

    /// Plain scalars may not start with an indicator character.
    private static func canStartPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
            UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            return false
        default:
            return true
        }
    }

    /// As in `YAMLNode.parse`: the plain scalars that mean "no value".
    private static func isNull(_ value: String) -> Bool {
        switch value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// `[a, b, c]` on one line, of plain scalars.
    private func flowSequence(at offset: Int, on line: Line) throws(Declined) -> (YAMLNode, Int) {
        var items: [YAMLNode] = []
        var at = offset + 1
        while true {
            while at < line.end, bytes[at] == Self.space { at += 1 }
            guard at < line.end else { throw Declined() }
            if bytes[at] == UInt8(ascii: "]"), items.isEmpty { return (.sequence(items, location(offset, on: index)), at + 1) }
            guard Self.canStartPlain(bytes[at]) else { throw Declined() }
            let itemStart = at
            while at < line.end {
                switch bytes[at] {
                case UInt8(ascii: ","), UInt8(ascii: "]"): break
                case UInt8(ascii: ":"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "}"): throw Declined()
                default:
                    at += 1
                    continue
                }
                break
            }
            guard at < line.end else { throw Declined() }
            var end = at
            while end > itemStart, bytes[end - 1] == Self.space { end -= 1 }
            let value = string(itemStart..<end)
            let start = location(itemStart, on: index)
            items.append(
                .scalar(value, start, isNull: Self.isNull(value), positions: positions(of: value, quoted: false, block: false, at: start)))
            if bytes[at] == UInt8(ascii: "]") { return (.sequence(items, location(offset, on: index)), at + 1) }
            at += 1  // the comma
        }
    }

    /// A `>` or `|` block, optionally with `-` (no final line break); its lines must all be
    /// indented alike, without leading empty lines.
    private mutating func blockScalar(at offset: Int, parentIndent: Int) throws(Declined) -> YAMLNode {
        let indicatorLine = index
        let line = lines[index]
        let folded = bytes[offset] == UInt8(ascii: ">")
        var at = offset + 1
        let strip = at < line.end && bytes[at] == UInt8(ascii: "-")
        if strip { at += 1 }
        guard at == line.end else { throw Declined() }
        index += 1
        var contentIndent: Int?
        var text: [UInt8] = []
        var emptyLines = 0
        var endsWithBreak = false
        while index < lines.count {
            let current = lines[index]
            if isBlank(current) {
                // A blank line with more spaces than the text's indentation holds spaces.
                if let contentIndent, current.end - current.start > contentIndent { throw Declined() }
                if contentIndent == nil { throw Declined() }  // leading empty lines
                emptyLines += 1
                index += 1
                continue
            }
            if current.indent <= parentIndent { break }
            if contentIndent == nil { contentIndent = current.indent }
            guard current.indent == contentIndent else { throw Declined() }
            if !text.isEmpty {
                if emptyLines == 0 {
                    text.append(folded ? Self.space : UInt8(ascii: "\n"))
                } else {
                    let breaks = folded ? emptyLines : emptyLines + 1
                    text.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: breaks))
                }
            }
            emptyLines = 0
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[current.content..<current.end]))
            endsWithBreak = current.end < bytes.count
            index += 1
        }
        guard contentIndent != nil else { throw Declined() }
        // Without `-` the text keeps its final line break, if it has one.
        if !strip, endsWithBreak { text.append(UInt8(ascii: "\n")) }
        let value = String(decoding: text, as: UTF8.self)
        let start = location(offset, on: indicatorLine)
        return .scalar(value, start, isNull: false, positions: positions(of: value, quoted: false, block: true, at: start))
    }

    private func positions(of value: String, quoted: Bool, block: Bool, at start: SourceLocation) -> TextPositions {
        TextPositions.of(value, quoted: quoted, block: block, at: start, source: source)
    }
}
