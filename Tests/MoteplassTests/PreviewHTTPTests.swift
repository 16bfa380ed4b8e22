import Foundation
import Testing

@testable import Preview

#if canImport(Glibc)
import Glibc
#endif

/// The preview's HTTP: request heads as they arrive, and the server over a real socket.
@Suite struct PreviewHTTPTests {
    private func parse(_ text: String) throws(HTTPRequestParser.Failure) -> HTTPRequest? {
        var parser = HTTPRequestParser()
        parser.append(Array(text.utf8))
        return try parser.next()
    }

    @Test func aRequestHeadGivesItsMethodPathAndHeaders() throws {
        let request = try #require(
            try parse("GET /anbefalinger/?side=2 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAccept:text/html \r\nAccept: */*\r\n\r\n"))
        #expect(request.method == "GET")
        #expect(request.path == "/anbefalinger/")
        #expect(request.version == "HTTP/1.1")
        #expect(request.headers == ["host": "127.0.0.1:8000", "accept": "text/html, */*"])
        #expect(request.keepsAlive && !request.hasBody)
        #expect(try parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: Close\r\n\r\n")?.keepsAlive == false)
        #expect(try parse("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n")?.hasBody == true)
        // HTTP/1.0 needs no Host, and keeps the connection only when it asks to.
        #expect(try parse("GET / HTTP/1.0\r\n\r\n")?.keepsAlive == false)
        #expect(try parse("GET / HTTP/1.0\nConnection: keep-alive\n\n")?.keepsAlive == true)
    }

    @Test func aHeadRequestIsParsedLikeAGet() throws {
        let request = try #require(try parse("HEAD /moter.ics HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(request.method == "HEAD" && request.path == "/moter.ics")
        // Its response has the same head, with the length, and no body.
        let response = HTTPResponse(status: .ok, headers: [("Content-Type", "text/plain")], body: Data("hei".utf8))
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\n"
        #expect(String(decoding: response.serialized(forHead: true, closing: false), as: UTF8.self) == head)
        #expect(String(decoding: response.serialized(forHead: false, closing: false), as: UTF8.self) == head + "hei")
    }

    @Test func aHeadSplitOverManyReadsIsWhole() throws {
        var parser = HTTPRequestParser()
        let text = "\r\nGET /a HTTP/1.1\r\nHost: x\r\nUser-Agent: test\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c"
        let first = text.utf8.count - "GET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c".utf8.count
        for (index, byte) in text.utf8.enumerated() {
            parser.append([byte])
            if index < first - 1 { #expect(try parser.next() == nil, "a request after byte \(index)") }
        }
        // The rest came with the last read: the second request is whole, the third not yet.
        #expect(try parser.next()?.path == "/a")
        #expect(try parser.next()?.path == "/b")
        #expect(try parser.next() == nil)
        parser.append(Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(try parser.next()?.path == "/c")
    }

    @Test func aHeadOverTheLimitIsTooLarge() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: x\r\nCookie: ".utf8))
        parser.append([UInt8](repeating: UInt8(ascii: "a"), count: HTTPRequestParser.headLimit))
        // Without its end yet …
        #expect(throws: HTTPRequestParser.Failure.tooLarge) { try parser.next() }
        // … and whole.
        #expect(throws: HTTPRequestParser.Failure.tooLarge) {
            try parse("GET / HTTP/1.1\r\nHost: x\r\nCookie: \(String(repeating: "a", count: HTTPRequestParser.headLimit))\r\n\r\n")
        }
        #expect(try parse("GET / HTTP/1.1\r\nHost: x\r\nCookie: \(String(repeating: "a", count: 8000))\r\n\r\n") != nil)
    }

    @Test(arguments: [
        "GET /\r\n\r\n",
        "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/2.0\r\nHost: x\r\n\r\n",
        "GET / http/1.1\r\nHost: x\r\n\r\n",
        "GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n",
        "G(T / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /%C3 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  folded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: tre\r\n\r\n",
    ])
    func aMalformedHeadIsRefused(_ text: String) {
        #expect(throws: HTTPRequestParser.Failure.malformed) { try parse(text) }
    }

    @Test func thePathIsPercentDecodedOnce() throws {
        #expect(try parse("GET /a%20b/s%C3%B8k/ HTTP/1.1\r\nHost: x\r\n\r\n")?.path == "/a b/søk/")
        #expect(try parse("GET /%2e%2e/%2E%2E/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n")?.path == "/../../etc/passwd")
        #expect(try parse("GET /a%252Fb?x=%zz HTTP/1.1\r\nHost: x\r\n\r\n")?.path == "/a%2Fb")
    }

    // MARK: The server

    /// A preview of the clean fixture, running on a free port.
    private struct Running {
        let server: PreviewServer
        let options: PreviewServer.Options
        let port: UInt16
        let task: Task<Void, any Error>

        static func start() async throws -> Running {
            var options = PreviewServer.Options()
            options.content = Support.fixture("clean")
            options.templates = Support.templates
            options.port = 0
            let server = PreviewServer(options) { _ in }
            let (addresses, announce) = AsyncStream<String>.makeStream()
            let task = Task { try await server.run { announce.yield($0) } }
            var iterator = addresses.makeAsyncIterator()
            let address = try #require(await iterator.next())
            let port = try #require(UInt16(address.split(separator: ":").last?.dropLast() ?? ""))
            #expect(address == "http://127.0.0.1:\(port)/" && port != 0)
            return Running(server: server, options: options, port: port, task: task)
        }

        func stop() async throws {
            task.cancel()
            try await task.value
        }
    }

    /// A preview of the clean fixture on a free port, given its port while `body` runs, then stopped.
    private func withServer(_ body: (PreviewServer, UInt16) async throws -> Void) async throws {
        let running = try await Running.start()
        defer { running.task.cancel() }
        try await body(running.server, running.port)
        try await running.stop()
    }

    @Test func theServerAnswersOverARealSocket() async throws {
        try await withServer { _, port in
            let client = try Client(port: port)
            defer { client.close() }
            try await client.send("GET /anbefalinger/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let page = try await client.response()
            #expect(page.status == "HTTP/1.1 200 OK")
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.headers["cache-control"] == "no-store")
            #expect(page.headers["content-length"] == String(page.body.count))
            #expect(String(decoding: page.body, as: UTF8.self).contains("<script src=\"/__moteplass/live.js\""))

            // The same connection, kept open: HEAD has the length and no body, so the next response follows at once.
            try await client.send("HEAD /moter.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /moter.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let head = try await client.response(bodyless: true)
            let calendar = try await client.response()
            #expect(head.status == "HTTP/1.1 200 OK" && head.headers["content-type"] == "text/calendar; charset=utf-8")
            #expect(calendar.status == "HTTP/1.1 200 OK" && head.headers["content-length"] == String(calendar.body.count))
            #expect(String(decoding: calendar.body, as: UTF8.self).hasPrefix("BEGIN:VCALENDAR"))

            try await client.send("GET /anbefalinger HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let moved = try await client.response()
            #expect(moved.status == "HTTP/1.1 301 Moved Permanently" && moved.headers["location"] == "/anbefalinger/")

            try await client.send("GET /finnes/ikke HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let missing = try await client.response()
            #expect(missing.status == "HTTP/1.1 404 Not Found" && missing.headers["content-type"] == "text/html; charset=utf-8")

            try await client.send("DELETE / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let refused = try await client.response()
            #expect(refused.status == "HTTP/1.1 405 Method Not Allowed" && refused.headers["allow"] == "GET, HEAD")

            // Not HTTP: 400, and the connection closed.
            try await client.send("hei\r\n\r\n")
            let bad = try await client.response()
            #expect(bad.status == "HTTP/1.1 400 Bad Request" && bad.headers["connection"] == "close")
            #expect(try await client.response(bodyless: true).status == "")
        }
    }

    @Test func anEventStreamGetsTheHubsEventsAndLeavesWhenItsClientCloses() async throws {
        try await withServer { server, port in
            let client = try Client(port: port)
            try await client.send("GET /__moteplass/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let head = try await client.response(bodyless: true)
            #expect(head.status == "HTTP/1.1 200 OK" && head.headers["content-type"] == "text/event-stream; charset=utf-8")
            #expect(head.headers["content-length"] == nil && head.headers["connection"] == "close")
            #expect(try await client.receive(until: ": moteplass serve\nretry: 500\n\n"))
            #expect(server.hub.listenerCount == 1)
            server.hub.send("reload", data: "7")
            #expect(try await client.receive(until: "event: reload\ndata: 7\n\n"))

            client.close()
            try await waitUntil { server.hub.listenerCount == 0 }
            #expect(server.hub.listenerCount == 0, "the closed client's listener is still in the hub")
        }
    }

    @Test func stoppingTheServerEndsItsEventStreams() async throws {
        let running = try await Running.start()
        let (server, port) = (running.server, running.port)
        var options = running.options

        // A second preview on the same port cannot start.
        options.port = port
        do {
            try await PreviewServer(options) { _ in }.run { _ in Issue.record("a second server listens on \(port)") }
        } catch {
            #expect(error.description.hasPrefix("porten \(port) er allerede i bruk"))
        }

        let client = try Client(port: port)
        defer { client.close() }
        try await client.send("GET /__moteplass/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(try await client.receive(until: ": moteplass serve"))
        try await running.stop()
        #expect(try await client.receive(until: nil), "the event stream is still open after the server stopped")
        #expect(server.hub.listenerCount == 0)
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
    }
}

/// An HTTP client on a blocking socket, as unlike the server as can be. Its calls run on a thread
/// of their own, so that waiting for the server holds none of the threads that run the server.
private final class Client: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { let description: String }
    struct Response {
        var status = ""
        var headers: [String: String] = [:]
        var body = Data()
    }

    private let file: Int32
    private var received: [UInt8] = []
    private let queue = DispatchQueue(label: "client")

    init(port: UInt16) throws {
        file = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        // A broken server fails the test instead of hanging it.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(file, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(file, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect: \(errno)") }
    }

    func close() { _ = shutdown(file, Int32(SHUT_RDWR)) }

    deinit { Glibc.close(file) }

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result(catching: work)) }
        }
    }

    func send(_ text: String) async throws {
        let bytes = Array(text.utf8)
        try await onQueue {
            guard Glibc.send(self.file, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else {
                throw Failure(description: "send: \(errno)")
            }
        }
    }

    /// Reads until what has been received holds `text`, or, with nil, until the server closes the
    /// connection: false if the connection closes first, or nothing comes for 10 s.
    func receive(until text: String?) async throws -> Bool {
        try await onQueue {
            while text.map({ !String(decoding: self.received, as: UTF8.self).contains($0) }) ?? true {
                guard self.readMore() else { return text == nil && !self.timedOut }
            }
            return true
        }
    }

    private var timedOut = false

    /// Whether one read brought more bytes (not the end of the connection, nor 10 s of nothing).
    private func readMore() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(file, &buffer, buffer.count, 0)
        timedOut = count < 0
        guard count > 0 else { return false }
        received += buffer[..<count]
        return true
    }

    /// The next response: status line, headers and, unless `bodyless` (HEAD, event stream), as many
    /// bytes of body as its Content-Length says. An empty status when the connection closed.
    func response(bodyless: Bool = false) async throws -> Response {
        try await onQueue {
            let blank = Array("\r\n\r\n".utf8)
            var end: Int?
            while end == nil {
                end = self.received.indices.first { self.received[$0...].starts(with: blank) }.map { $0 + blank.count }
                guard end != nil || self.readMore() else { return Response() }
            }
            let lines = String(decoding: self.received[..<end!], as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            self.received.removeFirst(end!)
            var response = Response(status: lines[0])
            for line in lines.dropFirst() {
                let colon = line.firstIndex(of: ":")!
                response.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            guard !bodyless, let length = response.headers["content-length"].flatMap(Int.init) else { return response }
            while self.received.count < length {
                guard self.readMore() else { throw Failure(description: "the body is short") }
            }
            response.body = Data(self.received[..<length])
            self.received.removeFirst(length)
            return response
        }
    }
}
