import Content
import Diagnostics
import Markdown
import Synchronization

/// Checks what only the whole site can tell: references between files, duplicates, links.
///
/// Per-file checks (required fields, types, formats, the `responsible` rules) happen while
/// loading; each rule here is one type in its own file, with a stable id from `Rule`.
public enum Validator {
    /// Every cross-file problem of `site`, unsorted (the report sorts).
    /// Bodies as analysed, kept from one validation to the next (the preview validates on every
    /// change): a body whose text is the same is not parsed again.
    public final class Cache: Sendable {
        private let analyses = Mutex<[String: (markdown: String, firstLine: Int, analysis: MarkdownAnalysis)]>([:])

        public init() {}

        func analysis(of document: Document) -> MarkdownAnalysis {
            let kept = analyses.withLock { $0[document.path] }
            if let kept, kept.firstLine == document.firstLine, kept.markdown == document.markdown { return kept.analysis }
            let analysis = Markdown.analyze(document.markdown, firstLine: document.firstLine)
            analyses.withLock { $0[document.path] = (document.markdown, document.firstLine, analysis) }
            return analysis
        }
    }

    public static func validate(_ site: Site) -> [Diagnostic] { validate(site, cache: nil) }

    public static func validate(_ site: Site, cache: Cache?) -> [Diagnostic] {
        let siteRules: [any ValidationRule] = [
            PartyReferenceRule(), DuplicateIDRule(), ReferenceRule(), PageSlugRule(), ReviewRule(), EndorsementRule(), HearingRule(),
            SynonymRule(), HandoverRule(),
            TaskRule(), SitePlaceholderRule(), AccentColourRule(),
        ]
        let bodyRules: [any BodyRule] = [MarkdownRule(), ResponsibleUnlistedRule(parties: site.parties)]
        // One pass on all cores: the site rules first (each on its own), then every body, parsed
        // once for all body rules; nothing of a body's analysis is kept, unless in `cache`.
        let jobs = siteRules.map(Job.site) + Body.all(in: site).map(Job.body)
        return jobs.concurrentMap { job in
            switch job {
            case .site(let rule):
                return rule.check(site)
            case .body(let body):
                let analysis =
                    cache?.analysis(of: body.document) ?? Markdown.analyze(body.document.markdown, firstLine: body.document.firstLine)
                return bodyRules.flatMap { $0.check(body, analysis, in: site) }
            }
        }.flatMap { $0 }
    }

    private enum Job: Sendable {
        case site(any ValidationRule)
        case body(Body)
    }
}

/// One validation rule over the whole site.
protocol ValidationRule: Sendable {
    func check(_ site: Site) -> [Diagnostic]
}

/// One validation rule over one Markdown body at a time.
protocol BodyRule: Sendable {
    /// `analysis` is the body parsed; positions in it are lines of the file.
    func check(_ body: Body, _ analysis: MarkdownAnalysis, in site: Site) -> [Diagnostic]
}

/// A document whose body the body rules read, and what they need to know about its page.
struct Body: Sendable {
    let document: Document
    /// Set when the body is a recommendation's.
    let recommendation: Recommendation?
    /// Whether a release build publishes the page.
    let inRelease: Bool

    /// Every body of the site.
    static func all(in site: Site) -> [Body] {
        var bodies = [Body(document: site.index.document, recommendation: nil, inRelease: true)]
        bodies += site.pages.map { Body(document: $0.document, recommendation: nil, inRelease: true) }
        bodies += site.sets.map { Body(document: $0.document, recommendation: nil, inRelease: site.isInRelease(.set($0.slug))) }
        bodies += site.meetings.map { Body(document: $0.document, recommendation: nil, inRelease: true) }
        bodies += site.checklists.map {
            Body(document: $0.document, recommendation: nil, inRelease: site.isInRelease(.checklist($0.slug)))
        }
        bodies += site.recommendations.map {
            Body(document: $0.document, recommendation: $0, inRelease: site.isInRelease(.recommendation($0.id.value)))
        }
        return bodies
    }
}
