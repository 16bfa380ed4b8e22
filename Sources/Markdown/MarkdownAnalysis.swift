import Foundation

/// A position inside a Markdown file (1-based, counted from the top of the file).
public struct MarkdownPosition: Sendable, Hashable {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A link as written in the source, e.g. `id:MO-FS-07` or `../andre/fil.md#avsnitt`.
public struct MarkdownLink: Sendable, Hashable {
    public let destination: String
    public let position: MarkdownPosition
}

/// Raw HTML found in a body; it is never published.
public struct MarkdownHTML: Sendable, Hashable {
    public let html: String
    public let position: MarkdownPosition
}

/// What the validator needs to know about a Markdown body.
public struct MarkdownAnalysis: Sendable {
    public var links: [MarkdownLink] = []
    public var rawHTML: [MarkdownHTML] = []
    public var text: MarkdownText
}

/// The text of a body without markup, as one UTF-8 buffer that the validator scans word by word.
///
/// The text comes in runs (one line of a paragraph, a heading, a table cell …, as cmark splits
/// it), each followed by a separator byte: `runSeparator` when the next run continues the same
/// block, `blockSeparator` when the block ends. Neither byte occurs in text.
public struct MarkdownText: Sendable {
    public static let runSeparator: UInt8 = 0
    public static let blockSeparator: UInt8 = 1

    public private(set) var bytes: [UInt8] = []
    /// The offset each run starts at, and where cmark says it was written (line of the body,
    /// column in bytes).
    private var runStarts: [Int] = []
    private var runSources: [(line: Int32, byteColumn: Int32)] = []
    private let lines: LineIndex

    init(lines: LineIndex) {
        self.lines = lines
    }

    mutating func append(_ text: UnsafePointer<CChar>, line: Int32, byteColumn: Int32, newBlock: Bool) {
        if newBlock, let last = bytes.indices.last { bytes[last] = Self.blockSeparator }
        runStarts.append(bytes.count)
        runSources.append((line, byteColumn))
        text.withMemoryRebound(to: UInt8.self, capacity: 0) { text in
            bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: strlen(text)))
        }
        bytes.append(Self.runSeparator)
    }

    /// The last run ends its block.
    mutating func finish() {
        if let last = bytes.indices.last { bytes[last] = Self.blockSeparator }
    }

    /// Where the character at `offset` of `bytes` was written, with the column in characters.
    public func position(of offset: Int) -> MarkdownPosition {
        var run = 0  // the last run starting at or before `offset`
        var high = runStarts.count - 1
        while run < high {
            let middle = (run + high + 1) / 2
            if runStarts[middle] <= offset { run = middle } else { high = middle - 1 }
        }
        let start = lines.position(line: Int(runSources[run].line), byteColumn: Int(runSources[run].byteColumn))
        let scalars = bytes[runStarts[run]..<offset].count { $0 & 0xC0 != 0x80 }
        return MarkdownPosition(line: start.line, column: start.column + scalars)
    }

    /// One run of text.
    public struct Run: Sendable, Hashable {
        public let text: String
        public let position: MarkdownPosition
        /// Whether the run is the last of its block.
        public let endsBlock: Bool
    }

    /// The runs one by one (for tests and debugging; the validator reads `bytes`).
    public var runs: [Run] {
        runStarts.indices.map { index in
            let end = index + 1 < runStarts.count ? runStarts[index + 1] - 1 : bytes.count - 1
            return Run(
                text: String(decoding: bytes[runStarts[index]..<end], as: UTF8.self), position: position(of: runStarts[index]),
                endsBlock: bytes[end] == Self.blockSeparator)
        }
    }
}

/// Turns cmark's positions (line of the body, column in UTF-8 bytes) into positions in the file
/// with the column in characters (as YAML positions count), so `æ` before a link moves it one
/// column, not two.
struct LineIndex: Sendable {
    private let source: String
    /// The byte offset each line starts at.
    private let lineStarts: [Int]
    private let firstLine: Int

    init(_ source: String, firstLine: Int) {
        var source = source
        var starts = [0]
        source.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count, let newline = memchr(base + offset, 0x0A, bytes.count - offset) {
                offset = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        self.source = source
        self.lineStarts = starts
        self.firstLine = firstLine
    }

    /// How many lines the source has.
    var lineCount: Int { lineStarts.count }

    /// The byte column (1-based) where the text of a paragraph's later line starts: after the
    /// quote markers and indentation. (Such a line cannot start with `>`: that would begin a quote.)
    func continuationStart(line: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return 1 }
        var column = 1
        for byte in source.utf8.dropFirst(lineStarts[line - 1]) {
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ">") else { break }
            column += 1
        }
        return column
    }

    /// How many backticks on `line` start at `byteColumn`.
    func backticks(line: Int, from byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else { return 0 }
        let bytes = source.utf8.dropFirst(lineStarts[line - 1]).prefix(byteLength(line: line))
        return bytes.dropFirst(byteColumn - 1).prefix { $0 == UInt8(ascii: "`") }.count
    }

    /// How many backticks on `line` end just before `byteColumn`.
    func backticks(line: Int, before byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else { return 0 }
        let bytes = source.utf8.dropFirst(lineStarts[line - 1]).prefix(min(byteColumn - 1, byteLength(line: line)))
        return bytes.reversed().prefix { $0 == UInt8(ascii: "`") }.count
    }

    /// The byte column of the first run of exactly `count` bytes `delimiter` on `line`.
    func firstRun(of delimiter: UInt8, count: Int, line: Int) -> Int? {
        guard count > 0, line >= 1, line <= lineStarts.count else { return nil }
        let bytes = Array(source.utf8.dropFirst(lineStarts[line - 1]).prefix(byteLength(line: line)))
        var index = 0
        while index < bytes.count {
            guard bytes[index] == delimiter else {
                index += 1
                continue
            }
            let run = bytes[index...].prefix { $0 == delimiter }.count
            if run == count { return index + 1 }
            index += run
        }
        return nil
    }

    /// Whether `line` ends with a backslash that escapes its line break (a hard break).
    func endsWithBackslash(line: Int) -> Bool {
        guard line >= 1, line <= lineStarts.count else { return false }
        let bytes = source.utf8.dropFirst(lineStarts[line - 1]).prefix(byteLength(line: line))
        return bytes.reversed().prefix { $0 == UInt8(ascii: "\\") }.count % 2 == 1
    }

    /// The length of `line` in bytes, without its line break.
    func byteLength(line: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return 0 }
        let end = line < lineStarts.count ? lineStarts[line] - 1 : source.utf8.count
        return end - lineStarts[line - 1]
    }

    /// `line` and `byteColumn` are 1-based, as cmark gives them.
    func position(line: Int, byteColumn: Int) -> MarkdownPosition {
        let fileLine = line + firstLine - 1
        guard line >= 1, line <= lineStarts.count, byteColumn > 1 else {
            return MarkdownPosition(line: fileLine, column: max(1, byteColumn))
        }
        let utf8 = source.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[line - 1])
        let end = utf8.index(start, offsetBy: byteColumn - 1, limitedBy: utf8.endIndex) ?? utf8.endIndex
        return MarkdownPosition(line: fileLine, column: utf8[start..<end].count { $0 & 0xC0 != 0x80 } + 1)
    }
}
