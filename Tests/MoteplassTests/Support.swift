import Content
import Diagnostics
import Foundation
import Publishing
import Rendering
import Testing

/// Paths and helpers shared by the tests: fixtures, temporary folders, the built executable.
enum Support {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")
    static let golden = packageRoot.appendingPathComponent("Tests/Golden")
    static let templates = packageRoot.appendingPathComponent("Templates").path
    static let realContent = packageRoot.appendingPathComponent("Content").path

    static func fixture(_ name: String) -> String {
        fixtures.appendingPathComponent(name).path
    }

    /// A new empty folder, removed by the caller with `removeTemporaryFolder`.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("moteplass-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func removeTemporaryFolder(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `files` (relative path → text) into a new temporary content folder.
    static func contentFolder(_ files: [String: String]) throws -> String {
        let root = try temporaryFolder()
        for folder in ["pages", "meetings", "checklists", "recommendations"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for (path, text) in files {
            let url = URL(fileURLWithPath: root).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    /// The three files every site needs, for tests that add one more file.
    static let minimalSite: [String: String] = [
        "site.yml": "title: T\nbase_url: https://t.example/\nrelease: \"1\"\nrelease_date: 2020-01-01\n",
        "parties.yml":
            "- id: fastlege\n  name: Fastlegen\n  aliases: [fastlege, fastlegen]\n- id: sykehus\n  name: Sykehuset\n- id: forum\n  name: Forumet\n",
        "index.md": "---\ntitle: T\n---\nHei.\n",
        "recommendations/s/_set.md": "---\nid: S\ntitle: Sett\nstatus: vedtatt\nowner: forum\nadopted: 2019\n---\n",
    ]

    /// Loads a content folder written from `files` on top of `minimalSite`, and validates it.
    static func check(_ files: [String: String]) throws -> (site: Site?, diagnostics: [Diagnostic], root: String) {
        let root = try contentFolder(minimalSite.merging(files) { _, new in new })
        defer { removeTemporaryFolder(root) }
        let (site, report) = try Pipeline.check(content: root)
        // Paths in diagnostics start with the folder as given; strip it for readable assertions.
        let relative = report.diagnostics.map { d -> Diagnostic in
            var d = d
            d.location.file = String(d.location.file.dropFirst(root.count + 1))
            return d
        }
        return (site, relative, root)
    }

    /// Reads a text file of a build output.
    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Every file below `folder`, relative to it, sorted.
    static func files(in folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
            .filter { !isDirectory(folder + "/" + $0) }
            .sorted()
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Builds `content` into `output` with the project's templates.
    @discardableResult
    static func build(content: String, output: String, drafts: Bool = false, templates: String = Support.templates) throws
        -> Pipeline.BuildResult
    {
        var options = Pipeline.BuildOptions()
        options.content = content
        options.output = output
        options.templates = templates
        options.includeDrafts = drafts
        return try Pipeline.build(options)
    }

    /// The `moteplass` executable built next to the tests.
    static var executable: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("moteplass"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("moteplass"),
            packageRoot.appendingPathComponent(".build/debug/moteplass"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    /// Runs the executable; returns exit status, standard output and standard error.
    ///
    /// A run that takes longer than `timeout` seconds is killed and recorded as a failed
    /// expectation, so a hang fails the test instead of stalling the suite.
    static func run(
        _ arguments: [String], in directory: String? = nil, timeout: Double = 60
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.interrupt(); process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        // Read standard error on another thread so a full pipe cannot block the tool.
        nonisolated(unsafe) var stderr = Data()
        let errorReader = DispatchWorkItem { stderr = err.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(execute: errorReader)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        errorReader.wait()
        process.waitUntilExit()
        watchdog.cancel()
        #expect(
            process.terminationReason == .exit, "moteplass \(arguments.joined(separator: " ")) crashed, hung or was killed")
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// The files a renderer hands to its writer, in the order of their paths (they come from
    /// several threads).
    static func collect(_ make: (_ write: @Sendable (OutputFile) -> Void) -> Void) -> [OutputFile] {
        final class Files: @unchecked Sendable {
            let lock = NSLock()
            var files: [OutputFile] = []
        }
        let collected = Files()
        make { file in collected.lock.withLock { collected.files.append(file) } }
        return collected.files.sorted { $0.path < $1.path }
    }
}

extension Diagnostic {
    /// `file:line:col rule` — enough to assert a diagnostic's identity and position.
    var short: String { "\(location.file):\(location.line):\(location.column) \(rule)" }
}

/// A small deterministic random number generator (SplitMix64), so that random tests repeat.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
