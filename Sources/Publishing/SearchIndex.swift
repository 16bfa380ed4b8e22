import Foundation

/// Pagefind (pip package `pagefind-bin`, pinned in `requirements.txt`), run over a release once
/// its pages are written, so that the index lies inside the release and every release, and
/// `latest/`, searches its own content.
struct SearchIndex: Sendable {
    /// The command that runs Pagefind.
    let command: [String]

    static let installHint =
        "søket krever Pagefind: installer det med `python3 -m pip install -r requirements.txt` (eller `make site`)"

    /// `$PAGEFIND` if set, `pagefind` on the PATH, or the one the pip package installed.
    static func locate() -> SearchIndex? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["PAGEFIND"], !path.isEmpty { return SearchIndex(command: [path]) }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/pagefind"
            if FileManager.default.isExecutableFile(atPath: candidate) { return SearchIndex(command: [candidate]) }
        }
        let python = SearchIndex(command: ["/usr/bin/env", "python3", "-m", "pagefind_bin"])
        return (try? python.run(["--version"])) != nil ? python : nil
    }

    /// Indexes the release in `folder` into `folder/pagefind/`, in Norwegian.
    func index(_ folder: String) throws {
        try run(["--site", folder, "--output-subdir", "pagefind", "--force-language", "nb", "--keep-index-url", "--silent"])
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "Pagefind feilet: \(text)"])
        }
        return text
    }
}
