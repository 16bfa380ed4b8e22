import BuiltIn
import Foundation

/// Writes a set of files as a new folder — `moteplass init` and `moteplass templates export` —
/// all of them or none.
///
/// A folder that exists and is not empty is refused, so nothing of the user's is overwritten.
/// The files are written into a hidden sibling first and renamed into place (`rename(2)` also
/// replaces an empty folder), so a failure part of the way leaves nothing behind.
public enum NewFolder {
    /// Why nothing was written (exit status 2).
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    public static func write(_ files: [BuiltIn.File], to folder: String) throws(Refusal) {
        var folder = folder
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw Refusal(description: "\(folder): finnes allerede og er en fil, ikke en mappe; velg et annet navn")
            }
            let entries = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
            guard entries.isEmpty else {
                let shown = entries.sorted().prefix(3).map { "`\($0)`" }.joined(separator: ", ")
                throw Refusal(
                    description:
                        "\(folder): mappen finnes og er ikke tom (\(shown)\(entries.count > 3 ? " …" : "")); velg en ny eller tom mappe, så blir ingenting overskrevet"
                )
            }
        }
        let url = URL(fileURLWithPath: folder)
        let parent = url.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(".\(url.lastPathComponent).moteplass-\(getpid())")
        do {
            try? manager.removeItem(at: temporary)
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
            for file in files {
                let target = temporary.appendingPathComponent(file.path)
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: target)
            }
            guard rename(temporary.path, folder) == 0 else {
                throw Refusal(description: "\(folder): kan ikke opprettes (\(String(cString: strerror(errno))))")
            }
        } catch {
            try? manager.removeItem(at: temporary)
            if let refusal = error as? Refusal { throw refusal }
            throw Refusal(description: "\(folder): kan ikke skrives (\((error as NSError).localizedDescription))")
        }
    }
}
