import Diagnostics

/// Where the characters of a text value were written in its file, so that a position inside the
/// value (a link in a folded, multi-line `duty:`) points at the right line and column.
///
/// Nothing is computed until a position is asked for, which happens only for a diagnostic: then
/// the value and the YAML source are walked side by side. Characters that match advance both; a
/// space or line break in the value where the source line ends is a fold, and the source moves on
/// to the next line with text. Where the two part ways (escapes in a quoted string) the positions
/// that follow are approximate: counted on from the last line that matched.
public struct TextPositions: Sendable {
    /// The YAML text a value came from, shared by all its values.
    package final class Source: Sendable {
        let text: String
        /// Added to line numbers (front matter starts below `---`).
        let lineOffset: Int

        package init(_ text: String, lineOffset: Int) {
            self.text = text
            self.lineOffset = lineOffset
        }

        /// Where the text ends: the 0-based line and column (in characters) after its last character.
        ///
        /// libyaml ends a text that does not end with a line break with one of its own, so a mark
        /// at the end (an unclosed quote or bracket, a key without `:`) lies on a line after the
        /// text's last: in a `.yml` file a line that does not exist (found by the fuzzers). Such a
        /// mark is put here instead (`YAMLNode`).
        var end: (line: Int, column: Int) {
            let lines = text.utf8.count { $0 == UInt8(ascii: "\n") }
            let last = text.utf8.lastIndex(of: UInt8(ascii: "\n")).map { text.utf8.index(after: $0) } ?? text.utf8.startIndex
            return (lines, text.unicodeScalars[last...].count)
        }
    }

    private enum Storage: Sendable {
        /// A value on one line, starting at this 1-based line and column.
        case start(line: Int, column: Int)
        /// A value that may span lines; its first character is at the 0-based `line` and
        /// `column` of `source`; the first `dropped` characters were trimmed off the value.
        case aligned(Source, line: Int, column: Int, dropped: Int)
    }

    private let storage: Storage

    /// A value written on one line, starting at `line`:`column`.
    public init(line: Int, column: Int) {
        storage = .start(line: line, column: column)
    }

    init(source: Source, line: Int, column: Int) {
        storage = .aligned(source, line: line, column: column, dropped: 0)
    }

    /// A `|` or `>` block whose indicator is on the 0-based `line`: the text starts on the first
    /// line below it that has any, after the indentation.
    init(source: Source, blockBelow line: Int) {
        storage = .aligned(source, line: line + 1, column: -1, dropped: 0)
    }

    /// Where a scalar's characters were written: after its quote, or from the line below a `|`
    /// or `>` indicator. `start` is where the scalar starts (its quote or indicator). Worked out
    /// only if a diagnostic needs it.
    static func of(_ value: String, quoted: Bool, block: Bool, at start: SourceLocation, source: Source) -> TextPositions {
        if !block, !value.utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }) {
            return TextPositions(line: start.line, column: start.column + (quoted ? 1 : 0))
        }
        let line = start.line - source.lineOffset - 1
        if block { return TextPositions(source: source, blockBelow: line) }
        return TextPositions(source: source, line: line, column: start.column - 1 + (quoted ? 1 : 0))
    }

    private init(_ storage: Storage) {
        self.storage = storage
    }

    /// Where the character at `line`:`column` (1-based, counted in Unicode scalars of `text`,
    /// the value) was written.
    public func location(line: Int, column: Int, in text: String) -> (line: Int, column: Int) {
        var offset = 0
        var currentLine = 1
        for scalar in text.unicodeScalars {
            if currentLine == line { break }
            offset += 1
            if scalar == "\n" { currentLine += 1 }
        }
        return location(atOffset: offset + column - 1, in: text)
    }

    /// Where the scalar at `offset` of `text` (the value) was written (1-based line and column).
    public func location(atOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        switch storage {
        case .start(let line, let column):
            return (line, column + offset)
        case .aligned(let source, let line, let column, let dropped):
            let segments = Self.align(text, dropped: dropped, source: source, line: line, column: column)
            let segment = segments.last { $0.offset <= offset } ?? segments[0]
            return (segment.line, segment.column + offset - segment.offset)
        }
    }

    /// The positions of the value without its first `count` characters.
    func dropping(_ count: Int) -> TextPositions {
        guard count > 0 else { return self }
        switch storage {
        case .start(let line, let column):
            return TextPositions(.start(line: line, column: column + count))
        case .aligned(let source, let line, let column, let dropped):
            return TextPositions(.aligned(source, line: line, column: column, dropped: dropped + count))
        }
    }

    private struct Segment {
        /// Scalar offset into the (trimmed) value.
        let offset: Int
        let line: Int
        let column: Int
    }

    /// Walks the value (with the `dropped` scalars trimmed off its front put back) and the source.
    private static func align(_ value: String, dropped: Int, source: Source, line startLine: Int, column startColumn: Int)
        -> [Segment]
    {
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let characters = Array(repeating: " " as Unicode.Scalar, count: dropped) + Array(value.unicodeScalars)
        func segment(_ offset: Int, _ line: Int, _ column: Int) -> Segment {
            Segment(offset: offset - dropped, line: line + 1 + source.lineOffset, column: column + 1)
        }
        var line = startLine
        var column = startColumn
        if column < 0 {  // A block: find its first line of text.
            while line < lines.count, lines[line].allSatisfy(\.properties.isWhitespace) { line += 1 }
            column = line < lines.count ? lines[line].prefix { $0 == " " || $0 == "\t" }.count : 0
        }
        var segments = [segment(0, line, column)]
        var index = 0
        while index < characters.count, line < lines.count {
            let text = lines[line]
            let character = characters[index]
            if column < text.count, text[column] == character || index < dropped {
                column += 1
                index += 1
                if index == dropped { segments = [segment(index, line, column)] }
                continue
            }
            guard character == " " || character == "\n", text[min(column, text.count)...].allSatisfy(\.properties.isWhitespace) else {
                break
            }
            // A fold: skip the value's whitespace and the source's line breaks and indentation.
            while index < characters.count, characters[index] == " " || characters[index] == "\n" { index += 1 }
            line += 1
            while line < lines.count, lines[line].allSatisfy(\.properties.isWhitespace) { line += 1 }
            guard line < lines.count else { break }
            column = lines[line].firstIndex { !$0.properties.isWhitespace } ?? 0
            segments.append(segment(max(index, dropped), line, column))
        }
        return segments
    }
}
