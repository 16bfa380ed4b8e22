import Foundation

// The little of HTTP/1.1 (RFC 9112) the preview needs: request heads read as their bytes arrive,
// and responses written with a length, or, for the event stream, until the connection closes.
// The preview reads no request bodies; it serves GET and HEAD only.

/// A request's head: its method, its path and its headers.
struct HTTPRequest: Sendable, Equatable {
    /// As sent (`GET`, `HEAD`, `POST` …): methods are case-sensitive.
    var method: String
    /// The target's path, percent-decoded once (`/a%20b/` is `/a b/`) and not otherwise changed;
    /// the query is dropped.
    var path: String
    /// `HTTP/1.0` or `HTTP/1.1`.
    var version: String
    /// By lowercased name; a header sent more than once has its values joined by `, `.
    var headers: [String: String]

    /// Whether the client will send another request on the connection: HTTP/1.1 unless it says
    /// `Connection: close`, HTTP/1.0 only if it says `Connection: keep-alive`.
    var keepsAlive: Bool {
        let options = (headers["connection"] ?? "").lowercased().split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        return version == "HTTP/1.1" ? !options.contains("close") : options.contains("keep-alive")
    }

    /// Whether a body follows the head. The preview reads none, so it closes the connection after
    /// answering rather than take the body for the next request.
    var hasBody: Bool {
        headers["transfer-encoding"] != nil || (headers["content-length"].map { $0 != "0" } ?? false)
    }
}

/// Finds request heads in a connection's bytes as they arrive: `append` what was read, then take
/// each whole head with `next()`. Several requests may come in one read, and one head in several.
struct HTTPRequestParser {
    /// The most a head (request line and headers) may take; browsers send a few hundred bytes.
    static let headLimit = 16 * 1024

    enum Failure: Error, Equatable {
        /// Not a request line and headers as RFC 9112 has them (answered with 400).
        case malformed
        /// A head over `headLimit` (answered with 431).
        case tooLarge
    }

    private var buffer: [UInt8] = []
    /// How far `buffer` is known to hold no end of a head.
    private var scanned = 0

    mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next whole head appended, taken out of the bytes; nil until all of it has arrived.
    mutating func next() throws(Failure) -> HTTPRequest? {
        // Empty lines before a request line are to be ignored (RFC 9112 §2.2).
        if scanned == 0 {
            buffer.removeFirst(buffer.firstIndex { $0 != .cr && $0 != .lf } ?? buffer.endIndex)
        }
        // The head ends at an empty line: LF LF or LF CR LF (a lone LF ends a line too, §2.2).
        var end: Int?
        for index in max(scanned, 1)..<max(buffer.count, 1) where buffer[index] == .lf {
            if buffer[index - 1] == .lf || (index >= 2 && buffer[index - 1] == .cr && buffer[index - 2] == .lf) {
                end = index + 1
                break
            }
        }
        guard let end, end <= Self.headLimit else {
            if buffer.count > Self.headLimit { throw .tooLarge }
            scanned = buffer.count
            return nil
        }
        let head = buffer[..<end]
        defer {
            buffer.removeFirst(end)
            scanned = 0
        }
        return try Self.request(head)
    }

    private static func request(_ head: ArraySlice<UInt8>) throws(Failure) -> HTTPRequest {
        var lines = head.split(separator: .lf, omittingEmptySubsequences: false).map { line in
            line.last == .cr ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { throw .malformed }
        let parts = requestLine.split(separator: .space, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenCharacter),
            parts[2].elementsEqual("HTTP/1.1".utf8) || parts[2].elementsEqual("HTTP/1.0".utf8),
            parts[1].first == UInt8(ascii: "/"), parts[1].allSatisfy({ $0 > .space && $0 < 0x7F })
        else { throw .malformed }
        // Only the path: the preview serves files, and a query or fragment changes none of them.
        let target = String(decoding: parts[1], as: UTF8.self)
        let encodedPath = target.prefix { $0 != "?" && $0 != "#" }
        // nil for a bad escape (`%zz`) or bytes that are not UTF-8.
        guard let path = encodedPath.removingPercentEncoding else { throw .malformed }

        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            // No space before the colon (§5.1), and no value folded onto a following line (§5.2).
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                line[..<colon].allSatisfy(isTokenCharacter)
            else { throw .malformed }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        let request = HTTPRequest(
            method: String(decoding: parts[0], as: UTF8.self), path: path,
            version: String(decoding: parts[2], as: UTF8.self), headers: headers)
        // HTTP/1.1 requires a Host (RFC 9112 §3.2); a length must be a number.
        guard request.version == "HTTP/1.0" || headers["host"] != nil,
            headers["content-length"].map({ !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }) ?? true
        else { throw .malformed }
        return request
    }

    /// The characters of a method or a header's name (RFC 9110 §5.6.2).
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

/// A response: the status, the headers the route chose, and the body.
struct HTTPResponse: Sendable {
    enum Status: Int, Sendable {
        case ok = 200
        case movedPermanently = 301
        case badRequest = 400
        case notFound = 404
        case methodNotAllowed = 405
        case headersTooLarge = 431

        var reason: String {
            switch self {
            case .ok: "OK"
            case .movedPermanently: "Moved Permanently"
            case .badRequest: "Bad Request"
            case .notFound: "Not Found"
            case .methodNotAllowed: "Method Not Allowed"
            case .headersTooLarge: "Request Header Fields Too Large"
            }
        }
    }

    var status: Status
    var headers: [(name: String, value: String)]
    var body = Data()

    /// What is sent: the status line, the headers, `Content-Length` and `Connection`, then the
    /// body. A HEAD request gets the same head and no body (RFC 9110 §9.3.2).
    func serialized(forHead: Bool, closing: Bool) -> Data {
        var bytes = head([("Content-Length", String(body.count)), ("Connection", closing ? "close" : "keep-alive")])
        if !forHead { bytes.append(body) }
        return bytes
    }

    /// The head of a response whose body is what follows until the connection closes (the event
    /// stream): no length, and `Connection: close`.
    func serializedStreamHead() -> Data {
        head([("Connection", "close")])
    }

    private func head(_ framing: [(name: String, value: String)]) -> Data {
        var text = "HTTP/1.1 \(status.rawValue) \(status.reason)\r\n"
        for (name, value) in headers + framing { text += "\(name): \(value)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    /// A short plain-text page for an error of the request itself.
    static func error(_ status: Status, _ message: String, headers: [(name: String, value: String)] = []) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")] + headers,
            body: Data((message + "\n").utf8))
    }
}

extension UInt8 {
    fileprivate static let lf = UInt8(ascii: "\n")
    fileprivate static let cr = UInt8(ascii: "\r")
    fileprivate static let space = UInt8(ascii: " ")
}
