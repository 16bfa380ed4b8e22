import Diagnostics
import FlyingSocks
import Foundation
import Publishing
import Rendering
import Synchronization

/// `moteplass serve`: validates the site, serves it on 127.0.0.1, and validates again whenever
/// the content or the templates change, reloading the open pages.
///
/// Nothing is written: the site is kept in memory as a `RenderPlan`, and a page is rendered when
/// it is asked for, so a change shows as soon as the content is read and validated again,
/// whatever the size of the site. A change with errors leaves the last good site in place;
/// every page then shows the diagnostics over it (`/__moteplass/live.js`, which only the preview
/// adds to its pages), until the errors are fixed.
public final class PreviewServer: Sendable {
    public struct Options: Sendable {
        public var content = "Content"
        /// `--templates DIR`; `nil` is the built-in theme under the site's own `Templates/`.
        public var templates: String?
        public var port: UInt16 = 8000
        public var includeDrafts = true
        /// Watch by comparing snapshots every 100 ms instead of through inotify.
        public var polling = false

        public init() {}
    }

    /// Why the preview could not start (exit status 2).
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// What the last build said, as the pages and the terminal show it, and the last good site.
    struct State: Sendable {
        var plan: RenderPlan?
        /// The templates, read again only when one of them changes.
        var templates: TemplateSet?
        /// The build that made `plan`.
        var planBuild = 0
        /// The data files of `plan` (API, search index, feeds), made the first time one is asked for.
        var dataFiles: [String: OutputFile]?
        /// Counts builds, so that a page can tell a new one.
        var build = 0
        var report = DiagnosticReport([], fileCount: 0)
        /// A usage error: a broken template, an unreadable folder.
        var failure: String?
        var failed: Bool { failure != nil || report.errorCount > 0 }
    }

    static let prefix = "/__moteplass/"

    let options: Options
    let hub = EventHub()
    let state = Mutex(State())
    /// The content's files as decoded and bodies as analysed, kept from one change to the next.
    let cache = Pipeline.Cache()
    private let log: @Sendable (String) -> Void

    public init(_ options: Options, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
    }

