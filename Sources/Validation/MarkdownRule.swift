import Content
import Diagnostics
import Markdown

/// `link-broken` and `html-raw`: links in bodies, duties and changelog summaries lead to content
/// that exists; raw HTML is reported because it is never published.
struct MarkdownRule: ValidationRule {
    func check(_ site: Site) -> [Diagnostic] {
        var texts: [(Document, String, Int, Int)] = []  // document, Markdown, first line, column offset
        func add(_ document: Document) { texts.append((document, document.markdown, document.firstLine, 0)) }
        func add(_ value: Located<String>, in document: Document) {
            texts.append((document, value.value, value.location.line, value.location.column - 1))
        }
        add(site.index.document)
        site.pages.forEach { add($0.document) }
        site.sets.forEach { add($0.document) }
        site.meetings.forEach { add($0.document) }
        site.checklists.forEach { add($0.document) }
        for recommendation in site.recommendations {
            add(recommendation.document)
            recommendation.responsible.forEach { add($0.duty, in: recommendation.document) }
            recommendation.changelog.forEach { add($0.summary, in: recommendation.document) }
        }
        return texts.concurrentMap { document, markdown, firstLine, columnOffset in
            let analysis = Markdown.analyze(markdown, firstLine: firstLine)
            var diagnostics: [Diagnostic] = []
            func location(_ position: MarkdownPosition) -> SourceLocation {
                SourceLocation(
                    file: document.path, line: position.line,
                    column: position.line == firstLine ? position.column + columnOffset : position.column)
            }
            for link in analysis.links {
                guard case .broken(let reason) = site.resolve(link: link.destination, from: document) else { continue }
                diagnostics.append(
                    Diagnostic(.linkBroken, at: location(link.position), "lenken `\(link.destination)` virker ikke: \(reason)"))
            }
            for html in analysis.rawHTML {
                let snippet = html.html.split(separator: "\n").first.map(String.init) ?? html.html
                diagnostics.append(
                    Diagnostic(
                        .htmlRaw, at: location(html.position),
                        "HTML (`\(snippet.prefix(40))`) blir ikke publisert; skriv det som Markdown i stedet"))
            }
            return diagnostics
        }.flatMap { $0 }
    }
}
