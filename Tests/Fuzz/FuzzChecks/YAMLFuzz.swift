import Content
import Diagnostics

/// `SimpleYAML` against libyaml on any text: wherever `SimpleYAML` answers, libyaml must read
/// the text without error and give the same tree (`YAMLDump`), positions included; where it
/// declines, libyaml decides.
///
/// What must also hold: `YAMLNode.parse` (the two together, as the loader calls it) does not
/// crash or hang, and the position of a syntax error and of every node lies in the text.
public enum YAMLFuzz {
    /// Front matter starts on line 2 of its file, below `---`.
    static let lineOffset = 1

    public static func check(_ input: [UInt8]) throws(FuzzFailure) {
        // What the loader hands over: valid UTF-8 without NUL (it refuses anything else), with
        // LF line ends (it turns CRLF and CR into LF).
        guard let valid = String(validating: input, as: UTF8.self), !input.contains(0) else { return }
        let text = valid.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        try compare(text)
        let lines = Expect.lines(text)
        switch Result(catching: { () throws(YAMLSyntaxError) in try YAMLNode.parse(text, file: "f.md", lineOffset: lineOffset) }) {
        case .success(let node):
            if let node { try positions(node, lines) }
        case .failure(let error):
            try Expect.position(
                line: error.location.line, column: error.location.column, in: lines, firstLine: 1 + lineOffset,
                "the syntax error \(error.message)")
        }
    }

    /// Whether `SimpleYAML` answered; a failure when it answered differently from libyaml.
    @discardableResult
    public static func compare(_ text: String) throws(FuzzFailure) -> Bool {
        let source = TextPositions.Source(text, lineOffset: lineOffset)
        guard let fast = try? SimpleYAML.parse(text, file: "f.md", lineOffset: lineOffset, source: source) else { return false }
        let slow: YAMLNode?
        do {
            slow = try YAMLNode.parseWithLibYAML(source, file: "f.md")
        } catch {
            throw FuzzFailure("SimpleYAML read what libyaml refuses (\(error.message)):\n\(text.debugDescription)")
        }
        let ours = YAMLDump.dump(fast)
        let theirs = slow.map { YAMLDump.dump($0) } ?? "nothing\n"
        guard ours == theirs else {
            throw FuzzFailure("SimpleYAML and libyaml disagree on \(text.debugDescription):\nSimpleYAML:\n\(ours)libyaml:\n\(theirs)")
        }
        return true
    }

    private static func positions(_ node: YAMLNode, _ lines: [[Unicode.Scalar]]) throws(FuzzFailure) {
        try Expect.position(
            line: node.location.line, column: node.location.column, in: lines, firstLine: 1 + lineOffset, "a node (\(node))")
        for item in node.items ?? [] { try positions(item, lines) }
        for entry in node.entries ?? [] {
            try Expect.position(
                line: entry.key.location.line, column: entry.key.location.column, in: lines, firstLine: 1 + lineOffset,
                "the key \(entry.key.value)")
            try positions(entry.value, lines)
        }
    }
}

/// A YAML tree as text, for comparing two trees: kinds, values, null-ness, positions of nodes
/// and keys, and where each character of each value was written.
public enum YAMLDump {
    public static func dump(_ node: YAMLNode, indent: String = "") -> String {
        func at(_ location: SourceLocation) -> String { "\(location.line):\(location.column)" }
        switch node {
        case .scalar(let value, let location, let isNull, let positions):
            var characters: [String] = []
            var line = 1
            var column = 1
            for scalar in value.unicodeScalars {
                let written = positions.location(line: line, column: column, in: value)
                characters.append("\(written.line):\(written.column)")
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            return "\(indent)scalar \(value.debugDescription) at \(at(location)) null=\(isNull) [\(characters.joined(separator: " "))]\n"
        case .sequence(let items, let location):
            return "\(indent)sequence at \(at(location))\n" + items.map { dump($0, indent: indent + "  ") }.joined()
        case .mapping(let entries, let location):
            return "\(indent)mapping at \(at(location))\n"
                + entries.map { "\(indent)  key \($0.key.value) at \(at($0.key.location))\n" + dump($0.value, indent: indent + "    ") }
                .joined()
        }
    }
}
