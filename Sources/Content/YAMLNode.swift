import CYaml
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
    /// Plain front matter is read by `SimpleYAML`, several times faster; whatever it declines,
    /// the tree is built straight from libyaml's events (the `CYaml` module inside Yams): one
    /// linear pass that keeps every scalar as written. Anchors and aliases are refused on sight
    /// — Yams would expand them without limit ("billion laughs") and content never needs them —
    /// and so are duplicate keys. On a syntax error Yams parses the text again, so the error
    /// carries Yams's message, line and column.
    public static func parse(_ text: String, file: String, lineOffset: Int) throws(YAMLSyntaxError) -> YAMLNode? {
        let source = TextPositions.Source(text, lineOffset: lineOffset)
        if let node = try? SimpleYAML.parse(text, file: file, lineOffset: lineOffset, source: source) { return node }
        return try parseWithLibYAML(source, file: file)
    }

    /// `parse` without the fast path (`SimpleYAML`): what the tests compare it with.
    package static func parseWithLibYAML(_ source: TextPositions.Source, file: String) throws(YAMLSyntaxError) -> YAMLNode? {
        let text = source.text
        if let invisible = invisibleCharacter(in: source, file: file) { throw invisible }
        let builder = EventBuilder(file: file, source: source)
        switch builder.build() {
        case .success(let node):
            return node
        case .failure(.refused(let error)):
            throw error
        case .failure(.syntax(let location, let problem)):
            do {
                _ = try Yams.compose(yaml: text)
            } catch let error as YamlError {
                throw YAMLSyntaxError(error, file: file, source: source)
            } catch {}
            throw YAMLSyntaxError(message: YAMLSyntaxError.norwegian(problem), location: location)
        }
    }

    /// The first character YAML cannot take as written, as an error at its position: a control
    /// character, which libyaml refuses with an English message at the start of the text, or a
    /// separator (NEL, U+2028, U+2029), which libyaml takes for a line break, so that the lines
    /// of everything after it were counted wrong. Both come invisibly with text pasted from other
    /// programs (found by the fuzzers).
    private static func invisibleCharacter(in source: TextPositions.Source, file: String) -> YAMLSyntaxError? {
        var line = 1
        var column = 1
        for scalar in source.text.unicodeScalars {
            switch scalar.value {
            case 0x0A:
                line += 1
                column = 0
            case 0x09, 0x0D, 0x20...0x7E, 0xA0...0x2027, 0x202A...0xFFFD, 0x10000...:
                break
            default:
                let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
                let what =
                    [0x85, 0x2028, 0x2029].contains(scalar.value)
                    ? "et usynlig linjeskift som YAML leser som en ny linje; bytt det ut med et mellomrom eller et vanlig linjeskift"
                    : "et usynlig kontrolltegn; slett det"
                return YAMLSyntaxError(
                    message: "tegnet \(code) kan ikke stå i YAML-feltene (ofte limt inn fra et annet program): \(what)",
                    location: SourceLocation(file: file, line: line + source.lineOffset, column: column))
            }
            column += 1
        }
        return nil
    }

    /// libyaml events to a `YAMLNode` tree.
    private struct EventBuilder {
        enum Failure: Error {
            /// Valid YAML that content does not allow (an anchor, an alias, a duplicate key).
            case refused(YAMLSyntaxError)
            /// libyaml could not parse the text.
            case syntax(SourceLocation, String)
        }

        /// A collection being read.
        private enum Frame {
            case sequence([YAMLNode], SourceLocation)
            /// The entries so far and, between a key and its value, the key.
            case mapping([Entry], Located<String>?, SourceLocation)
        }

        let file: String
        /// The text, shared by the positions of every multi-line value.
        let source: TextPositions.Source
        var lineOffset: Int { source.lineOffset }
        /// `source.end`, where a mark past the text is put.
        private let end: (line: Int, column: Int)

        init(file: String, source: TextPositions.Source) {
            self.file = file
            self.source = source
            end = source.end
        }

        func location(_ mark: yaml_mark_t) -> SourceLocation {
            let (line, column) = Int(mark.line) > end.line ? end : (Int(mark.line), Int(mark.column))
            return SourceLocation(file: file, line: line + 1 + lineOffset, column: column + 1)
        }

        func build() -> Result<YAMLNode?, Failure> {
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(.syntax(SourceLocation(file: file, line: 1 + lineOffset, column: 1), "out of memory"))
            }
            defer { yaml_parser_delete(&parser) }
            var text = source.text
            return text.withUTF8 { buffer in
                yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
                yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
                return read(&parser)
            }
        }

        private func read(_ parser: inout yaml_parser_t) -> Result<YAMLNode?, Failure> {
            var stack: [Frame] = []
            var root: YAMLNode?
            var documents = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let problem = parser.problem.map { String(cString: $0) } ?? "YAML error"
                    return .failure(.syntax(location(parser.problem_mark), problem))
                }
                defer { yaml_event_delete(&event) }
                let node: YAMLNode
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return .success(root)
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    // Several documents: let Yams say so.
                    if documents > 1 { return .failure(.syntax(location(event.start_mark), "expected a single document")) }
                    continue
                case YAML_ALIAS_EVENT:
                    return .failure(.refused(Self.anchorError(at: location(event.start_mark))))
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    if scalar.anchor != nil { return .failure(.refused(Self.anchorError(at: location(event.start_mark)))) }
                    let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                    let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
                    let isNull: Bool
                    switch value {
                    case "", "~", "null", "Null", "NULL": isNull = plain
                    default: isNull = false
                    }
                    let start = location(event.start_mark)
                    // A raw one is refused before parsing (`SourceFile`); this is an escape (`"\x07"`).
                    if let forbidden = value.unicodeScalars.first(where: ForbiddenCharacters.isForbidden) {
                        return .failure(
                            .refused(
                                YAMLSyntaxError(
                                    rule: .encodingInvalid,
                                    message:
                                        "verdien inneholder tegnet \(ForbiddenCharacters.name(forbidden.value)), som ikke kan publiseres på nettstedet; fjern det fra verdien",
                                    location: start)))
                    }
                    node = .scalar(value, start, isNull: isNull, positions: positions(of: value, style: scalar.style, at: start))
                case YAML_SEQUENCE_START_EVENT:
                    if event.data.sequence_start.anchor != nil {
                        return .failure(.refused(Self.anchorError(at: location(event.start_mark))))
                    }
                    stack.append(.sequence([], location(event.start_mark)))
                    continue
                case YAML_MAPPING_START_EVENT:
                    if event.data.mapping_start.anchor != nil {
                        return .failure(.refused(Self.anchorError(at: location(event.start_mark))))
                    }
                    stack.append(.mapping([], nil, location(event.start_mark)))
                    continue
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    switch stack.popLast() {
                    case .sequence(let items, let at): node = .sequence(items, at)
                    case .mapping(let entries, _, let at): node = .mapping(entries, at)
                    case nil: continue
                    }
                default:
                    continue
                }
                // Attach the finished node to the collection it belongs to.
                switch stack.popLast() {
                case nil:
                    root = node
                case .sequence(var items, let at):
                    items.append(node)
                    stack.append(.sequence(items, at))
                case .mapping(let entries, nil, let at):
                    let key = Located(node.scalar ?? "", at: node.location)
                    if let earlier = entries.first(where: { $0.key.value == key.value }) {
                        return .failure(
                            .refused(
                                YAMLSyntaxError(
                                    message:
                                        "feltet `\(key.value)` står flere ganger (også på linje \(earlier.key.location.line)); behold ett",
                                    location: key.location)))
                    }
                    stack.append(.mapping(entries, key, at))
                case .mapping(var entries, let key?, let at):
                    entries.append(Entry(key: key, value: node))
                    stack.append(.mapping(entries, nil, at))
                }
            }
        }

        static func anchorError(at location: SourceLocation) -> YAMLSyntaxError {
            YAMLSyntaxError(
                rule: .yamlAlias,
                message:
                    "YAML-ankere og -aliaser (`&navn`, `*navn`) brukes ikke i innholdet; skriv verdien ut der den trengs (står det en `*` eller `&` først i en tekst, sett teksten i anførselstegn)",
                location: location)
        }

        func positions(of value: String, style: yaml_scalar_style_t, at start: SourceLocation) -> TextPositions {
            TextPositions.of(
                value, quoted: style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE,
                block: style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE, at: start, source: source)
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

    init(_ error: YamlError, file: String, source: TextPositions.Source) {
        let lineOffset = source.lineOffset
        let end = source.end
        func at(_ mark: Mark) -> SourceLocation {
            // Yams counts from 1.
            let (line, column) = mark.line - 1 > end.line ? end : (mark.line - 1, mark.column - 1)
            return SourceLocation(file: file, line: line + 1 + lineOffset, column: column + 1)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            // libyaml notices an unclosed quote or bracket where the text ends; say where it began.
            let note = context.flatMap { $0.mark.line != mark.line ? " (fra linje \($0.mark.line + lineOffset))" : nil }
            self.init(message: YAMLSyntaxError.norwegian(detail, note: note ?? ""), location: at(mark))
        default:
            self.init(message: YAMLSyntaxError.norwegian("\(error)"), location: SourceLocation(file: file, line: 1 + lineOffset, column: 1))
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

extension String {
    /// The string with zeros in front, to `length` characters.
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
