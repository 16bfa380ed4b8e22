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

    /// Reads a file from disk, decodes it (UTF-8, BOM allowed, LF or CRLF) and splits it into
    /// front matter and body (a `.yml` file, `isMarkdown: false`, is all front matter).
    ///
    /// `fileSystemPath` is where to open it; `path` is what diagnostics print.
    public static func load(fileSystemPath: String, path: String, relativePath: String, isMarkdown: Bool) -> Result<SourceFile, Diagnostic>
    {
        read(fileSystemPath: fileSystemPath, path: path).flatMap { bytes in
            decode(bytes, path: path, relativePath: relativePath, isMarkdown: isMarkdown)
        }
    }

    /// The bytes of a file, refused when larger than `maximumSize`.
    static func read(fileSystemPath: String, path: String) -> Result<[UInt8], Diagnostic> {
        let start = SourceLocation.start(of: path)
        func unreadable() -> Result<[UInt8], Diagnostic> {
            .failure(Diagnostic(.fileUnreadable, at: start, "filen kan ikke leses: \(String(cString: strerror(errno)))"))
        }
        let descriptor = open(fileSystemPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return unreadable() }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return unreadable() }
        let size = Int(info.st_size)
        if size > maximumSize {
            let megabytes = String(format: "%.1f", Double(size) / 1_048_576)
            return .failure(
                Diagnostic(
                    .fileTooLarge, at: start,
                    "filen er \(megabytes) MB; innholdsfiler kan være høyst 5 MB. Er det riktig fil?"))
        }
        // One byte more than the size says, to notice a file that grew while being read.
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let got = Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if got < 0, errno == EINTR { continue }
                if got < 0 { failed = true }
                if got <= 0 { break }
                count += got
            }
        }
        if failed { return unreadable() }
        if bytes.count > size {
            return .failure(Diagnostic(.fileUnreadable, at: start, "filen endret seg mens den ble lest; prøv igjen"))
        }
        return .success(bytes)
    }

    /// Decodes and splits the bytes of a file. The parts are split off before they become text,
    /// so each byte is checked and copied once; a problem is reported in this order: invalid
    /// UTF-8, a NUL or another character no web page may hold (`ForbiddenCharacters`), missing
    /// front matter, the front matter's YAML.
    static func decode(_ data: [UInt8], path: String, relativePath: String, isMarkdown: Bool) -> Result<SourceFile, Diagnostic> {
        data.withUnsafeBufferPointer { whole in
            let bom = whole.starts(with: [0xEF, 0xBB, 0xBF])
            let bytes = bom ? UnsafeBufferPointer(rebasing: whole[3...]) : whole
            func invalid() -> Result<SourceFile, Diagnostic> {
                .failure(
                    Diagnostic(
                        .encodingInvalid, at: invalidUTF8Location(in: Array(bytes), file: path),
                        "filen er ikke gyldig UTF-8 (tegnet ved denne posisjonen); lagre den som UTF-8 i editoren"))
            }
            func containsNUL() -> Diagnostic? {
                if let offset = find(0, in: bytes) {
                    return Diagnostic(
                        .encodingInvalid, at: location(ofByte: offset, in: Array(bytes), file: path),
                        "filen inneholder et NUL-tegn, så den er neppe en tekstfil; lagre den som ren tekst (UTF-8)")
                }
                return ForbiddenCharacters.first(in: bytes).map { offset, scalar in
                    Diagnostic(
                        .encodingInvalid, at: location(ofByte: offset, in: Array(bytes), file: path),
                        "filen inneholder tegnet \(ForbiddenCharacters.name(scalar)), et usynlig tegn som ikke kan publiseres på nettstedet; slett tegnet ved denne posisjonen"
                    )
                }
            }
            if find(UInt8(ascii: "\r"), in: bytes) != nil {
                // Rare: line ends made LF first, then decoded as usual.
                guard let text = String(validating: bytes, as: UTF8.self) else { return invalid() }
                if let nul = containsNUL() { return .failure(nul) }
                let lf = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                return decode(Array(lf.utf8), path: path, relativePath: relativePath, isMarkdown: isMarkdown)
            }
            let parts: (yaml: Range<Int>, yamlFirstLine: Int, body: Range<Int>, bodyFirstLine: Int)
            if isMarkdown {
                guard let split = splitFrontMatter(bytes) else {
                    if String(validating: bytes, as: UTF8.self) == nil { return invalid() }
                    if let nul = containsNUL() { return .failure(nul) }
                    return .failure(
                        Diagnostic(
                            .frontMatterMissing, at: .start(of: path),
                            "filen må begynne med front matter: en linje med `---`, feltene, og en ny linje med `---`"))
                }
                parts = split
            } else {
                parts = (0..<bytes.count, 1, bytes.count..<bytes.count, 1)
            }
            guard let yaml = String(validating: UnsafeBufferPointer(rebasing: bytes[parts.yaml]), as: UTF8.self),
                let body = String(validating: UnsafeBufferPointer(rebasing: bytes[parts.body]), as: UTF8.self)
            else { return invalid() }
            if let nul = containsNUL() { return .failure(nul) }
            do {
                let node = try YAMLNode.parse(yaml, file: path, lineOffset: parts.yamlFirstLine - 1)
                return .success(
                    SourceFile(path: path, relativePath: relativePath, frontMatter: node, body: body, bodyFirstLine: parts.bodyFirstLine))
            } catch let error as YAMLSyntaxError {
                return .failure(Diagnostic(error.rule, at: error.location, error.message))
            } catch {
                preconditionFailure("YAMLNode.parse throws only YAMLSyntaxError")
            }
        }
    }

    /// The offset of the first `byte` in `buffer` (`memchr`).
    private static func find(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = buffer.baseAddress, let found = memchr(base, Int32(byte), buffer.count) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// `(yaml, its first line, body, its first line)` or `nil` when there is no closed front matter.
    static func splitFrontMatter(_ text: String) -> (String, Int, String, Int)? {
        var text = text
        return text.withUTF8 { bytes in
            splitFrontMatter(bytes).map { split in
                func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
                return (string(split.yaml), split.yamlFirstLine, string(split.body), split.bodyFirstLine)
            }
        }
    }

    /// Where the front matter and the body lie in `bytes`, or `nil` when the text does not start
    /// with a closed front matter. A fence is a line of `---` and nothing but trailing spaces or tabs.
    static func splitFrontMatter(_ bytes: UnsafeBufferPointer<UInt8>) -> (
        yaml: Range<Int>, yamlFirstLine: Int, body: Range<Int>, bodyFirstLine: Int
    )? {
        func isFence(_ start: Int, _ end: Int) -> Bool {
            var end = end
            while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
            return end - start == 3 && bytes[start] == UInt8(ascii: "-") && bytes[start + 1] == UInt8(ascii: "-")
                && bytes[start + 2] == UInt8(ascii: "-")
        }
        func lineEnd(from start: Int) -> Int {
            find(UInt8(ascii: "\n"), in: UnsafeBufferPointer(rebasing: bytes[start...])).map { start + $0 } ?? bytes.count
        }
        let firstEnd = lineEnd(from: 0)
        guard isFence(0, firstEnd), firstEnd < bytes.count else { return nil }
        let yamlStart = firstEnd + 1
        var lineStart = yamlStart
        var line = 2  // The opening `---` is line 1.
        while true {
            let end = lineEnd(from: lineStart)
            if isFence(lineStart, end) {
                let yamlEnd = lineStart > yamlStart ? lineStart - 1 : yamlStart
                let bodyStart = min(end + 1, bytes.count)
                return (yamlStart..<yamlEnd, 2, bodyStart..<bytes.count, line + 1)
            }
            guard end < bytes.count else { return nil }
            lineStart = end + 1
            line += 1
        }
    }

    /// The line and column (in characters) of the byte at `offset` of valid UTF-8 `bytes`. Lines
    /// end as the loader ends them: at LF, CRLF or a lone CR (the file fuzzer found a lone CR
    /// counted as no line end here, which put a bad byte lines above where an editor shows it).
    static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1
        var lineStart = 0
        for index in 0..<offset {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") && (index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n")) {
                line += 1
                lineStart = index + 1
            }
        }
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
