import BuiltIn
import Diagnostics
import Foundation
import Templating

/// The Mustache templates and static assets of a site, read once: the built-in theme, with the
/// files of a `Templates/` folder beside the content in place of its own, or `--templates DIR`.
///
/// Editors change the look here without touching Swift. Every problem — a syntax error, a
/// missing page template, a partial that does not exist — is reported with the template's path
/// and line before anything is rendered (exit status 2), rather than drawn as nothing.
public struct TemplateSet: Sendable {
    /// The templates every build needs: one per page type, and the site header, which the build
    /// renders on its own (see `Chrome.Headers`) and hands the layout as `headerHTML`.
    /// (`TemplatingTests` holds it to the templates of every page job a build makes.)
    public static let pageTemplates = [
        "front", "sets", "set", "recommendation", "parties", "matrix", "party", "tasks", "transitions", "transition",
        "meetings", "meeting", "checklists", "checklist", "hearings", "print", "changes", "releases", "search",
        "accessibility", "page", "404", "redirect", "header",
    ]

    let library: TemplateLibrary
    /// Files under `assets/`, copied into each release as they are.
    let assets: [OutputFile]

    /// A problem with the templates: reported like a diagnostic, but a usage error (exit 2).
    public struct LoadError: Error, Sendable {
        public let diagnostics: [Diagnostic]
    }

    /// Where templates come from: the built-in theme, a site's `Templates/` over it, or a
    /// folder that replaces it.
    public enum Source: Sendable, Equatable {
        /// The theme inside the binary, with each file of `overrides` (when given) in place of
        /// the theme's file of the same path — the way a Hugo site overrides its theme's files.
        case builtIn(overrides: String?)
        /// A whole theme of its own (`--templates DIR`): the built-in one is not used.
        case folder(String)
    }

    /// The name the built-in theme's files go by in messages (`moteplass templates export`
    /// writes them out).
    public static let builtInFolder = "(innebygd tema)"

    /// The templates of `--templates DIR`, the whole theme.
    public static func load(from directory: String) throws(LoadError) -> TemplateSet {
        try load(.folder(directory))
    }

    public static func load(_ source: Source) throws(LoadError) -> TemplateSet {
        var files: [String: (path: String, contents: Data?)] = [:]
        var folder: String
        switch source {
        case .folder(let directory):
            folder = try root(directory)
            for (relative, file) in read(folder) { files[relative] = file }
        case .builtIn(let overrides):
            folder = builtInFolder
            for file in BuiltIn.theme where isTemplateFile(file.path) {
                files[file.path] = (builtInFolder + "/" + file.path, file.contents)
            }
            if let overrides {
                let root = try root(overrides)
                for (relative, file) in read(root) { files[relative] = file }
                folder = "\(root) eller \(builtInFolder)"
            }
        }
        var sources: [TemplateLibrary.Source] = []
        var assets: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        for (relative, (path, contents)) in files.sorted(by: { $0.key < $1.key }) {
            if relative.hasPrefix("assets/") {
                if let contents {
                    assets.append(OutputFile(path: relative, contents: contents))
                } else {
                    diagnostics.append(Diagnostic(.templateMissing, at: .start(of: path), "filen kan ikke leses"))
                }
                continue
            }
            let name = String(relative.dropLast(".mustache".count))
            guard let contents, let text = String(data: contents, encoding: .utf8) else {
                diagnostics.append(Diagnostic(.templateSyntax, at: .start(of: path), "malen kan ikke leses som UTF-8-tekst"))
                continue
            }
            // One final newline is the file's, not the template's: without this, `{{>party-link}}`
            // inside a sentence would break the line after the link.
            sources.append(TemplateLibrary.Source(name: name, path: path, text: text.hasSuffix("\n") ? String(text.dropLast()) : text))
        }
        for name in pageTemplates where !sources.contains(where: { $0.name == name }) {
            diagnostics.append(
                Diagnostic(
                    .templateMissing, at: .start(of: "\(folder)/\(name).mustache"),
                    "malen `\(name).mustache` mangler; "
                        + (name == "header" ? "den gir toppen av hver side" : "hver sidetype trenger sin mal")))
        }
        let library: TemplateLibrary
        do {
            library = try TemplateLibrary(sources, folder: folder)
        } catch {
            throw LoadError(diagnostics: (diagnostics + error.diagnostics).sorted())
        }
        guard diagnostics.isEmpty else { throw LoadError(diagnostics: diagnostics.sorted()) }
        return TemplateSet(library: library, assets: assets)
    }

    /// A template (`*.mustache`) or an asset (under `assets/`); anything else in the folder is
    /// not part of the theme.
    static func isTemplateFile(_ relative: String) -> Bool {
        relative.hasPrefix("assets/") || relative.hasSuffix(".mustache")
    }

    /// `directory` without a trailing `/`, when it is a folder.
    static func root(_ directory: String) throws(LoadError) -> String {
        let root = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError(diagnostics: [
                Diagnostic(
                    .templateMissing, at: .start(of: root),
                    "malmappen `\(root)` finnes ikke (angi en annen med --templates)")
            ])
        }
        return root
    }

    /// The theme's files in the folder `root` by their path in it (not hidden ones), each with
    /// the path messages name it by, and its bytes (`nil` when it cannot be read).
    static func read(_ root: String) -> [(String, (path: String, contents: Data?))] {
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
        return files.compactMap { relative in
            guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }), isTemplateFile(relative) else { return nil }
            let path = root + "/" + relative
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
            return (relative, (path, FileManager.default.contents(atPath: path)))
        }
    }

    /// Renders the page template `name` with `frames` on its stack (outermost first; a name is
    /// looked up from the innermost out), ending in a line break.
    func render(_ name: String, _ frames: [View]) -> [UInt8] {
        var bytes = library.render(name, frames) ?? []
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }
}
