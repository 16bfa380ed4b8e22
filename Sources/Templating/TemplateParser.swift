/// Reads one Mustache template into a tree, in swift-mustache's dialect.
///
/// The rules for white space are swift-mustache's, step for step (its `MustacheTemplate.parse`),
/// so that the project's templates give the same bytes they gave there: a section, comment,
/// partial, block or delimiter tag alone on its line takes the line with it ("standalone"); text
/// before the first tag of a line is held back until it is known whether that tag stands alone.
/// The dialect: `{{name}}`, `{{{name}}}`, `{{&name}}`, `{{#name}}`, `{{^name}}`, `{{/name}}`,
/// `{{! comment }}`, `{{> partial}}`, `{{< parent}}{{$block}}…{{/block}}{{/parent}}`,
/// `{{=<% %>=}}`, dotted names, `{{.}}` and transforms such as `{{^empty(list)}}`.
struct TemplateParser {
    /// A part of a template as read, before it is laid out for rendering (`TemplateProgram`).
    indirect enum Node {
        case text([UInt8])
        case variable(TemplateName, escaped: Bool)
        case section(TemplateName, [Node], inverted: Bool)
        /// `{{> name}}`; `indentation` when the tag stands alone on its line.
        case partial(String, indentation: [UInt8]?, at: Int)
        /// `{{< name}}…{{/name}}`: the blocks it overrides.
        case parent(String, overrides: [(String, [Node])], indentation: [UInt8], at: Int)
        /// `{{$ name}}…{{/name}}` where a template offers a block: what it shows by default.
        case block(String, defaults: [Node], indentation: [UInt8])
        /// `{{$ name}}…{{/name}}` directly inside `{{< parent}}`: an override.
        case definition(String, [Node])
    }

    /// A mistake in the template, at a byte offset.
    struct SyntaxError: Error {
        let offset: Int
        let message: String
    }

    private struct State {
        var section: (sigil: String, name: String, transforms: [String], offset: Int)?
        var newLine = true
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
        /// Inside `{{< parent}}` …: blocks there are overrides.
        var inParent = false
        /// Directly inside `{{< parent}}`, not in one of its blocks.
        var parentTopLevel = false
        /// In an override, the white space of its first line, taken off every line.
        var blockIndentation: Int?

        func entering(
            section name: String, sigil: String, transforms: [String] = [], at offset: Int, newLine: Bool
        ) -> State {
            var state = self
            state.section = (sigil, name, transforms, offset)
            state.parentTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func enteringParent(_ name: String, at offset: Int) -> State {
            var state = self
            state.section = ("<", name, [], offset)
            state.newLine = true
            state.inParent = true
            state.parentTopLevel = true
            return state
        }
    }

    private let bytes: [UInt8]
    private var position = 0

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The template's tree, or the first mistake in it.
    static func parse(_ text: String) throws(SyntaxError) -> [Node] {
        var parser = TemplateParser(text)
        return try parser.parse(State())
    }

    /// Line and column (1-based, in characters) of a byte offset in `text`.
    static func lineAndColumn(of offset: Int, in text: String) -> (line: Int, column: Int) {
        let bytes = Array(text.utf8)
        let end = min(offset, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1)
    }

    // MARK: The parse, after swift-mustache's

