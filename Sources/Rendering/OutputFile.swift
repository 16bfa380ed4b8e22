import Diagnostics
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

    /// A JSON file, ending in a line break.
    init(path: String, json: JSONValue, pretty: Bool = false) {
        var bytes = json.bytes(pretty: pretty)
        bytes.append(UInt8(ascii: "\n"))
        self.init(path: path, contents: Data(bytes))
    }
}
