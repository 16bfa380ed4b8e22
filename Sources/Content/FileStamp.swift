import Foundation

/// What `stat` says of a file that tells whether it changed: its kind, size, modification time
/// (to the nanosecond) and inode. The preview's watcher and its cache of decoded files use it.
public struct FileStamp: Equatable, Sendable {
    public enum Kind: Sendable { case file, folder, other }

    public let kind: Kind
    let size: Int64
    let seconds: Int
    let nanoseconds: Int
    let inode: UInt64

    /// `nil` when the path cannot be read.
    public init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .folder
        default: kind = .other
        }
        size = Int64(info.st_size)
        seconds = info.st_mtim.tv_sec
        nanoseconds = info.st_mtim.tv_nsec
        inode = UInt64(info.st_ino)
    }
}
