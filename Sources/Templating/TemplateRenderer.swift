/// Draws one page: walks a template's steps with a stack of values, into a byte buffer.
///
/// The meaning of each tag is swift-mustache's: a section over a list draws its contents once per
/// item, over `true` once, over any other value once with that value innermost, and not at all
/// over `false`, nothing or an empty list; an inverted section the other way round. Partials,
/// parents and blocks see the same values; a parent's overrides reach every template drawn
/// inside it, the outermost override of a block winning.
struct TemplateRenderer {
    let program: TemplateProgram
    let ops: UnsafeBufferPointer<TemplateProgram.Op>
    let pool: UnsafeBufferPointer<UInt8>
    let keys: UnsafeBufferPointer<String>
    let names: UnsafeBufferPointer<TemplateProgram.Name>
    let transforms: UnsafeBufferPointer<Transform>

    private(set) var output: [UInt8] = []
    private var stack: [TemplateValue]
    /// The place of the list item being drawn, for `first()` and the like.
    private var place: ListPlace?
    /// The overrides of the parents being drawn, outermost first.
    private var overrides: [Int32] = []
    /// The blocks whose override is being drawn: inside it, the same block (met again through a
    /// partial) draws its own contents, or the override would draw itself without end (found by
    /// the template fuzzer: a stack overflow).
    private var overriding: [Int32] = []
    /// Put before every line of the partial being drawn (when its tag stood alone on an indented line).
    private var indentation: [UInt8] = []
    private var atLineStart = false

    init(
        program: TemplateProgram, ops: UnsafeBufferPointer<TemplateProgram.Op>, pool: UnsafeBufferPointer<UInt8>,
        keys: UnsafeBufferPointer<String>, names: UnsafeBufferPointer<TemplateProgram.Name>,
        transforms: UnsafeBufferPointer<Transform>, frames: [TemplateValue]
    ) {
        self.program = program
        self.ops = ops
        self.pool = pool
        self.keys = keys
        self.names = names
        self.transforms = transforms
        stack = frames
        stack.reserveCapacity(frames.count + 16)
        output.reserveCapacity(16 * 1024)
    }

    mutating func run(_ range: Range<Int32>) {
        var step = Int(range.lowerBound)
        let end = Int(range.upperBound)
        while step < end {
            switch ops[step] {
            case .text(let start, let count):
                writeText(start: Int(start), count: Int(count))
                step += 1
            case .variable(let name, let escaped):
                if let value = resolve(name) { write(value, escaped: escaped) }
                step += 1
            case .section(let name, let sectionEnd):
                let contents = Int32(step + 1)..<sectionEnd
                switch resolve(name) {
                case .list(let items)?:
                    let outer = place
                    for (index, item) in items.enumerated() {
                        place = ListPlace(index: index, isLast: index == items.count - 1)
                        stack.append(item)
                        run(contents)
                        stack.removeLast()
                    }
                    place = outer
                case .bool(let flag)?:
                    if flag { run(contents) }
                case let value?:
                    drawInside(value, contents)
                case nil:
                    break
                }
                step = Int(sectionEnd)
            case .inverted(let name, let sectionEnd):
                let contents = Int32(step + 1)..<sectionEnd
                switch resolve(name) {
                case .list(let items)?:
                    if items.isEmpty { drawInside(.list(items), contents) }
                case .bool(let flag)?:
                    if !flag { run(contents) }
                case nil:
                    run(contents)
                case .some:
                    break
                }
                step = Int(sectionEnd)
            case .partial(let template, let indentation):
                drawApart(program.ranges[Int(template)], indentation: indentation)
                step += 1
            case .parent(let template, let table, let indentation, let parentEnd):
                overrides.append(table)
                drawApart(program.ranges[Int(template)], indentation: indentation)
                overrides.removeLast()
                step = Int(parentEnd)
            case .block(let block, let indentation, let blockEnd):
                if !overriding.contains(block), let body = override(of: block) {
                    overriding.append(block)
                    drawApart(body, indentation: indentation)
                    overriding.removeLast()
                } else {
                    drawApart(Int32(step + 1)..<blockEnd, indentation: indentation)
                }
                step = Int(blockEnd)
            }
        }
    }