    private mutating func parse(_ initial: State) throws(SyntaxError) -> [Node] {
        var nodes: [Node] = []
        var state = initial
        var whiteSpaceBefore: [UInt8] = []
        while position < bytes.count {
            if state.newLine {
                let whiteSpace = readSpacesAndTabs()
                if state.inParent && !state.parentTopLevel {
                    if let indentation = state.blockIndentation {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indentation))
                    } else {
                        state.blockIndentation = whiteSpace.count
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let (text, stop) = readText(state)
            if case .newline(let length) = stop {
                nodes.append(.text(whiteSpaceBefore + text + bytes[position..<position + length]))
                position += length
                state.newLine = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = []
                state.newLine = false
            }
            guard case .tag(let tagStart) = stop else { break }
            guard position < bytes.count else {
                throw SyntaxError(offset: tagStart, message: "en tagg er ikke avsluttet med \(spelled(state.close))")
            }
            var setNewLine = false
            switch bytes[position] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[position] == UInt8(ascii: "^")
                position += 1
                let (name, transforms) = try readName(state, tagStart: tagStart)
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                let children = try parse(
                    state.entering(section: name, sigil: inverted ? "^" : "#", transforms: transforms, at: tagStart, newLine: setNewLine))
                nodes.append(
                    .section(try TemplateName(name, transforms: transforms, at: tagStart), children, inverted: inverted))

            case UInt8(ascii: "/"):
                position += 1
                let (name, transforms) = try readName(state, tagStart: tagStart)
                guard let open = state.section else {
                    throw SyntaxError(offset: tagStart, message: "`\(tag("/", name, transforms))` lukker ingen åpen seksjon")
                }
                guard name == open.name, transforms == open.transforms else {
                    throw SyntaxError(
                        offset: tagStart,
                        message: "`\(tag("/", name, transforms))` lukker ikke `\(tag(open.sigil, open.name, open.transforms))`, "
                            + "som må lukkes med `\(tag("/", open.name, open.transforms))` først")
                }
                if !isStandalone(state), !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                }
                return Self.joiningText(nodes)

            case UInt8(ascii: "!"):
                position += 1
                guard let end = find(state.close, from: position) else {
                    throw SyntaxError(offset: tagStart, message: "en kommentar ({{! … }}) er ikke avsluttet med \(spelled(state.close))")
                }
                position = end + state.close.count
                setNewLine = isStandalone(state)

            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let triple = bytes[position] == UInt8(ascii: "{")
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                position += 1
                let (name, transforms) = try readName(state, tagStart: tagStart)
                if triple {
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
                        throw SyntaxError(offset: tagStart, message: "`{{{\(name)` må avsluttes med }}}")
                    }
                    position += 1
                }
                nodes.append(.variable(try TemplateName(name, transforms: transforms, at: tagStart), escaped: false))

            case UInt8(ascii: ">"):
                position += 1
                let name = try readPartialName(state, tagStart: tagStart)
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                }
                if isStandalone(state) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: whiteSpaceBefore, at: tagStart))
                } else {
                    nodes.append(.partial(name, indentation: nil, at: tagStart))
                }
                whiteSpaceBefore = []

            case UInt8(ascii: "<"):
                position += 1
                let name = try readPartialName(state, tagStart: tagStart)
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                }
                if isStandalone(state) {
                    setNewLine = true
                }
                var overrides: [(String, [Node])] = []
                for child in try parse(state.enteringParent(name, at: tagStart)) {
                    switch child {
                    case .definition(let block, let body): overrides.append((block, body))
                    case .text: break
                    default:
                        throw SyntaxError(
                            offset: tagStart,
                            message:
                                "inni \(spelled(state.open))<\(name)\(spelled(state.close)) … kan det bare stå blokker ({{$navn}} … {{/navn}})"
                        )
                    }
                }
                nodes.append(.parent(name, overrides: overrides, indentation: whiteSpaceBefore, at: tagStart))
                whiteSpaceBefore = []

            case UInt8(ascii: "$"):
                position += 1
                let (name, transforms) = try readName(state, tagStart: tagStart)
                guard transforms.isEmpty else {
                    throw SyntaxError(offset: tagStart, message: "en blokk ({{$\(name)}}) kan ikke ha en transformasjon")
                }
                if state.parentTopLevel {
                    if isStandalone(state) {
                        setNewLine = true
                    }
                    nodes.append(.definition(name, try parse(state.entering(section: name, sigil: "$", at: tagStart, newLine: setNewLine))))
                } else {
                    if !whiteSpaceBefore.isEmpty {
                        nodes.append(.text(whiteSpaceBefore))
                    }
                    if isStandalone(state) {
                        setNewLine = true
                    }
                    let defaults = try parse(state.entering(section: name, sigil: "$", at: tagStart, newLine: setNewLine))
                    nodes.append(.block(name, defaults: defaults, indentation: whiteSpaceBefore))
                    whiteSpaceBefore = []
                }

            case UInt8(ascii: "="):
                position += 1
                try readDelimiters(&state, tagStart: tagStart)
                setNewLine = isStandalone(state)

            case UInt8(ascii: "%"):
                throw SyntaxError(offset: tagStart, message: "konfigurasjonstagger ({{% … }}) brukes ikke her")

            default:
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                let (name, transforms) = try readName(state, tagStart: tagStart)
                nodes.append(.variable(try TemplateName(name, transforms: transforms, at: tagStart), escaped: true))
            }
            state.newLine = setNewLine
        }
        if let open = state.section {
            throw SyntaxError(
                offset: open.offset,
                message: "`\(tag(open.sigil, open.name, open.transforms))` er ikke lukket med "
                    + "`\(tag("/", open.name, open.transforms))`")
        }
        return Self.joiningText(nodes)
    }

    // MARK: Reading

    private enum TextStop {
        case newline(length: Int)
        /// After the opening delimiter; the offset of the delimiter.
        case tag(at: Int)
        case end
    }

    /// Text up to a line break (not read), an opening delimiter (read) or the end.
    private mutating func readText(_ state: State) -> ([UInt8], TextStop) {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\n") {
                return (Array(bytes[start..<position]), .newline(length: 1))
            }
            if byte == UInt8(ascii: "\r"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\n") {
                return (Array(bytes[start..<position]), .newline(length: 2))
            }
            if byte == state.open[0], matches(state.open, at: position) {
                let text = Array(bytes[start..<position])
                position += state.open.count
                return (text, .tag(at: position - state.open.count))
            }
            position += 1
        }
        return (Array(bytes[start..<position]), .end)
    }

    private mutating func readSpacesAndTabs() -> [UInt8] {
        let start = position
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
            position += 1
        }
        return Array(bytes[start..<position])
    }

    private mutating func skipWhiteSpace() {
        while position < bytes.count, Self.isWhiteSpace(bytes[position]) { position += 1 }
    }

    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private static func isNameByte(_ byte: UInt8, partial: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "("),
            UInt8(ascii: ")"):
            true
        case UInt8(ascii: "/"): partial
        default: false
        }
    }

    /// A tag's name up to and including the closing delimiter, split into the name and its
    /// transforms (`empty(duties)` → `duties`, `["empty"]`, outermost first).
    private mutating func readName(_ state: State, tagStart: Int) throws(SyntaxError) -> (String, [String]) {
        let text = try readTagName(state, tagStart: tagStart, partial: false)
        guard let open = text.firstIndex(where: { $0 == "(" || $0 == ")" }) else { return (text, []) }
        // `a(b(name))`: the transforms, then the name, then as many `)` as transforms.
        var transforms: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "(") {
            transforms.append(String(rest[..<open]))
            rest = rest[rest.index(after: open)...]
        }
        let name = rest.prefix { $0 != ")" }
        let closing = rest.dropFirst(name.count)
        guard text[open] == "(", closing.count == transforms.count, closing.allSatisfy({ $0 == ")" }),
            !transforms.contains(where: { $0.isEmpty || $0.contains(")") })
        else {
            throw SyntaxError(offset: tagStart, message: "`\(text)` er ikke et gyldig navn med transformasjon, som `empty(liste)`")
        }
        return (String(name), transforms)
    }

    private mutating func readPartialName(_ state: State, tagStart: Int) throws(SyntaxError) -> String {
        let name = try readTagName(state, tagStart: tagStart, partial: true)
        if name.hasPrefix("*") {
            throw SyntaxError(offset: tagStart, message: "dynamiske maler (`*\(name.dropFirst())`) brukes ikke her; skriv malens navn")
        }
        return name
    }

    private mutating func readTagName(_ state: State, tagStart: Int, partial: Bool) throws(SyntaxError) -> String {
        skipWhiteSpace()
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position], partial: partial) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        skipWhiteSpace()
        guard matches(state.close, at: position) else {
            if position >= bytes.count || find(state.close, from: position) == nil {
                throw SyntaxError(offset: tagStart, message: "en tagg er ikke avsluttet med \(spelled(state.close))")
            }
            let character = String(decoding: bytes[position...].prefix(4), as: UTF8.self).first.map(String.init) ?? "?"
            throw SyntaxError(
                offset: tagStart,
                message: "tegnet `\(character)` kan ikke stå i et navn i en tagg (bare bokstaver a–z, sifre og . - _ ?)")
        }
        position += state.close.count
        return name
    }

    /// `{{=<% %>=}}`, after the `=`.
    private mutating func readDelimiters(_ state: inout State, tagStart: Int) throws(SyntaxError) {
        let invalid = SyntaxError(offset: tagStart, message: "ugyldig endring av skilletegn; skriv for eksempel {{=<% %>=}}")
        func word(until stop: (UInt8) -> Bool) -> [UInt8] {
            let start = position
            while position < bytes.count, !stop(bytes[position]) { position += 1 }
            return Array(bytes[start..<position])
        }
        skipWhiteSpace()
        let open = word(until: Self.isWhiteSpace)
        skipWhiteSpace()
        let close = word { $0 == UInt8(ascii: "=") || Self.isWhiteSpace($0) }
        skipWhiteSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "="), matches(state.close, at: position + 1),
            !open.isEmpty, !close.isEmpty
        else { throw invalid }
        position += 1 + state.close.count
        state.open = open
        state.close = close
        state.parentTopLevel = false
    }

    /// A tag stands alone when its line held nothing before it and holds nothing but spaces after
    /// it; then the rest of the line, its line break included, is read. As in swift-mustache, the
    /// end of the template counts only right after the tag.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if position >= bytes.count { return true }
        var index = position
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "\n") {
            position = index + 1
            return true
        }
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\r"), bytes[index + 1] == UInt8(ascii: "\n") {
            position = index + 2
            return true
        }
        return false
    }

    private func matches(_ delimiter: [UInt8], at offset: Int) -> Bool {
        guard offset + delimiter.count <= bytes.count else { return false }
        for (index, byte) in delimiter.enumerated() where bytes[offset + index] != byte { return false }
        return true
    }

    private func find(_ delimiter: [UInt8], from offset: Int) -> Int? {
        var index = offset
        while index + delimiter.count <= bytes.count {
            if matches(delimiter, at: index) { return index }
            index += 1
        }
        return nil
    }

    private func spelled(_ delimiter: [UInt8]) -> String {
        String(decoding: delimiter, as: UTF8.self)
    }

    private func tag(_ kind: String, _ name: String, _ transforms: [String]) -> String {
        "{{" + kind + transforms.map { $0 + "(" }.joined() + name + String(repeating: ")", count: transforms.count) + "}}"
    }

    /// Adjacent text joined into one piece.
    private static func joiningText(_ nodes: [Node]) -> [Node] {
        var joined: [Node] = []
        joined.reserveCapacity(nodes.count)
        for node in nodes {
            if case .text(let text) = node, case .text(let before)? = joined.last {
                joined[joined.count - 1] = .text(before + text)
            } else if case .text(let text) = node, text.isEmpty {
                continue
            } else {
                joined.append(node)
            }
        }
        return joined
    }
}
