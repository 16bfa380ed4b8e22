import Content
import Diagnostics
import Markdown

/// `link-broken`, `link-draft` and `html-raw`: links in bodies, duties and changelog summaries
/// lead to content that exists (and that a release publishes); raw HTML is reported because it
/// is never published.
struct MarkdownRule: BodyRule {
    /// A piece of Markdown: a body, or a value from the front matter.
    private struct Text {
        let document: Document
        /// `nil` for the document's body.
        let value: Located<String>?
        /// Whether a release build publishes the page this text is on.
        let inRelease: Bool

        /// A value's positions count from its own first line; a body's are lines of the file.
        func location(_ position: MarkdownPosition) -> SourceLocation {
            if let value { return value.location(line: position.line, column: position.column) }
            return SourceLocation(file: document.path, line: position.line, column: position.column)
        }
    }

    func check(_ body: Body, _ analysis: MarkdownAnalysis, in site: Site) -> [Diagnostic] {
        var diagnostics = check(Text(document: body.document, value: nil, inRelease: body.inRelease), analysis, in: site)
        guard let recommendation = body.recommendation else { return diagnostics }
        // A value without `[` or `<` has no internal link and no HTML: no need to parse it.
        func checkValue(_ value: Located<String>) {
            if value.value.utf8.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "<") }) {
                let text = Text(document: body.document, value: value, inRelease: body.inRelease)
                diagnostics += check(text, Markdown.analyze(value.value), in: site)
            }
        }
        recommendation.responsible.forEach { checkValue($0.duty) }
        recommendation.changelog.forEach { checkValue($0.summary) }
        return diagnostics
    }

    private func check(_ text: Text, _ analysis: MarkdownAnalysis, in site: Site) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let location = text.location
        for link in analysis.links {
            switch site.resolve(link: link.destination, from: text.document) {
            case .broken(let reason):
                diagnostics.append(
                    Diagnostic(.linkBroken, at: location(link.position), "lenken `\(link.destination)` virker ikke: \(reason)"))
            case .resolved(let target, _) where text.inRelease && !site.isInRelease(target):
                diagnostics.append(
                    Diagnostic(
                        .linkDraft, at: location(link.position),
                        "lenken `\(link.destination)` går til et utkast, som ikke publiseres; i utgivelsen blir den vanlig tekst. Fjern lenken, eller publiser det den peker til"
                    ))
            case .resolved, .external, .unavailable:
                break
            }
        }
        for html in analysis.rawHTML {
            let snippet = html.html.split(separator: "\n").first.map(String.init) ?? html.html
            diagnostics.append(
                Diagnostic(
                    .htmlRaw, at: location(html.position),
                    "HTML (`\(snippet.prefix(40))`) blir ikke publisert; skriv det som Markdown i stedet"))
        }
        return diagnostics
    }
}
