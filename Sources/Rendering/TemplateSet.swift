import Diagnostics
import Foundation
import Mustache

/// The Mustache templates and static assets of a site, read once from `--templates DIR`.
///
/// Editors change the look here without touching Swift. Every problem — a syntax error, a
/// missing page template, a partial that does not exist — is reported with the template's path
/// and line before anything is rendered (exit status 2), because swift-mustache would otherwise
/// render a missing partial as nothing at all.
public struct TemplateSet: Sendable {
    /// The templates every build needs: one per page type, and the site header, which the build
    /// renders on its own (see `Chrome.Headers`) and hands the layout as `headerHTML`.
    public static let pageTemplates = [
        "front", "sets", "set", "recommendation", "parties", "party", "meetings", "meeting",
        "checklists", "checklist", "page", "404", "redirect", "header",
    ]

    let library: MustacheLibrary
    /// Files under `assets/`, copied into each release as they are.
    let assets: [OutputFile]

    /// A problem with the templates: reported like a diagnostic, but a usage error (exit 2).
    public struct LoadError: Error, Sendable {
        public let diagnostics: [Diagnostic]
    }

    /// A first line, standalone and so rendered as nothing, that makes the template escape with
    /// `HTMLEscaping` (errors are reported one line up to make up for it).
    private static let escapingPragma: String = {
        MustacheContentTypes.register(HTMLEscaping(), named: "HTML")
        return "{{% CONTENT_TYPE: HTML}}\n"
    }()

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
        var library = MustacheLibrary()
        var texts: [String: (path: String, text: String)] = [:]
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
            let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
            do {
                library.register(try MustacheTemplate(string: escapingPragma + body), named: name)
                texts[name] = (path, text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(
                    Diagnostic(
                        .templateSyntax,
                        at: SourceLocation(file: path, line: error.context.lineNumber - 1, column: error.context.columnNumber),
                        "malen kan ikke leses: \(describe(error.error))"))
            } catch {
                diagnostics.append(Diagnostic(.templateSyntax, at: .start(of: path), "malen kan ikke leses: \(error)"))
            }
        }
        for name in pageTemplates
        where library.getTemplate(named: name) == nil && !diagnostics.contains(where: { $0.location.file.hasSuffix("/\(name).mustache") }) {
            diagnostics.append(
                Diagnostic(
                    .templateMissing, at: .start(of: "\(root)/\(name).mustache"),
                    "malen `\(name).mustache` mangler; "
                        + (name == "header" ? "den gir toppen av hver side" : "hver sidetype trenger sin mal")))
        }
        for (name, source) in texts.sorted(by: { $0.key < $1.key }) {
            for reference in partialReferences(in: source.text) where library.getTemplate(named: reference.name) == nil {
                diagnostics.append(
                    Diagnostic(
                        .templateMissing,
                        at: SourceLocation(file: source.path, line: reference.line, column: reference.column),
                        "malen `\(name)` bruker `\(reference.name)`, men `\(reference.name).mustache` finnes ikke i \(root)"))
            }
        }
        guard diagnostics.isEmpty else { throw LoadError(diagnostics: diagnostics.sorted()) }
        return TemplateSet(library: library, assets: assets)
    }

    /// Renders the page template `name` with `view`.
    func render(_ name: String, _ view: Any) -> String {
        let text = library.render(view, withTemplate: name) ?? ""
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// Every `{{> name}}` and `{{< name}}` in a template, with its position.
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        var references: [(String, Int, Int)] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let after = rest[open.upperBound...]
                guard let marker = after.first, marker == ">" || marker == "<",
                    let close = after.range(of: "}}")
                else {
                    rest = after
                    continue
                }
                let name = after[after.index(after: after.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                if !name.isEmpty, !name.hasPrefix("*") { references.append((name, lineIndex + 1, column)) }
                rest = after[close.upperBound...]
            }
        }
        return references
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "en seksjon lukkes med et annet navn enn den ble åpnet med ({{#a}} … {{/a}})"
        case .unfinishedName: "en tagg er ikke avsluttet med }}"
        case .expectedSectionEnd: "en seksjon ({{#…}}) er ikke lukket med {{/…}}"
        case .invalidSetDelimiter: "ugyldig skilletegn-endring ({{=…=}})"
        case .transformAppliedToInheritanceSection: "en transformasjon kan ikke brukes på en arvet seksjon"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection:
            "inni {{<layout}} … {{/layout}} kan det bare stå blokker ({{$navn}} … {{/navn}})"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: "ukjent konfigurasjonstagg ({{% … }})"
        case nil: "\(error)"
        }
    }
}
