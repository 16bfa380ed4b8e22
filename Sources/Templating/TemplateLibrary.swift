import Diagnostics

/// A folder's Mustache templates, read once, checked, and laid out for fast rendering.
///
/// Every problem is found before anything is rendered: a syntax error, a partial or parent that
/// does not exist, templates that include each other in a circle (which would never end). All of
/// them are diagnostics with the template's path, line and column.
public struct TemplateLibrary: Sendable {
    /// One template file: its name (`party-link` for `party-link.mustache`), path and text.
    public struct Source: Sendable {
        public let name: String
        public let path: String
        public let text: String

        public init(name: String, path: String, text: String) {
            self.name = name
            self.path = path
            self.text = text
        }
    }

    public struct LoadError: Error, Sendable {
        public let diagnostics: [Diagnostic]
    }

    private let program: TemplateProgram

    /// `folder` names where the templates lie, in messages about a missing one.
    public init(_ sources: [Source], folder: String) throws(LoadError) {
        program = try TemplateProgram(sources, folder: folder)
    }

    /// The template `name` drawn with `view` as its outermost value; nil if there is no such template.
    public func render(_ name: String, _ view: [String: TemplateValue]) -> [UInt8]? {
        render(name, [view])
    }

    /// The template `name` drawn with `frames` on the stack, outermost first: a name is looked up
    /// in the last, then in the one before it, as in nested sections.
    public func render(_ name: String, _ frames: [[String: TemplateValue]]) -> [UInt8]? {
        program.entries[name].map { program.render($0, frames.map(TemplateValue.object)) }
    }
}

/// All templates of a library as one flat list of steps (`Op`), with their text in one byte pool.
///
/// Flat and made of plain numbers so that drawing a page walks an array without reference
/// counting on shared objects (two cores draw pages from the same templates at once).
final class TemplateProgram: Sendable {
    /// One step. A section, parent or block is followed by its contents; `end` is the step after them.
    enum Op {
        case text(start: Int32, count: Int32)
        case variable(name: Int32, escaped: Bool)
        case section(name: Int32, end: Int32)
        case inverted(name: Int32, end: Int32)
        case partial(template: Int32, indentation: Int32)
        /// The overrides' steps follow it; `overrides` indexes `overrideTables`.
        case parent(template: Int32, overrides: Int32, indentation: Int32, end: Int32)
        case block(block: Int32, indentation: Int32, end: Int32)
    }

    /// A name in a tag: its keys in `keys`, its transforms in `transforms`.
    struct Name {
        let root: TemplateName.Root
        let keyStart: Int32
        let keyCount: Int32
        let transformStart: Int32
        let transformCount: Int32
    }

    let ops: [Op]
    let pool: [UInt8]
    let keys: [String]
    let names: [Name]
    let transforms: [Transform]
    /// Each `{{< parent}}`'s overrides: block id → the steps of its body.
    let overrideTables: [[Int32: Range<Int32>]]
    /// Each template's steps.
    let ranges: [Range<Int32>]
    let entries: [String: Int32]
    /// Indentation strings, for partials and blocks standing alone on an indented line; 0 is none.
    let indentations: [[UInt8]]

