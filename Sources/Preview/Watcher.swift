import Foundation

/// Notices when anything under some folders is created, changed, renamed or deleted.
///
/// What changed is always told by comparing snapshots of every file's size and modification
/// time (a content folder holds hundreds of files, and a snapshot of 1,000 takes a few
/// milliseconds); editors save through temporary files and renames, which a snapshot sees like
/// any other change. When to take one is told by inotify on Linux: as soon as a burst of events
/// has been quiet for 10 ms. Where inotify is not available, a snapshot is taken every 100 ms.
struct Watcher: Sendable {
    let folders: [String]
    /// Snapshots every 100 ms even where inotify works (a network file system, where it sees
    /// nothing of what other machines change).
    var polling = false
    var interval: Duration = .milliseconds(100)

    struct Stamp: Equatable, Sendable {
        let size: Int64
        let modified: timespec

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.size == b.size && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
        }
    }

    /// Every file (not folder) under the folders, hidden ones and editors' backups left out.
    func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") {
                    if Self.isDirectory(folder + "/" + relative) { walker.skipDescendants() }
                    continue
                }
                var info = stat()
                let path = folder + "/" + relative
                guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                stamps[path] = Stamp(size: Int64(info.st_size), modified: info.st_mtim)
            }
        }
        return stamps
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Calls `changed` with the paths that differ, each time something changed and then stayed
    /// quiet for a moment (a burst of saves is one change), until cancelled.
    func watch(_ changed: @Sendable ([String]) async -> Void) async {
        var last = snapshot()
        var pending: Set<String> = []
        let notifier = polling ? nil : Inotify(folders: folders)
        while !Task.isCancelled {
            if let notifier {
                // Wait for events, then for 10 ms without any.
                try? await Task.sleep(for: .milliseconds(10))
                guard notifier.drain() else { continue }
                repeat { try? await Task.sleep(for: .milliseconds(10)) } while notifier.drain()
                notifier.watchNewFolders()
            } else {
                try? await Task.sleep(for: interval)
            }
            let now = snapshot()
            let differing = Set(now.keys).symmetricDifference(last.keys).union(
                now.keys.filter { last[$0] != nil && now[$0] != last[$0] })
            last = now
            if notifier != nil {
                if !differing.isEmpty { await changed(differing.sorted()) }
            } else if !differing.isEmpty {
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

    init?(folders: [String]) {
        #if os(Linux)
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else { return nil }
            self.folders = folders
            guard watchNewFolders() else {
                close(descriptor)
                return nil
            }
        #else
            return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Watches every folder (again: watching one twice is harmless); false if one cannot be.
    @discardableResult
    func watchNewFolders() -> Bool {
        #if os(Linux)
            let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)
            var all = true
            for folder in folders {
                var subfolders = [folder]
                if let walker = FileManager.default.enumerator(atPath: folder) {
                    while let relative = walker.nextObject() as? String {
                        var isDirectory: ObjCBool = false
                        if FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory), isDirectory.boolValue
                        {
                            subfolders.append(folder + "/" + relative)
                        }
                    }
                }
                for path in subfolders where inotify_add_watch(descriptor, path, mask) < 0 { all = false }
            }
            return all
        #else
            return false
        #endif
    }

    /// Reads every event waiting; true if there was one.
    func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var any = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return any }
            any = true
        }
    }
}
