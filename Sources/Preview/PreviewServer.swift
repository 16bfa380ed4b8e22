import Diagnostics
import FlyingFox
import FlyingSocks
import Foundation
import Publishing
import Synchronization

/// `moteplass serve`: builds the site into a temporary folder, serves it on 127.0.0.1, and builds
/// again whenever the content or the templates change, reloading the open pages.
///
/// A build with errors leaves the last good one in place; every page then shows the
/// diagnostics over it (`/__moteplass/live.js`, which only the preview adds to its pages),
/// until a build succeeds again.
public final class PreviewServer: Sendable {
    public struct Options: Sendable {
        public var content = "Content"
        public var templates = "Templates"
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

    /// What the last build said, as the pages and the terminal show it.
    struct State: Sendable {
        /// Counts builds, so that a page can tell a new one.
        var build = 0
        var report = DiagnosticReport([], fileCount: 0)
        /// A usage error: a broken template, an unreadable folder.
        var failure: String?
        var failed: Bool { failure != nil || report.errorCount > 0 }
    }

    static let prefix = "/__moteplass/"

    let options: Options
    /// The output folder of the builds; the site is its `latest/`.
    let output: String
    let hub = EventHub()
    let state = Mutex(State())
    private let log: @Sendable (String) -> Void

    public init(_ options: Options, log: @escaping @Sendable (String) -> Void) throws(StartError) {
        self.options = options
        self.log = log
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("moteplass-serve-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StartError(description: "kan ikke opprette en midlertidig mappe (\(folder)): \(error.localizedDescription)")
        }
        output = folder
    }

    /// The site as served: the newest release the preview built.
    var siteRoot: String { output + "/latest" }

    /// Starts listening, builds once and calls `ready` with the address, then rebuilds on every
    /// change until the task is cancelled. Throws when the port cannot be used.
    public func run(ready: @Sendable (String) -> Void) async throws(StartError) {
        let server: HTTPServer
        do {
            server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: options.port), timeout: 60, logger: .disabled)
        } catch {
            throw StartError(description: "kan ikke lytte på 127.0.0.1:\(options.port): \(error)")
        }
        await route(server)
        do {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                // Whichever ends first: the server failing to listen, or it listening.
                group.addTask {
                    try await server.run()
                    return false
                }
                group.addTask {
                    try await server.waitUntilListening(timeout: 10)
                    return true
                }
                guard try await group.next() == true else { return }
                rebuild(because: [])
                let port = await server.listeningAddress.flatMap(Self.port) ?? options.port
                ready("http://127.0.0.1:\(port)/")
                group.addTask {
                    await Watcher(folders: [self.options.content, self.options.templates], polling: self.options.polling).watch { paths in
                        self.rebuild(because: paths)
                    }
                    return false
                }
                _ = try await group.next()
                group.cancelAll()
            }
        } catch is CancellationError {
        } catch let error as SocketError {
            if case .failed(_, let code, _) = error, code == EADDRINUSE {
                throw StartError(
                    description: "porten \(options.port) er allerede i bruk; velg en annen med --port, f.eks. --port \(options.port + 1)")
            }
            throw StartError(description: "kan ikke lytte på 127.0.0.1:\(options.port): \(error)")
        } catch {
            throw StartError(description: "kan ikke lytte på 127.0.0.1:\(options.port): \(error)")
        }
        hub.close()
        await server.stop()
    }

    /// Removes the temporary folder.
    public func cleanUp() {
        try? FileManager.default.removeItem(atPath: output)
    }

    private static func port(_ address: Socket.Address) -> UInt16? {
        if case .ip4(_, let port) = address { return port }
        if case .ip6(_, let port) = address { return port }
        return nil
    }

    // MARK: Building

    /// Builds into the temporary folder and tells the pages: `reload` after a good build,
    /// `status` after one with errors (the last good build stays).
    func rebuild(because paths: [String]) {
        var build = Pipeline.BuildOptions()
        build.content = options.content
        build.templates = options.templates
        build.output = output
        build.includeDrafts = options.includeDrafts
        let started = ContinuousClock.now
        var next = State()
        do {
            let result = try Pipeline.build(build)
            next.report = result.report
        } catch {
            next.failure = error.description
            next.report = DiagnosticReport(error.diagnostics, fileCount: 0)
        }
        let elapsed = ContinuousClock.now - started
        let state = self.state.withLock { state in
            next.build = state.build + 1
            state = next
            return next
        }
        let changed = paths.isEmpty ? "" : (paths.count == 1 ? paths[0] : "\(paths.count) filer") + " endret: "
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        if !state.report.diagnostics.isEmpty { log(state.report.formatted(.text)) }
        if let failure = state.failure { log("feil: \(failure)\n") }
        if state.failed {
            log("\(changed)bygget med feil på \(milliseconds) ms; siden viser forrige gode utgave, med feilene over\n")
            hub.send("status", data: String(state.build))
        } else {
            log("\(changed)bygget på \(milliseconds) ms\n")
            hub.send("reload", data: String(state.build))
        }
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
