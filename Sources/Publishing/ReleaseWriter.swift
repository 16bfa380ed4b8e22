import Foundation
import Rendering

/// Writes the files of a release into a folder as they are made, from any thread, and hard-links
/// each into a second folder as well when given (copies where the file system cannot link).
///
/// A folder is made the first time a file needs it. The first failure is kept and reported by
/// `finish()`; files that come after it are not written.
final class ReleaseWriter: @unchecked Sendable {
    private let fileSystem: any FileSystem
    private let roots: [String]
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var folders: Set<String> = [""]
    private var failure: String?
    private var written = 0

    init(fileSystem: any FileSystem, folder: String, linkingInto copy: String?) {
        self.fileSystem = fileSystem
        roots = [folder] + (copy.map { [$0] } ?? [])
    }

    /// How many files were written.
    var count: Int { lock.withLock { written } }

    func start() throws {
        for root in roots { try fileSystem.createDirectory(root) }
    }

    func write(_ file: OutputFile) {
        guard lock.withLock({ failure == nil }) else { return }
        do {
            if let slash = file.path.lastIndex(of: "/") { try makeFolder(String(file.path[..<slash])) }
            let path = "\(roots[0])/\(file.path)"
            try fileSystem.write(file.contents, to: path)
            for copy in roots.dropFirst() {
                let linked = "\(copy)/\(file.path)"
                if (try? fileSystem.link(path, to: linked)) == nil { try fileSystem.write(file.contents, to: linked) }
            }
            lock.withLock { written += 1 }
        } catch {
            lock.withLock {
                if failure == nil { failure = "\(file.path): \(error.localizedDescription)" }
            }
        }
    }

    /// Throws the first failure, if any.
    func finish() throws {
        if let failure = lock.withLock({ failure }) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure])
        }
    }

    /// Makes `relative` (and its parents) in every root, once.
    private func makeFolder(_ relative: String) throws {
        guard !lock.withLock({ folders.contains(relative) }) else { return }
        if let slash = relative.lastIndex(of: "/") { try makeFolder(String(relative[..<slash])) }
        for root in roots { try fileSystem.createDirectory("\(root)/\(relative)") }
        _ = lock.withLock { folders.insert(relative) }
    }
}
