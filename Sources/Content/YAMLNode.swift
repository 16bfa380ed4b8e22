import Diagnostics
import Yams

/// A YAML tree with a source position on every node: what front matter is decoded from.
///
/// Yams's own `Node` is not `Sendable` and resolves scalars to types (`no` becomes `false`,
/// `1.10` becomes `1.1`); this tree keeps each scalar's text exactly as written, and the typed
/// decoding in `FieldReader` decides what a field means.
public indirect enum YAMLNode: Sendable {
    case scalar(String, SourceLocation, isNull: Bool)
    case sequence([YAMLNode], SourceLocation)
    case mapping([Entry], SourceLocation)

    /// One `key: value` pair; keys are scalars in our content.
    public struct Entry: Sendable {
        public let key: Located<String>
        public let value: YAMLNode
    }

    public var location: SourceLocation {
        switch self {
        case .scalar(_, let location, _), .sequence(_, let location), .mapping(_, let location):
            return location
        }
    }

    /// `null`, `~` or nothing at all after the colon.
    public var isNull: Bool {
        if case .scalar(_, _, true) = self { return true }
        return false
    }

    /// The scalar's text, or `nil` for collections and nulls.
    public var scalar: String? {
        if case .scalar(let text, _, false) = self { return text }
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
        case .scalar(_, _, true): return "tom"
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
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw YAMLSyntaxError(error, file: file, lineOffset: lineOffset)
        } catch {
            throw YAMLSyntaxError(message: "\(error)", location: SourceLocation(file: file, line: 1 + lineOffset, column: 1))
        }
        return node.map { convert($0, file: file, lineOffset: lineOffset) }
    }

    private static func convert(_ node: Node, file: String, lineOffset: Int) -> YAMLNode {
        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
        }
        switch node {
        case .scalar(let scalar):
            let isNull = scalar.style == .plain && node.null != nil
            return .scalar(scalar.string, location(scalar.mark), isNull: isNull)
        case .sequence(let sequence):
            return .sequence(sequence.map { convert($0, file: file, lineOffset: lineOffset) }, location(sequence.mark))
        case .mapping(let mapping):
            let entries = mapping.map { pair in
                Entry(
                    key: Located(pair.key.string ?? "", at: location(pair.key.mark)),
                    value: convert(pair.value, file: file, lineOffset: lineOffset)
                )
            }
            return .mapping(entries, location(mapping.mark))
        case .alias(let alias):
            return .scalar("", location(alias.mark), isNull: true)
        }
    }
}

/// A YAML syntax error, positioned where Yams found it.
public struct YAMLSyntaxError: Error, Sendable {
    public let message: String
    public let location: SourceLocation

    init(message: String, location: SourceLocation) {
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
            self.init(message: YAMLSyntaxError.norwegian(detail), location: at(mark))
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
    static func norwegian(_ problem: String) -> String {
        let known: [(String, String)] = [
            ("mapping values are not allowed", "et kolon står der det ikke kan stå; sett teksten i anførselstegn"),
            ("did not find expected key", "innrykket stemmer ikke, eller en liste og felt er blandet"),
            ("found character that cannot start any token", "et tegn (f.eks. tabulator eller @) kan ikke stå her"),
            ("did not find expected '-' indicator", "et listepunkt mangler `-` eller har feil innrykk"),
            ("found unexpected end of stream", "teksten slutter midt i en verdi (mangler et anførselstegn?)"),
            ("could not find expected ':'", "et felt mangler `:`"),
            ("found undefined alias", "en alias (`*navn`) viser til noe som ikke finnes"),
        ]
        let explanation = known.first { problem.contains($0.0) }?.1 ?? "YAML-en kan ikke leses"
        return "\(explanation) [YAML: \(problem)]"
    }
}
