import Content
import Diagnostics
import Markdown

/// Checks what only the whole site can tell: references between files, duplicates, links.
///
/// Per-file checks (required fields, types, formats, the `responsible` rules) happen while
/// loading; each rule here is one type in its own file, with a stable id from `Rule`.
public enum Validator {
    /// Every cross-file problem of `site`, unsorted (the report sorts).
    public static func validate(_ site: Site) -> [Diagnostic] {
        let bodies = BodyAnalyses(site)
        let rules: [any ValidationRule] = [
            PartyReferenceRule(), DuplicateIDRule(), ReferenceRule(), MarkdownRule(bodies: bodies), PageSlugRule(), ReviewRule(),
            ResponsibleUnlistedRule(bodies: bodies),
        ]
        return rules.flatMap { $0.check(site) }
    }
}

/// Every Markdown body of the site parsed once, in parallel, for the rules that read bodies.
/// Positions are lines of the file.
struct BodyAnalyses: Sendable {
    private let byPath: [String: MarkdownAnalysis]

    init(_ site: Site) {
        let documents =
            [site.index.document] + site.pages.map(\.document) + site.sets.map(\.document) + site.meetings.map(\.document)
            + site.checklists.map(\.document) + site.recommendations.map(\.document)
        let analyses = documents.concurrentMap { Markdown.analyze($0.markdown, firstLine: $0.firstLine) }
        byPath = Dictionary(zip(documents.map(\.relativePath), analyses), uniquingKeysWith: { first, _ in first })
    }

    subscript(document: Document) -> MarkdownAnalysis {
        byPath[document.relativePath] ?? Markdown.analyze(document.markdown, firstLine: document.firstLine)
    }
}

/// One validation rule over the whole site.
protocol ValidationRule: Sendable {
    func check(_ site: Site) -> [Diagnostic]
}
