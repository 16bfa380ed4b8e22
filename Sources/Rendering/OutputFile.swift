import Foundation

/// One file of a release, with its path relative to the release root (`anbefalinger/index.html`).
public struct OutputFile: Sendable {
    public let path: String
    public let contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}
