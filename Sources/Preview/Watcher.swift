import Foundation

/// Notices when anything under some folders is created, changed, renamed or deleted.
///
/// It compares a snapshot of every file's size and modification time, taken every `interval`:
/// a content folder holds hundreds of files, and a snapshot of 1,000 takes a few milliseconds.
/// Editors save through temporary files and renames, which a snapshot sees the same as any
/// other change.
struct Watcher: Sendable {
    let folders: [String]
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
    /// the same for one more interval (a burst of saves is one change), until cancelled.
    func watch(_ changed: @Sendable ([String]) async -> Void) async {
        var last = snapshot()
        var pending: Set<String> = []
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let now = snapshot()
            let differing = Set(now.keys).symmetricDifference(last.keys).union(now.keys.filter { last[$0] != nil && now[$0] != last[$0] })
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
