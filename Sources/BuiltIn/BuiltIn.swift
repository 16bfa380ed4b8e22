import Foundation

/// Files carried inside the binary: the default theme and what `moteplass init` writes.
///
/// Both are made into Swift source on every build by the EmbedFiles plugin (`themeFiles` from
/// `Templates/`, `starterFiles` from `InitFiles/`), so the folders in the repository stay their
/// only copy and the tool stays one file.
public enum BuiltIn {
    /// A file: its path relative to the folder it came from (`/`-separated), and its bytes.
    public struct File: Sendable, Equatable {
        public let path: String
        public let contents: Data

        public init(path: String, contents: Data) {
            self.path = path
            self.contents = contents
        }
    }

    /// The built-in theme: `Templates/` of this repository as it was when the tool was built.
    public static let theme = decode(themeFiles)

    /// A new content repository, as `moteplass init` writes it (before its placeholders are
    /// filled in: see `Starter` in Publishing).
    public static let starter = decode(starterFiles)

    private static func decode(_ files: [(path: String, base64: String)]) -> [File] {
        files.map { file in
            // The plugin wrote this base64 itself: not decoding it is a broken build, not bad input.
            guard let contents = Data(base64Encoded: file.base64) else { preconditionFailure("embedded \(file.path) is not base64") }
            return File(path: file.path, contents: contents)
        }
    }
}
