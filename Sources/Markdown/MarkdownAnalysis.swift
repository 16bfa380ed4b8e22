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

/// A run of text (one line of a paragraph, a heading, a table cell …), without markup.
public struct MarkdownText: Sendable, Hashable {
    public let text: String
    public let position: MarkdownPosition
    /// Runs with the same number belong to the same block, in reading order.
    public let block: Int
}

/// What the validator needs to know about a Markdown body.
public struct MarkdownAnalysis: Sendable {
    public var links: [MarkdownLink] = []
    public var rawHTML: [MarkdownHTML] = []
    public var text: [MarkdownText] = []
}
