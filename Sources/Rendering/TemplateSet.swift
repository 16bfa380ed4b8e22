import Diagnostics
import Foundation
import Templating

/// The Mustache templates and static assets of a site, read once from `--templates DIR`.
///
/// Editors change the look here without touching Swift. Every problem — a syntax error, a
/// missing page template, a partial that does not exist — is reported with the template's path
/// and line before anything is rendered (exit status 2), rather than drawn as nothing.
public struct TemplateSet: Sendable {
    /// The templates every build needs: one per page type, and the site header, which the build
    /// renders on its own (see `Chrome.Headers`) and hands the layout as `headerHTML`.
    public static let pageTemplates = [
        "front", "sets", "set", "recommendation", "parties", "matrix", "party", "meetings", "meeting",
        "checklists", "checklist", "page", "404", "redirect", "header",
    ]

    let library: TemplateLibrary
    /// Files under `assets/`, copied into each release as they are.
    let assets: [OutputFile]

    /// A problem with the templates: reported like a diagnostic, but a usage error (exit 2).
    public struct LoadError: Error, Sendable {
        public let diagnostics: [Diagnostic]
    }

    public static func load(from directory: String) throws(LoadError) -> TemplateSet {
        let root = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError(diagnostics: [
                Diagnostic(
                    .templateMissing, at: .start(of: root),
                    "malmappen `\(root)` finnes ikke (angi en annen med --templates)")
            ])
        }
        var sources: [TemplateLibrary.Source] = []
        var assets: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
        for relative in files where !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            let path = root + "/" + relative
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            if relative.hasPrefix("assets/") {
                if let data = FileManager.default.contents(atPath: path) {
                    assets.append(OutputFile(path: relative, contents: data))
                } else {
                    diagnostics.append(Diagnostic(.templateMissing, at: .start(of: path), "filen kan ikke leses"))
                }
                continue
            }
            guard relative.hasSuffix(".mustache") else { continue }
            let name = String(relative.dropLast(".mustache".count))
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
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
                    .templateMissing, at: .start(of: "\(root)/\(name).mustache"),
                    "malen `\(name).mustache` mangler; "
                        + (name == "header" ? "den gir toppen av hver side" : "hver sidetype trenger sin mal")))
        }
        let library: TemplateLibrary
        do {
            library = try TemplateLibrary(sources, folder: root)
        } catch {
            throw LoadError(diagnostics: (diagnostics + error.diagnostics).sorted())
        }
        guard diagnostics.isEmpty else { throw LoadError(diagnostics: diagnostics.sorted()) }
        return TemplateSet(library: library, assets: assets)
    }

    /// Renders the page template `name` with `frames` on its stack (outermost first; a name is
    /// looked up from the innermost out), ending in a line break.
    func render(_ name: String, _ frames: [View]) -> [UInt8] {
        var bytes = library.render(name, frames) ?? []
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }
}