    /// Starts listening, builds once and calls `ready` with the address, then rebuilds on every
    /// change until the task is cancelled. Throws when the port cannot be used.
    public func run(ready: @Sendable (String) -> Void) async throws(StartError) {
        let listener: AsyncSocket
        let port: UInt16
        let pool = SocketPool.make()
        do {
            listener = try Self.listen(port: options.port, pool: pool)
            guard case .ip4(_, let bound) = try listener.socket.sockname() else { throw SocketError.unsupportedAddress }
            port = bound
            try await pool.prepare()
        } catch SocketError.failed(_, EADDRINUSE, _) {
            throw StartError(
                description: "porten \(options.port) er allerede i bruk; velg en annen med --port, f.eks. --port \(options.port + 1)")
        } catch {
            throw StartError(description: "kan ikke lytte på 127.0.0.1:\(options.port): \(error)")
        }
        defer { try? listener.close() }
        // Watching starts before the first build, so that a file saved during it, or just after the
        // address is announced, is never missed.
        let watching = Watcher(folders: [options.content] + templateFolders, polling: options.polling).start()
        rebuild(because: [])
        ready("http://127.0.0.1:\(port)/")
        do {
            // Each runs until the task is cancelled, which ends every connection too.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await pool.run() }
                group.addTask { try await self.accept(on: listener) }
                group.addTask { await watching.watch { paths in self.rebuild(because: paths) } }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch {
            // Stopping ends the socket pool with `disconnected` or `CancellationError`: no failure.
            if !Task.isCancelled { throw StartError(description: "kan ikke lytte på 127.0.0.1:\(options.port): \(error)") }
        }
    }

    /// A socket listening on 127.0.0.1:`port` (0: any free port).
    private static func listen(port: UInt16, pool: some AsyncSocketPool) throws -> AsyncSocket {
        let socket = try Socket(domain: AF_INET)
        do {
            // A port just given up by a preview that stopped can be taken again at once.
            try socket.setValue(true, for: .localAddressReuse)
            try socket.bind(to: .inet(ip4: "127.0.0.1", port: port))
            try socket.listen()
            return try AsyncSocket(socket: socket, pool: pool)
        } catch {
            try? socket.close()
            throw error
        }
    }

    /// Takes connections until the task is cancelled, each served by a task of its own.
    private func accept(on listener: AsyncSocket) async throws {
        try await withThrowingDiscardingTaskGroup { group in
            while true {
                let connection: AsyncSocket
                do {
                    connection = try await listener.accept()
                } catch is SocketError {
                    // A connection reset before it was taken, or no file descriptor left: the
                    // preview goes on, and descriptors come free as other connections close.
                    try await Task.sleep(for: .milliseconds(100))
                    continue
                }
                group.addTask { await self.serve(connection) }
            }
        }
    }

    /// Answers the requests on `connection` one after the other until the client closes it, asks
    /// to close it, sends something that is not a request, or sends no request for a minute.
    private func serve(_ connection: AsyncSocket) async {
        defer { try? connection.close() }
        var parser = HTTPRequestParser()
        do {
            while true {
                let request: HTTPRequest
                do {
                    request = try await Self.nextRequest(&parser, from: connection)
                } catch let failure as HTTPRequestParser.Failure {
                    let response =
                        failure == .tooLarge
                        ? HTTPResponse.error(.headersTooLarge, "Forespørselens hoder er for store.")
                        : HTTPResponse.error(.badRequest, "Forespørselen er ikke gyldig HTTP.")
                    try await connection.write(response.serialized(forHead: false, closing: true))
                    return
                }
                guard try await answer(request, on: connection) else { return }
            }
        } catch {
            // The client went away, or the server is stopping: nothing more to say.
        }
    }

    /// How long a connection may wait for its next request before it is closed.
    static let idleTimeout = Duration.seconds(60)

    /// The next request on `connection`. Throws when the client closes it, or sends no whole
    /// request within `idleTimeout`.
    private static func nextRequest(_ parser: inout HTTPRequestParser, from connection: AsyncSocket) async throws -> HTTPRequest {
        let deadline = ContinuousClock.now + idleTimeout
        while true {
            if let request = try parser.next() { return request }
            let bytes = try await withThrowingTaskGroup(of: [UInt8].self) { group in
                group.addTask { try await connection.read(atMost: 4096) }
                group.addTask {
                    try await Task.sleep(until: deadline)
                    throw SocketError.timeout(message: "ingen forespørsel på \(idleTimeout)")
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
            parser.append(bytes)
        }
    }

    /// The folder of templates to watch, if any: `--templates DIR`, or the site's `Templates/`
    /// when it is there as the preview starts (the built-in theme does not change).
    var templateFolders: [String] {
        switch Pipeline.templateSource(buildOptions) {
        case .folder(let folder), .builtIn(overrides: let folder?): [folder]
        case .builtIn(overrides: nil): []
        }
    }

    var buildOptions: Pipeline.BuildOptions {
        var build = Pipeline.BuildOptions()
        build.content = options.content
        build.templates = options.templates
        build.includeDrafts = options.includeDrafts
        return build
    }

    // MARK: Building

    /// Reads and validates the site again and tells the pages: `reload` when it has no errors,
    /// `status` when it has (the last good site stays).
    func rebuild(because paths: [String]) {
        let build = buildOptions
        let started = ContinuousClock.now
        var next = State()
        let templateFolders = templateFolders.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let templatesChanged = paths.contains { path in templateFolders.contains { path.hasPrefix($0) } }
        next.templates = templatesChanged ? nil : state.withLock { $0.templates }
        do {
            let templates: TemplateSet
            if let kept = next.templates { templates = kept } else { templates = try Pipeline.loadTemplates(build) }
            next.templates = templates
            (next.report, next.plan) = try Pipeline.preview(build, templates: templates, cache: cache)
        } catch {
            next.failure = error.description
            next.report = DiagnosticReport(error.diagnostics, fileCount: 0)
        }
        let elapsed = ContinuousClock.now - started
        let state = self.state.withLock { state in
            next.build = state.build + 1
            if next.plan == nil {
                (next.plan, next.planBuild, next.dataFiles) = (state.plan, state.planBuild, state.dataFiles)
            } else {
                next.planBuild = next.build
            }
            state = next
            return next
        }
        let changed = paths.isEmpty ? "" : (paths.count == 1 ? paths[0] : "\(paths.count) filer") + " endret: "
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        if !state.report.diagnostics.isEmpty { log(state.report.formatted(.text)) }
        if let failure = state.failure { log("feil: \(failure)\n") }
        if state.failed {
            log("\(changed)lest på \(milliseconds) ms, med feil; sidene viser forrige gode utgave, med feilene over\n")
            hub.send("status", data: String(state.build))
        } else {
            log("\(changed)lest og kontrollert på \(milliseconds) ms\n")
            hub.send("reload", data: String(state.build))
        }
    }

    /// The file of the site at `path` (relative, `anbefalinger/index.html`): a page rendered now,
    /// an asset, or a data file (all made the first time one is asked for), with the build it is
    /// from; nil if there is none.
    func siteFile(_ path: String) -> (file: OutputFile, build: Int)? {
        let (plan, build, cached) = state.withLock { ($0.plan, $0.planBuild, $0.dataFiles) }
        guard let plan else { return nil }
        if let page = plan.page(at: path) ?? plan.asset(at: path) { return (page, build) }
        if let cached { return cached[path].map { ($0, build) } }
        let files = Dictionary(plan.dataFiles().map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        state.withLock { state in
            if state.planBuild == build { state.dataFiles = files }
        }
        return files[path].map { ($0, build) }
    }

    /// `/__moteplass/status`: the last build's report (as `validate --format json` gives it) with
    /// the build's number, whether it failed, a usage error if any, and the summary line.
    func statusJSON() -> String {
        let state = self.state.withLock { $0 }
        guard case .object(let report) = state.report.json else { return "{}" }
        return Diagnostics.JSONValue.object(
            [
                ("build", .int(state.build)),
                ("failed", .bool(state.failed)),
                ("failure", .optional(state.failure)),
                ("summary", .string(state.report.summary)),
            ] + report
        ).serialized() + "\n"
    }
}