    init(_ sources: [TemplateLibrary.Source], folder: String) throws(TemplateLibrary.LoadError) {
        var diagnostics: [Diagnostic] = []
        var trees: [[TemplateParser.Node]] = []
        for source in sources {
            do {
                trees.append(try TemplateParser.parse(source.text))
            } catch {
                trees.append([])
                diagnostics.append(Self.diagnostic(.templateSyntax, error.message, at: error.offset, in: source))
            }
        }
        let entries = Dictionary(sources.enumerated().map { ($1.name, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        var layout = Layout(entries: entries)
        var ranges: [Range<Int32>] = []
        for (index, nodes) in trees.enumerated() {
            let start = Int32(layout.ops.count)
            layout.current = index
            layout.emit(nodes)
            ranges.append(start..<Int32(layout.ops.count))
        }
        for missing in layout.missing {
            let source = sources[missing.template]
            diagnostics.append(
                Self.diagnostic(
                    .templateMissing,
                    "malen `\(source.name)` bruker `\(missing.name)`, men `\(missing.name).mustache` finnes ikke i \(folder)",
                    at: missing.offset, in: source))
        }
        for cycle in Self.cycles(layout.references, count: sources.count) {
            let first = cycle[0]
            let names = (cycle.map(\.template) + [first.template]).map { sources[$0].name }
            diagnostics.append(
                Self.diagnostic(
                    .templateSyntax,
                    "malene tar med hverandre i ring (\(names.joined(separator: " → "))), så siden ville aldri bli ferdig",
                    at: first.offset, in: sources[first.template]))
        }
        guard diagnostics.isEmpty else { throw TemplateLibrary.LoadError(diagnostics: diagnostics.sorted()) }
        ops = layout.ops
        pool = layout.pool
        keys = layout.keys
        names = layout.names
        transforms = layout.transforms
        overrideTables = layout.overrideTables
        indentations = layout.indentations
        self.ranges = ranges
        self.entries = entries
    }

    private static func diagnostic(_ rule: Rule, _ message: String, at offset: Int, in source: TemplateLibrary.Source) -> Diagnostic {
        let (line, column) = TemplateParser.lineAndColumn(of: offset, in: source.text)
        return Diagnostic(rule, at: SourceLocation(file: source.path, line: line, column: column), message)
    }

    /// The circles among templates that include each other (`{{> …}}` and `{{< …}}`), each as the
    /// references that make it, once.
    private static func cycles(_ references: [Int: [Layout.Reference]], count: Int) -> [[Layout.Reference]] {
        enum Mark { case unseen, open, done }
        var marks = Array(repeating: Mark.unseen, count: count)
        var path: [Layout.Reference] = []
        var found: [[Layout.Reference]] = []
        func visit(_ template: Int) {
            marks[template] = .open
            for reference in references[template] ?? [] {
                switch marks[reference.target] {
                case .open:
                    let start = path.firstIndex { $0.template == reference.target } ?? path.count
                    found.append(Array(path[start...]) + [reference])
                case .unseen:
                    path.append(reference)
                    visit(reference.target)
                    path.removeLast()
                case .done: break
                }
            }
            marks[template] = .done
        }
        for template in 0..<count where marks[template] == .unseen { visit(template) }
        return found
    }

    func render(_ template: Int32, _ frames: [TemplateValue]) -> [UInt8] {
        ops.withUnsafeBufferPointer { ops in
            pool.withUnsafeBufferPointer { pool in
                keys.withUnsafeBufferPointer { keys in
                    names.withUnsafeBufferPointer { names in
                        transforms.withUnsafeBufferPointer { transforms in
                            var renderer = TemplateRenderer(
                                program: self, ops: ops, pool: pool, keys: keys, names: names, transforms: transforms, frames: frames)
                            renderer.run(ranges[Int(template)])
                            return renderer.output
                        }
                    }
                }
            }
        }
    }
}

/// Lays parsed templates out as steps.
private struct Layout {
    struct Reference {
        let template: Int
        let target: Int
        let offset: Int
    }

    let entries: [String: Int32]
    var current = 0
    var ops: [TemplateProgram.Op] = []
    var pool: [UInt8] = []
    var keys: [String] = []
    var names: [TemplateProgram.Name] = []
    var transforms: [Transform] = []
    var overrideTables: [[Int32: Range<Int32>]] = []
    var indentations: [[UInt8]] = [[]]
    var blocks: [String: Int32] = [:]
    var missing: [(template: Int, name: String, offset: Int)] = []
    var references: [Int: [Reference]] = [:]

    init(entries: [String: Int32]) {
        self.entries = entries
    }

    mutating func emit(_ nodes: [TemplateParser.Node]) {
        for node in nodes {
            switch node {
            case .text(let text):
                ops.append(.text(start: Int32(pool.count), count: Int32(text.count)))
                pool += text
            case .variable(let name, let escaped):
                ops.append(.variable(name: intern(name), escaped: escaped))
            case .section(let name, let children, let inverted):
                let name = intern(name)
                let index = placeholder()
                emit(children)
                ops[index] = inverted ? .inverted(name: name, end: end) : .section(name: name, end: end)
            case .partial(let name, let indentation, let offset):
                ops.append(.partial(template: template(name, at: offset), indentation: intern(indentation: indentation ?? [])))
            case .parent(let name, let overrides, let indentation, let offset):
                let target = template(name, at: offset)
                let index = placeholder()
                var table: [Int32: Range<Int32>] = [:]
                for (name, body) in overrides {
                    let start = end
                    emit(body)
                    table[block(name)] = start..<end
                }
                overrideTables.append(table)
                ops[index] = .parent(
                    template: target, overrides: Int32(overrideTables.count - 1), indentation: intern(indentation: indentation), end: end)
            case .block(let name, let defaults, let indentation):
                let index = placeholder()
                emit(defaults)
                ops[index] = .block(block: block(name), indentation: intern(indentation: indentation), end: end)
            case .definition:
                preconditionFailure("the parser keeps overrides inside their parent")
            }
        }
    }

    private var end: Int32 { Int32(ops.count) }

    private mutating func placeholder() -> Int {
        ops.append(.text(start: 0, count: 0))
        return ops.count - 1
    }

    private mutating func intern(_ name: TemplateName) -> Int32 {
        names.append(
            TemplateProgram.Name(
                root: name.root, keyStart: Int32(keys.count), keyCount: Int32(name.path.count), transformStart: Int32(transforms.count),
                transformCount: Int32(name.transforms.count)))
        keys += name.path
        transforms += name.transforms
        return Int32(names.count - 1)
    }

    private mutating func intern(indentation: [UInt8]) -> Int32 {
        guard !indentation.isEmpty else { return 0 }
        indentations.append(indentation)
        return Int32(indentations.count - 1)
    }

    private mutating func block(_ name: String) -> Int32 {
        if let id = blocks[name] { return id }
        let id = Int32(blocks.count)
        blocks[name] = id
        return id
    }

    private mutating func template(_ name: String, at offset: Int) -> Int32 {
        guard let target = entries[name] else {
            missing.append((current, name, offset))
            return 0
        }
        references[current, default: []].append(Reference(template: current, target: Int(target), offset: offset))
        return target
    }
}
