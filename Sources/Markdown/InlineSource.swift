/// Inline Markdown (a duty, a changelog summary) made safe to parse as a document: whatever would
/// start a block is escaped, so that cmark-gfm reads the text as one paragraph.
///
/// Pages put these texts where only phrasing content may stand (`<p class="duty-text">`, a list
/// item after a version) and side by side with others: a duty `1. januar sender sykehuset …` was
/// an ordered list that dropped its date, `# Oppgave` a heading with an `id` that the next duty
/// repeated, and a literal block with a blank line two paragraphs inside a `<p>`. Escaping the
/// one character that makes a line a block start keeps the text as it was written: `1\. januar`
/// reads `1. januar`. Leading white space is dropped (no indented code). Blank lines stay (they
/// end a raw HTML block, as in a body): `Markdown.inlineHTML` joins the paragraphs into one.
enum InlineSource {
    static func escapingBlocks(_ source: String) -> String {
        var lines: [String] = []
        // Only the line endings cmark-gfm knows (not U+000B, U+0085, U+2028 …, which Swift's
        // `isNewline` also counts): the Markdown fuzzer found a vertical tab that became a line.
        for rawLine in source.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            lines.append(escapingBlockStart(rawLine.drop { $0 == " " || $0 == "\t" }))
        }
        return lines.joined(separator: "\n")
    }

    /// `line` (without leading white space) with a backslash before the character that would make
    /// it start a block or end one: ATX headings, quotes, list items, thematic breaks and setext
    /// underlines, code fences, table delimiter rows and link reference definitions.
    private static func escapingBlockStart(_ line: Substring) -> String {
        guard let first = line.first else { return String(line) }
        let rest = line.dropFirst()
        func followedBySpaceOrEnd(_ tail: Substring) -> Bool { tail.first.map { $0 == " " || $0 == "\t" } ?? true }
        switch first {
        case "#":
            let hashes = line.prefix { $0 == "#" }.count
            if hashes <= 6, followedBySpaceOrEnd(line.dropFirst(hashes)) { return "\\" + line }
        case ">":
            return "\\" + line
        case "-", "+", "*", "_", "=":
            // A list item (`- `), a thematic break (`***`, `- - -`) or a setext underline (`===`, `---`).
            if first != "_", first != "=", followedBySpaceOrEnd(rest) { return "\\" + line }
            if line.allSatisfy({ $0 == first || $0 == " " || $0 == "\t" }) { return "\\" + line }
        case "`", "~":
            if line.prefix(3).allSatisfy({ $0 == first }), line.count >= 3 { return "\\" + line }
        case "0"..."9":
            // An ordered list item: up to nine digits, `.` or `)`, then a space or the end.
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            let after = line.dropFirst(digits.count)
            if digits.count <= 9, let marker = after.first, marker == "." || marker == ")", followedBySpaceOrEnd(after.dropFirst()) {
                return String(digits) + "\\" + after
            }
        case "[":
            // A link reference definition: `[label]: destination`.
            if let close = line.firstIndex(of: "]"), line[line.index(after: close)...].first == ":" { return "\\" + line }
        default:
            break
        }
        if isTableDelimiterRow(line), let dash = line.firstIndex(of: "-") {
            return String(line[..<dash]) + "\\" + line[dash...]
        }
        return String(line)
    }

    /// A GFM table's delimiter row: cells of `-` with optional `:` at either end, split by `|`.
    private static func isTableDelimiterRow(_ line: Substring) -> Bool {
        // Only `|`, `-`, `:` and blanks, with a `-`: most lines fail this at once.
        guard line.utf8.allSatisfy({ "|-: \t".utf8.contains($0) }), line.contains("-") else { return false }
        func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" }
        var cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.drop(while: isBlank).reversed().drop(while: isBlank)
        }
        .map { String($0.reversed()) }
        if cells.first == "" { cells.removeFirst() }
        if cells.last == "" { cells.removeLast() }
        guard !cells.isEmpty else { return false }
        return cells.allSatisfy { cell in
            var core = Substring(cell)
            if core.first == ":" { core = core.dropFirst() }
            if core.last == ":" { core = core.dropLast() }
            return !core.isEmpty && core.allSatisfy { $0 == "-" }
        }
    }
}
