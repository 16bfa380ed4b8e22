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
    /// The offset each run starts at, and where it was written (a byte offset into the body).
    private var runStarts: [Int] = []
    private var runSources: [Int] = []
    private let lines: LineIndex

    init(lines: LineIndex) {
        self.lines = lines
    }

    mutating func append(_ text: UnsafePointer<CChar>, offset: Int, newBlock: Bool) {
        if newBlock, let last = bytes.indices.last { bytes[last] = Self.blockSeparator }
        runStarts.append(bytes.count)
        runSources.append(offset)
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
        let start = lines.position(ofByte: runSources[run])
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

/// A body's lines: turns a byte offset into a position in the file with the column in characters
/// (as YAML positions count), so `æ` before a link moves it one column, not two.
struct LineIndex: Sendable {
    /// The body in UTF-8.
    let bytes: [UInt8]
    /// The byte offset each line starts at.
    private let lineStarts: [Int]
    private let firstLine: Int

    init(_ source: String, firstLine: Int) {
        bytes = Array(source.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        self.lineStarts = starts
        self.firstLine = firstLine
    }

    /// The byte offset of `line` (of the body, 1-based, as cmark counts) and `byteColumn` (1-based),
    /// no further than the end of the line.
    func offset(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return line < 1 ? 0 : bytes.count }
        return lineStarts[line - 1] + min(max(byteColumn, 1) - 1, end(ofLine: line) - lineStarts[line - 1])
    }

    /// The byte offset of the end of `line` (where its line break is).
    func end(ofLine line: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return line < 1 ? 0 : bytes.count }
        return line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    }

    /// The line and column (in characters) of the byte at `offset`.
    func position(ofByte offset: Int) -> MarkdownPosition {
        let offset = min(max(offset, 0), bytes.count)
        var line = 0  // the last line starting at or before `offset`
        var high = lineStarts.count - 1
        while line < high {
            let middle = (line + high + 1) / 2
            if lineStarts[middle] <= offset { line = middle } else { high = middle - 1 }
        }
        let column = bytes[lineStarts[line]..<offset].count { $0 & 0xC0 != 0x80 } + 1
        return MarkdownPosition(line: line + firstLine, column: column)
    }
}
