import Foundation
import PackagePlugin

/// Turns folders of files into Swift source on every build, so that the binary carries them and
/// stays one file (a resource bundle, `Bundle.module`, would have to ship beside it).
///
/// `Templates/` of this repository stays the only copy of the built-in theme; `InitFiles/` of
/// the target holds what `moteplass init` writes. Every file and folder under them is an input
/// of the command: a changed file, and a file added or removed (which changes its folder), run
/// it again, and the tool lists the folder itself each time.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "embed-files").url
        let package = context.package.directoryURL
        let embeds = [
            (name: "themeFiles", folder: package.appending(path: "Templates"), hidden: false),
            (name: "starterFiles", folder: package.appending(path: "Sources/\(target.name)/InitFiles"), hidden: true),
        ]
        return embeds.map { embed in
            let output = context.pluginWorkDirectoryURL.appending(path: "\(embed.name).swift")
            return .buildCommand(
                displayName: "Embedding \(embed.folder.lastPathComponent)/ as \(embed.name)",
                executable: tool,
                arguments: [output.path, embed.name, embed.folder.path] + (embed.hidden ? ["--hidden"] : []),
                inputFiles: [embed.folder] + Self.entries(under: embed.folder),
                outputFiles: [output])
        }
    }

    /// Every file and folder under `folder` (hidden ones too: a new one must still run the tool).
    static func entries(under folder: URL) -> [URL] {
        let found = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? []
        return found.sorted { $0.path < $1.path }
    }
}
