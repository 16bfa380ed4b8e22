import Foundation

/// Files carried inside the binary: the default theme.
///
/// Made into Swift source on every build by the EmbedFiles plugin (`themeFiles` from
/// `Templates/`), so the folder in the repository stays its only copy and the tool stays one file.
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

    private static func decode(_ files: [(path: String, base64: String)]) -> [File] {
        files.map { file in
            // The plugin wrote this base64 itself: not decoding it is a broken build, not bad input.
            guard let contents = Data(base64Encoded: file.base64) else { preconditionFailure("embedded \(file.path) is not base64") }
            return File(path: file.path, contents: contents)
        }
    }
}
