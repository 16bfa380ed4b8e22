/// Where a content item came from, and its Markdown body.
public struct Document: Sendable {
    /// The path as reached from the working directory (what diagnostics print).
    public let path: String
    /// The path inside the content folder, e.g. `recommendations/fastlege-sykehus/timebestilling.md`.
    public let relativePath: String
    /// The Markdown after the front matter.
    public let markdown: String
    /// The line of the file the Markdown starts on.
    public let firstLine: Int
    /// The file name without `.md`: the item's slug (kept, since every link to the item needs it).
    public let slug: String

    public init(path: String, relativePath: String, markdown: String, firstLine: Int) {
        self.path = path
        self.relativePath = relativePath
        self.markdown = markdown
        self.firstLine = firstLine
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        slug = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    init(_ file: SourceFile) {
        self.init(path: file.path, relativePath: file.relativePath, markdown: file.body, firstLine: file.bodyFirstLine)
    }
}

/// Ids that appear in URLs (`id/MO-FS-07/`) and file names: letters, digits, `.`, `_` and `-`.
public enum ContentID {
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIIAlphanumeric else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "." || $0 == "_" || $0 == "-" }
    }
}

extension FieldReader {
    /// A content id (`MO-FS-07`): required, and usable in a URL.
    mutating func contentID(_ hint: String) -> Located<String>? {
        parsed(
            "id", required: true, hint, rule: .idInvalid,
            invalid: { text in
                "`id: \(text)` kan ikke brukes i en adresse; bruk bokstaver, tall, `.`, `_` og `-` (f.eks. `MO-FS-07`)"
            }, { ContentID.isValid($0) ? $0 : nil })
    }
}
