/// Where the characters of a text value were written in its file, so that a position inside the
/// value (a link in a folded, multi-line `duty:`) points at the right line and column.
///
/// Built by walking the value and the YAML source side by side: characters that match advance
/// both; a space or line break in the value where the source line ends is a fold, and the source
/// moves on to the next line with text. Where the two part ways (escapes in a quoted string)
/// the positions that follow are approximate: counted on from the last line that matched.
public struct TextPositions: Sendable, Hashable {
    struct Segment: Sendable, Hashable {
        /// Character offset into the value.
        let offset: Int
        let line: Int
        let column: Int
    }

    /// Ascending by offset; never empty.
    let segments: [Segment]

    /// A value written on one line, starting at `line`:`column`.
    public init(line: Int, column: Int) {
        segments = [Segment(offset: 0, line: line, column: column)]
    }

    init(segments: [Segment]) {
        self.segments = segments
    }

    /// Aligns `value` with the source `lines` (each without its line break), starting at the
    /// 0-based `line` and `column` of its first character; `lineOffset` is added to every line
    /// number recorded (front matter starts below `---`).
    static func align(
        _ value: String, lines: [[Character]], line startLine: Int, column startColumn: Int, lineOffset: Int
    ) -> TextPositions {
        var segments = [Segment(offset: 0, line: startLine + 1 + lineOffset, column: startColumn + 1)]
        var line = startLine
        var column = startColumn
        var offset = 0
        let characters = Array(value)
        var index = 0
        while index < characters.count, line < lines.count {
            let source = lines[line]
            let character = characters[index]
            if column < source.count, source[column] == character {
                column += 1
                index += 1
                offset += 1
                continue
            }
            guard character == " " || character == "\n", source[min(column, source.count)...].allSatisfy(\.isWhitespace) else { break }
            // A fold: skip the value's whitespace and the source's line breaks and indentation.
            while index < characters.count, characters[index] == " " || characters[index] == "\n" {
                index += 1
                offset += 1
            }
            line += 1
            while line < lines.count, lines[line].allSatisfy(\.isWhitespace) { line += 1 }
            guard line < lines.count else { break }
            column = lines[line].firstIndex { !$0.isWhitespace } ?? 0
            segments.append(Segment(offset: offset, line: line + 1 + lineOffset, column: column + 1))
        }
        return TextPositions(segments: segments)
    }

    /// Where the character at `offset` of the value was written (1-based line and column).
    public func location(atOffset offset: Int) -> (line: Int, column: Int) {
        let segment = segments.last { $0.offset <= offset } ?? segments[0]
        return (segment.line, segment.column + offset - segment.offset)
    }

    /// Where the character at `line`:`column` (1-based, counted in `text`, the value) was written.
    public func location(line: Int, column: Int, in text: String) -> (line: Int, column: Int) {
        var offset = 0
        var currentLine = 1
        for character in text {
            if currentLine == line { break }
            offset += 1
            if character == "\n" { currentLine += 1 }
        }
        return location(atOffset: offset + column - 1)
    }

    /// The positions of the value without its first `count` characters.
    func dropping(_ count: Int) -> TextPositions {
        guard count > 0 else { return self }
        let start = location(atOffset: count)
        let rest = segments.filter { $0.offset > count }.map { Segment(offset: $0.offset - count, line: $0.line, column: $0.column) }
        return TextPositions(segments: [Segment(offset: 0, line: start.line, column: start.column)] + rest)
    }
}
