import Diagnostics
import Foundation
import Rendering
import Synchronization

/// Writes the files of a release into a folder as they are made, from any thread, and hard-links
/// each into a second folder as well when given (copies where the file system cannot link).
///
/// The folders the caller knows of are made up front (`start(folders:)`), the children of each
/// folder by one thread: two threads making folders in the same folder take turns on its lock in
/// the kernel and spin while they wait (at 10,000 recommendations the 20,000 folders of `id/` cost
/// seconds of CPU that way). Any other folder is made the first time a file needs it. The first
/// failure is kept and reported by `finish()`; files that come after it are not written.
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

    /// Makes the roots and `folders` (relative to them; their parents too), level by level.
    func start(folders known: [String] = []) throws {
        for root in roots { try fileSystem.createDirectory(root) }
        var all = Set<String>()
        for folder in known {
            var path = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            while !path.isEmpty, all.insert(path).inserted {
                path = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
            }
        }
        // Level by level, so that a folder's parent is there; within a level, every folder's
        // children in each root are one task.
        let levels = Dictionary(grouping: all) { $0.count { $0 == "/" } }
        for level in levels.keys.sorted() {
            let siblings = Dictionary(grouping: levels[level] ?? []) { path in path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "" }
            let groups = roots.flatMap { root in siblings.values.map { (root, $0.sorted()) } }.sorted { $0.1.count > $1.1.count }
            let failures = Mutex<[String]>([])
            groups.concurrentForEach { root, children in
                for child in children {
                    do {
                        try fileSystem.createDirectory("\(root)/\(child)")
                    } catch {
                        failures.withLock { $0.append(error.localizedDescription) }
                        return
                    }
                }
            }
            if let failure = failures.withLock({ $0.first }) {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure])
            }
        }
        lock.withLock { folders.formUnion(all) }
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
