import Diagnostics
import Yams

/// A YAML tree with a source position on every node: what front matter is decoded from.
///
/// Yams's own `Node` is not `Sendable` and resolves scalars to types (`no` becomes `false`,
/// `1.10` becomes `1.1`); this tree keeps each scalar's text exactly as written, and the typed
/// decoding in `FieldReader` decides what a field means.
public indirect enum YAMLNode: Sendable {
    /// The location is the scalar's start (a quote or `>` included); `positions` says where each
    /// character of the text was written.
    case scalar(String, SourceLocation, isNull: Bool, positions: TextPositions)
    case sequence([YAMLNode], SourceLocation)
    case mapping([Entry], SourceLocation)

    /// One `key: value` pair; keys are scalars in our content.
    public struct Entry: Sendable {
        public let key: Located<String>
        public let value: YAMLNode
    }

    public var location: SourceLocation {
        switch self {
        case .scalar(_, let location, _, _), .sequence(_, let location), .mapping(_, let location):
            return location
        }
    }

    /// `null`, `~` or nothing at all after the colon.
    public var isNull: Bool {
        if case .scalar(_, _, true, _) = self { return true }
        return false
    }

    /// The scalar's text, or `nil` for collections and nulls.
    public var scalar: String? {
        if case .scalar(let text, _, false, _) = self { return text }
        return nil
    }

    public var entries: [Entry]? {
        if case .mapping(let entries, _) = self { return entries }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    /// A short Norwegian name of the node's kind, for messages ("en liste", "en tekst" …).
    public var kindDescription: String {
        switch self {
        case .scalar(_, _, true, _): return "tom"
        case .scalar: return "en tekst"
        case .sequence: return "en liste"
        case .mapping: return "en tabell med felt"
        }
    }
}

extension YAMLNode {
    /// Parses YAML text. `lineOffset` is added to every line (front matter starts below `---`).
    ///
    /// Throws `YAMLSyntaxError` with the position Yams reports, shifted the same way.
    public static func parse(_ text: String, file: String, lineOffset: Int) throws(YAMLSyntaxError) -> YAMLNode? {
        if let (line, column) = YAMLAliasCheck.firstAnchorOrAlias(in: text) {
            throw YAMLSyntaxError(
                rule: .yamlAlias,
                message:
                    "YAML-ankere og -aliaser (`&navn`, `*navn`) brukes ikke i innholdet; skriv verdien ut der den trengs (står det en `*` eller `&` først i en tekst, sett teksten i anførselstegn)",
                location: SourceLocation(file: file, line: line + lineOffset, column: column))
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw YAMLSyntaxError(error, file: file, lineOffset: lineOffset)
        } catch {
            throw YAMLSyntaxError(message: "\(error)", location: SourceLocation(file: file, line: 1 + lineOffset, column: 1))
        }
        guard let node else { return nil }
        var converter = Converter(file: file, lineOffset: lineOffset, text: text)
        return converter.convert(node)
    }

    /// Yams's tree to ours, with every position shifted to the file's lines.
    private struct Converter {
        let file: String
        let lineOffset: Int
        let text: String
        /// The source lines, split only when a multi-line scalar needs them.
        private var lines: [[Character]] = []

        init(file: String, lineOffset: Int, text: String) {
            self.file = file
            self.lineOffset = lineOffset
            self.text = text
        }

        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
        }

        mutating func convert(_ node: Node) -> YAMLNode {
            switch node {
            case .scalar(let scalar):
                let isNull = scalar.style == .plain && node.null != nil
                return .scalar(scalar.string, location(scalar.mark), isNull: isNull, positions: positions(of: scalar))
            case .sequence(let sequence):
                return .sequence(sequence.map { convert($0) }, location(sequence.mark))
            case .mapping(let mapping):
                let entries = mapping.map { pair in
                    Entry(key: Located(pair.key.string ?? "", at: location(pair.key.mark)), value: convert(pair.value))
                }
                return .mapping(entries, location(mapping.mark))
            case .alias(let alias):  // Unreachable: refused before composing.
                return .scalar("", location(alias.mark), isNull: true, positions: TextPositions(line: 1, column: 1))
            }
        }

        /// Where the scalar's characters were written: after its quote, or from the line below
        /// a `|` or `>` indicator.
        mutating func positions(of scalar: Node.Scalar) -> TextPositions {
            let start = location(scalar.mark)
            switch scalar.style {
            case .plain, .any:
                if !scalar.string.contains("\n") && !scalar.string.contains(" ") {
                    return TextPositions(line: start.line, column: start.column)
                }
            case .singleQuoted, .doubleQuoted:
                if !scalar.string.contains("\n") && !scalar.string.contains(" ") {
                    return TextPositions(line: start.line, column: start.column + 1)
                }
            case .literal, .folded:
                break
            }
            if lines.isEmpty { lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init) }
            var line = start.line - lineOffset - 1
            var column = start.column - 1
            switch scalar.style {
            case .singleQuoted, .doubleQuoted:
                column += 1
            case .literal, .folded:
                line += 1
                while line < lines.count, lines[line].allSatisfy(\.isWhitespace) { line += 1 }
                column = line < lines.count ? lines[line].firstIndex { !$0.isWhitespace } ?? 0 : 0
            case .plain, .any:
                break
            }
            return TextPositions.align(scalar.string, lines: lines, line: line, column: column, lineOffset: lineOffset)
        }
    }
}

/// A YAML syntax error, positioned where Yams found it.
public struct YAMLSyntaxError: Error, Sendable {
    public let rule: Rule
    public let message: String
    public let location: SourceLocation

    init(rule: Rule = .yamlSyntax, message: String, location: SourceLocation) {
        self.rule = rule
        self.message = message
        self.location = location
    }

    init(_ error: YamlError, file: String, lineOffset: Int) {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            // libyaml notices an unclosed quote or bracket where the text ends; say where it began.
            let note = context.flatMap { $0.mark.line != mark.line ? " (fra linje \($0.mark.line + lineOffset))" : nil }
            self.init(message: YAMLSyntaxError.norwegian(detail, note: note ?? ""), location: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            self.init(
                message: "feltet `\(duplicates.joined(separator: "`, `"))` står flere ganger; behold ett",
                location: at(context.mark)
            )
        default:
            self.init(message: "\(error)", location: SourceLocation(file: file, line: 1 + lineOffset, column: 1))
        }
    }

    /// libyaml's messages are English; the common ones get a Norwegian explanation in front.
    static func norwegian(_ problem: String, note: String = "") -> String {
        let known: [(String, String)] = [
            ("mapping values are not allowed", "et kolon står der det ikke kan stå; sett teksten i anførselstegn"),
            ("did not find expected key", "innrykket stemmer ikke, eller en liste og felt er blandet"),
            ("found character that cannot start any token", "et tegn (f.eks. tabulator eller @) kan ikke stå her"),
            ("did not find expected '-' indicator", "et listepunkt mangler `-` eller har feil innrykk"),
            ("found unexpected end of stream", "teksten slutter midt i en verdi (mangler et anførselstegn?)"),
            ("could not find expected ':'", "et felt mangler `:`"),
            ("found undefined alias", "en alias (`*navn`) viser til noe som ikke finnes"),
            ("Maximum nesting level", "verdiene er nestet for dypt (mer enn 1000 nivåer)"),
        ]
        let explanation = known.first { problem.contains($0.0) }?.1 ?? "YAML-en kan ikke leses"
        return "\(explanation)\(note) [YAML: \(problem)]"
    }
}
