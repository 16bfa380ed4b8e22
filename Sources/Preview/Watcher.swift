import Content
import Foundation

/// Notices when anything under some folders is created, changed, renamed or deleted.
///
/// On Linux inotify tells which files changed, and a burst of events (an editor saving through a
/// temporary file and a rename, or many saves) is one change once it has been quiet for 10 ms and
/// no changed file is still open for writing: a save that truncates the file and then writes it
/// is one change, not an empty file followed by a full one (whose error would flash in the page).
/// A writer that keeps its file open is waited for at most `writingBound`.
/// Elsewhere, or with `polling`, snapshots of every file's size and modification time are
/// compared every 100 ms (a snapshot of 1,000 files takes a few milliseconds).
struct Watcher: Sendable {
    let folders: [String]
    /// Snapshots every 100 ms even where inotify works (a network file system, where it sees
    /// nothing of what other machines change).
    var polling = false
    var interval: Duration = .milliseconds(100)
    /// How long a change waits, at most, for a file being written to be closed.
    var writingBound: Duration = .seconds(2)

    /// Every file (not folder) under the folders, hidden ones and editors' backups left out.
    func snapshot() -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = folder + "/" + relative
                let stamp = FileStamp(path)
                if Self.isIgnored((relative as NSString).lastPathComponent) {
                    if stamp?.kind == .folder { walker.skipDescendants() }
                } else if let stamp, stamp.kind == .file {
                    stamps[path] = stamp
                }
            }
        }
        return stamps
    }

    /// Hidden files and folders, and editors' backups and lock files (`x~`, `#x#`).
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#")
    }

    /// Starts watching now: inotify's watches are in place (or the first snapshot is taken) when
    /// it returns, so a change made after it is never missed, however late `watch` runs.
    func start() -> Watching {
        if !polling, let notifier = Inotify(folders: folders) { return Watching(watcher: self, notifier: notifier, first: [:]) }
        return Watching(watcher: self, notifier: nil, first: snapshot())
    }
}

/// A `Watcher` started: what it has seen so far.
struct Watching: Sendable {
    let watcher: Watcher
    let notifier: Inotify?
    /// The polling watcher's first snapshot.
    let first: [String: FileStamp]

    /// Calls `changed` with the paths that differ, each time something changed and then stayed
    /// quiet for a moment (a burst of saves is one change), until cancelled.
    func watch(_ changed: @Sendable ([String]) async -> Void) async {
        if let notifier {
            var pending = Set<String>()
            let clock = ContinuousClock()
            var lastEvent = clock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(10))
                let events = notifier.drain()
                if !events.isEmpty {
                    pending.formUnion(events)
                    lastEvent = clock.now
                } else if !pending.isEmpty, !notifier.isWriting || clock.now - lastEvent >= watcher.writingBound {
                    notifier.forgetWriting()
                    await changed(pending.sorted())
                    pending = []
                }
            }
            return
        }
        var last = first
        var pending: Set<String> = []
        while !Task.isCancelled {
            try? await Task.sleep(for: watcher.interval)
            let now = watcher.snapshot()
            let differing = Set(now.keys).symmetricDifference(last.keys).union(
                now.keys.filter { last[$0] != nil && now[$0] != last[$0] })
            last = now
            if !differing.isEmpty {
                pending.formUnion(differing)
            } else if !pending.isEmpty {
                await changed(pending.sorted())
                pending = []
            }
        }
    }
}

/// inotify on the folders and every folder under them (Linux); `nil` where it cannot be used.
final class Inotify: @unchecked Sendable {
    private let descriptor: Int32
    private let folders: [String]
    /// The folder each watch is on. Only the watcher's task uses it.
    private var watched: [Int32: String] = [:]
    /// Files created or changed and not yet closed: still being written. Only the watcher's task uses it.
    private var writing: Set<String> = []

    /// Whether a changed file is still open for writing.
    var isWriting: Bool { !writing.isEmpty }

    /// Forgets the files being written (a writer that keeps its file open is not waited for again).
    func forgetWriting() { writing = [] }

    init?(folders: [String]) {
        #if os(Linux)
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else { return nil }
            self.folders = folders
            for folder in folders where !watch(folder) {
                close(descriptor)
                return nil
            }
        #else
            return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Watches `folder` and every folder under it; false if one cannot be watched.
    private func watch(_ folder: String) -> Bool {
        #if os(Linux)
            let mask = UInt32(IN_CREATE | IN_DELETE | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB | IN_MODIFY)
            var subfolders = [folder]
            if let walker = FileManager.default.enumerator(atPath: folder) {
                while let relative = walker.nextObject() as? String {
                    if FileStamp(folder + "/" + relative)?.kind == .folder { subfolders.append(folder + "/" + relative) }
                }
            }
            var all = true
            for path in subfolders {
                let watch = inotify_add_watch(descriptor, path, mask)
                if watch < 0 { all = false } else { watched[watch] = path }
            }
            return all
        #else
            return false
        #endif
    }

    /// The paths of the events waiting (none if there are none). New folders are watched as
    /// they come; a full queue counts as a change of the first folder. A file created or
    /// modified is being written until it is closed, deleted or moved away.
    func drain() -> Set<String> {
        #if os(Linux)
            var paths = Set<String>()
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { return paths }
                var offset = 0
                // struct inotify_event: wd, mask, cookie, len, then `len` bytes of NUL-padded name.
                while offset + 16 <= count {
                    let (descriptorOfWatch, mask, length) = buffer.withUnsafeBytes { bytes in
                        (
                            bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                            bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                            Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                        )
                    }
                    let nameBytes = buffer[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                    offset += 16 + length
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        paths.insert(folders[0])
                        continue
                    }
                    guard let folder = watched[descriptorOfWatch] else { continue }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    let path = name.isEmpty ? folder : folder + "/" + name
                    if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { _ = self.watch(path) }
                    // An editor's swap file, open all the time, is ignored here too.
                    guard !Watcher.isIgnored(name) else { continue }
                    paths.insert(path)
                    if mask & UInt32(IN_ISDIR) != 0 { continue }
                    if mask & UInt32(IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM) != 0 {
                        writing.remove(path)
                    } else if mask & UInt32(IN_CREATE | IN_MODIFY) != 0 {
                        writing.insert(path)
                    }
                }
            }
        #else
            return []
        #endif
    }
}
