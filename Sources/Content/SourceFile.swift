import Diagnostics
import Foundation

/// A content file as read from disk: its paths, its front matter and its Markdown body.
public struct SourceFile: Sendable {
    /// The path as reached from the working directory (`Content/pages/mandat.md`): what diagnostics print.
    public let path: String
    /// The path inside the content folder (`pages/mandat.md`): what links and routes are computed from.
    public let relativePath: String
    /// The front matter (or the whole file, for `.yml` files), `nil` when it is empty.
    public let frontMatter: YAMLNode?
    /// The Markdown after the front matter.
    public let body: String
    /// The line of the file the body starts on, so Markdown positions point into the file.
    public let bodyFirstLine: Int

    /// Files larger than this are refused: nobody writes a 5 MB recommendation, and a stray
    /// binary or log must not make the tool slow or eat memory.
    public static let maximumSize = 5 * 1024 * 1024

    public init(path: String, relativePath: String, frontMatter: YAMLNode?, body: String, bodyFirstLine: Int) {
        self.path = path
        self.relativePath = relativePath
        self.frontMatter = frontMatter
        self.body = body
        self.bodyFirstLine = bodyFirstLine
    }

    /// The start of the file, where problems with the file as a whole are reported.
    public var start: SourceLocation { .start(of: path) }

    /// Reads a file from disk and decodes it: UTF-8 (BOM allowed), LF or CRLF.
    public static func read(at url: URL, path: String, relativePath: String) -> Result<String, Diagnostic> {
        let start = SourceLocation.start(of: path)
        let data: Data
        do {
            var info = stat()
            let size = stat(url.path, &info) == 0 ? Int(info.st_size) : 0
            if size > maximumSize {
                let megabytes = String(format: "%.1f", Double(size) / 1_048_576)
                return .failure(
                    Diagnostic(
                        .fileTooLarge, at: start,
                        "filen er \(megabytes) MB; innholdsfiler kan være høyst 5 MB. Er det riktig fil?"))
            }
            data = try Data(contentsOf: url)
        } catch {
            return .failure(Diagnostic(.fileUnreadable, at: start, "filen kan ikke leses: \(error.localizedDescription)"))
        }
        return decode(data, path: path)
    }

    /// Turns bytes into text, or reports the position of the first invalid UTF-8 byte.
    public static func decode(_ data: Data, path: String) -> Result<String, Diagnostic> {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let location = invalidUTF8Location(in: Array(bytes), file: path)
            return .failure(
                Diagnostic(
                    .encodingInvalid, at: location,
                    "filen er ikke gyldig UTF-8 (tegnet ved denne posisjonen); lagre den som UTF-8 i editoren"))
        }
        if let nul = bytes.firstIndex(of: 0) {
            return .failure(
                Diagnostic(
                    .encodingInvalid, at: location(ofByte: nul - bytes.startIndex, in: Array(bytes), file: path),
                    "filen inneholder et NUL-tegn, så den er neppe en tekstfil; lagre den som ren tekst (UTF-8)"))
        }
        if text.utf8.contains(UInt8(ascii: "\r")) {
            return .success(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
        }
        return .success(text)
    }

    /// Splits text into front matter and body, parsing the front matter as YAML.
    ///
    /// Markdown files must start with a `---` line; `.yml` files are all front matter.
    public static func parse(_ text: String, path: String, relativePath: String, isMarkdown: Bool) -> Result<SourceFile, Diagnostic> {
        let yaml: String
        let yamlFirstLine: Int
        let body: String
        let bodyFirstLine: Int
        if isMarkdown {
            guard let split = splitFrontMatter(text) else {
                return .failure(
                    Diagnostic(
                        .frontMatterMissing, at: .start(of: path),
                        "filen må begynne med front matter: en linje med `---`, feltene, og en ny linje med `---`"))
            }
            (yaml, yamlFirstLine, body, bodyFirstLine) = split
        } else {
            (yaml, yamlFirstLine, body, bodyFirstLine) = (text, 1, "", 1)
        }
        do {
            let node = try YAMLNode.parse(yaml, file: path, lineOffset: yamlFirstLine - 1)
            return .success(SourceFile(path: path, relativePath: relativePath, frontMatter: node, body: body, bodyFirstLine: bodyFirstLine))
        } catch {
            return .failure(Diagnostic(error.rule, at: error.location, error.message))
        }
    }

    /// `(yaml, its first line, body, its first line)` or `nil` when there is no closed front matter.
    ///
    /// Works on UTF-8 bytes: a fence is a line of `---` and nothing but trailing spaces or tabs.
    static func splitFrontMatter(_ text: String) -> (String, Int, String, Int)? {
        let utf8 = text.utf8
        func isFence(_ start: String.Index, _ end: String.Index) -> Bool {
            var end = end
            while end > start, [UInt8(ascii: " "), UInt8(ascii: "\t")].contains(utf8[utf8.index(before: end)]) {
                end = utf8.index(before: end)
            }
            return utf8[start..<end].elementsEqual("---".utf8)
        }
        func lineEnd(from start: String.Index) -> String.Index {
            utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        }
        let firstEnd = lineEnd(from: utf8.startIndex)
        guard isFence(utf8.startIndex, firstEnd), firstEnd < utf8.endIndex else { return nil }
        let yamlStart = utf8.index(after: firstEnd)
        var lineStart = yamlStart
        var line = 2  // The opening `---` is line 1.
        while true {
            let end = lineEnd(from: lineStart)
            if isFence(lineStart, end) {
                let yamlEnd = lineStart > yamlStart ? utf8.index(before: lineStart) : yamlStart
                let bodyStart = end < utf8.endIndex ? utf8.index(after: end) : end
                return (String(text[yamlStart..<yamlEnd]), 2, String(text[bodyStart...]), line + 1)
            }
            guard end < utf8.endIndex else { return nil }
            lineStart = utf8.index(after: end)
            line += 1
        }
    }

    /// The line and column (in characters) of the byte at `offset` of valid UTF-8 `bytes`.
    static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        let before = bytes[..<offset]
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The position of the first byte that is not valid UTF-8.
    static func invalidUTF8Location(in bytes: [UInt8], file: String) -> SourceLocation {
        var offset = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            offset += UTF8.width(scalar)
        }
        return location(ofByte: offset, in: bytes, file: file)
    }
}