    /// A section over a value that is not a list or a flag: its contents with the value innermost.
    private mutating func drawInside(_ value: TemplateValue, _ contents: Range<Int32>) {
        let outer = place
        place = nil
        stack.append(value)
        run(contents)
        stack.removeLast()
        place = outer
    }

    /// A partial, parent or block: no list place, and its lines indented when asked.
    private mutating func drawApart(_ steps: Range<Int32>, indentation index: Int32) {
        let outerPlace = place
        place = nil
        if index == 0 {
            run(steps)
        } else {
            let outerIndentation = indentation
            indentation += program.indentations[Int(index)]
            atLineStart = false
            run(steps)
            indentation = outerIndentation
        }
        place = outerPlace
    }

    private func override(of block: Int32) -> Range<Int32>? {
        for table in overrides {
            if let body = program.overrideTables[Int(table)][block] { return body }
        }
        return nil
    }

    // MARK: Names

    private func resolve(_ index: Int32) -> TemplateValue? {
        let name = names[Int(index)]
        let keyStart = Int(name.keyStart)
        let keyEnd = keyStart + Int(name.keyCount)
        var value: TemplateValue?
        var transformStart = Int(name.transformStart)
        let transformEnd = transformStart + Int(name.transformCount)
        switch name.root {
        case .current:
            value = stack.last
        case .anchored:
            value = stack.last.flatMap { child(of: $0, keys: keyStart..<keyEnd) }
        case .stack:
            let first = keys[keyStart]
            var level = stack.count - 1
            while level >= 0 {
                if case .object(let values) = stack[level], let found = values[first] {
                    value = child(of: found, keys: keyStart + 1..<keyEnd)
                    break
                }
                level -= 1
            }
        case .position:
            guard let place else { return nil }
            value = transforms[transformStart].apply(to: place)
            transformStart += 1
        }
        for index in transformStart..<transformEnd {
            guard let current = value else { return nil }
            value = transforms[index].apply(to: current)
        }
        return value
    }

    private func child(of value: TemplateValue, keys range: Range<Int>) -> TemplateValue? {
        var value = value
        for index in range {
            guard case .object(let values) = value, let found = values[keys[index]] else { return nil }
            value = found
        }
        return value
    }

    // MARK: Output

    private mutating func writeText(start: Int, count: Int) {
        let text = UnsafeBufferPointer(rebasing: pool[start..<start + count])
        guard !indentation.isEmpty else {
            output.append(contentsOf: text)
            return
        }
        // Indented: before each line that has something on it.
        var lineStart = 0
        while lineStart < text.count {
            let newline = text[lineStart...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? text.count
            indentIfAtLineStart()
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[lineStart..<newline]))
            atLineStart = text[newline - 1] == UInt8(ascii: "\n")
            lineStart = newline
        }
    }

    private mutating func indentIfAtLineStart() {
        if atLineStart {
            output += indentation
            atLineStart = false
        }
    }

    /// Text escaped for HTML (or not); a flag as `true`/`false`, a number in digits. A list or an
    /// object in a variable tag is a mistake in the template, and draws nothing.
    private mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .string(let text):
            guard !text.isEmpty else { return }
            if !indentation.isEmpty { indentIfAtLineStart() }
            if escaped { writeEscaped(text) } else { output.append(contentsOf: text.utf8) }
        case .bool(let flag):
            if !indentation.isEmpty { indentIfAtLineStart() }
            output.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .int(let number):
            if !indentation.isEmpty { indentIfAtLineStart() }
            output.append(contentsOf: String(number).utf8)
        case .list, .object:
            break
        }
    }

    /// `&`, `<`, `>`, `"` and `'` as entities, the same five and the same entities as swift-mustache.
    private mutating func writeEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let entity: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }
}
