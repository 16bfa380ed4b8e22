import CSystem
import Foundation

/// The few file operations publishing needs. Only publishing writes to disk, through this.
public protocol FileSystem: Sendable {
    func fileExists(_ path: String) -> Bool
    func isDirectory(_ path: String) -> Bool
    func contentsOfDirectory(_ path: String) throws -> [String]
    func createDirectory(_ path: String) throws
    func read(_ path: String) throws -> Data
    func write(_ data: Data, to path: String) throws
    /// Renames within one file system: atomic for a file, and for a folder onto a free name.
    func move(_ source: String, to destination: String) throws
    func copyFile(_ source: String, to destination: String) throws
    /// A second name for a file (a hard link).
    func link(_ source: String, to destination: String) throws
    /// Swaps two existing paths in one atomic step; throws where the file system cannot.
    func exchange(_ first: String, _ second: String) throws
    func remove(_ path: String) throws
}

/// The real disk.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    public func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public func contentsOfDirectory(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// One `mkdir` when the parent exists (the common case: publishing creates folders parents
    /// first); Foundation creates missing parents otherwise.
    public func createDirectory(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || (errno == EEXIST && isDirectory(path)) { return }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    public func write(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.error("kan ikke skrive \(path)") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var written = 0
            while written < bytes.count {
                let count = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw Self.error("kan ikke skrive \(path)") }
                written += count
            }
        }
    }

    public func move(_ source: String, to destination: String) throws {
        guard rename(source, destination) == 0 else { throw Self.error("kan ikke flytte \(source) til \(destination)") }
    }

    public func copyFile(_ source: String, to destination: String) throws {
        try FileManager.default.copyItem(atPath: source, toPath: destination)
    }

    public func link(_ source: String, to destination: String) throws {
        guard Foundation.link(source, destination) == 0 else { throw Self.error("kan ikke lenke \(source) til \(destination)") }
    }

    public func exchange(_ first: String, _ second: String) throws {
        guard moteplass_exchange(first, second) == 0 else { throw Self.error("kan ikke bytte \(first) og \(second)") }
    }

    private static func error(_ what: String) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(what): \(String(cString: strerror(errno)))"])
    }

    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: path)
    }
}
