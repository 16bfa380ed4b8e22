import Content
import Diagnostics
import Rendering
import Validation

/// The whole build, load → validate → render → publish, shared by the CLI's commands.
public enum Pipeline {
    /// A problem with how the tool was called or with its surroundings (exit status 2):
    /// a missing folder, a broken template, an unwritable output folder.
    public struct UsageError: Error, CustomStringConvertible {
        public let description: String
        public let diagnostics: [Diagnostic]

        init(_ description: String, diagnostics: [Diagnostic] = []) {
            self.description = description
            self.diagnostics = diagnostics
        }
    }

    /// Loads and validates a content folder; writes nothing.
    public static func check(content: String, cache: Cache? = nil) throws(UsageError) -> (site: Site?, report: DiagnosticReport) {
        let loaded: ContentLoader.Result
        do {
            loaded = try ContentLoader.load(from: content, cache: cache?.files)
        } catch {
            throw UsageError(error.description)
        }
        let crossFile = loaded.site.map { Validator.validate($0, cache: cache?.bodies) } ?? []
        return (loaded.site, DiagnosticReport(loaded.diagnostics + crossFile, fileCount: loaded.fileCount))
    }

    /// What loading and validating keep from one call to the next (the preview's): each file as
    /// decoded and each body as analysed, used again while the file is unchanged.
    public final class Cache: Sendable {
        let files = ContentLoader.Cache()
        let bodies = Validator.Cache()

        public init() {}
    }

    public struct BuildOptions: Sendable {
        public var content = "Content"
        /// `--templates DIR`, a whole theme; `nil` is the built-in theme, with the files of a
        /// `Templates/` folder beside the content folder in place of its own (see `templateSource`).
        public var templates: String?
        public var output = "public"
        public var includeDrafts = false
        public var strict = false

        public init() {}
    }

    /// What a build did.
    public struct BuildResult: Sendable {
        public let report: DiagnosticReport
        /// The release written, or `nil` when the content had errors and nothing was written.
        public let release: String?
        public let fileCount: Int
    }

    public static func loadTemplates(_ options: BuildOptions) throws(UsageError) -> TemplateSet {
        let source = templateSource(options)
        do {
            return try TemplateSet.load(source)
        } catch {
            let folder =
                switch source {
                case .folder(let folder): folder
                case .builtIn(let overrides?): "\(overrides) (over det innebygde temaet)"
                case .builtIn(nil): "det innebygde temaet"
                }
            throw UsageError("malene i \(folder) har feil", diagnostics: error.diagnostics)
        }
    }

    /// Where a build's templates come from: `--templates DIR` when given; else the built-in
    /// theme, overridden file by file by `Templates/` beside the content folder when there is one.
    public static func templateSource(_ options: BuildOptions) -> TemplateSet.Source {
        if let folder = options.templates { return .folder(folder) }
        let beside = siteTemplates(content: options.content)
        return .builtIn(overrides: LocalFileSystem().isDirectory(beside) ? beside : nil)
    }

    /// `<content>/../Templates`, written the way the content folder was given
    /// (`Content` → `Templates`, `site/Content/` → `site/Templates`).
    public static func siteTemplates(content: String) -> String {
        var content = content
        while content.count > 1 && content.hasSuffix("/") { content.removeLast() }
        guard let slash = content.lastIndex(of: "/") else {
            return content == "." || content == ".." ? content + "/../Templates" : "Templates"
        }
        let last = content[content.index(after: slash)...]
        if last == "." || last == ".." { return content + "/../Templates" }
        return content[...slash] + "Templates"
    }

    /// What the preview shows (`moteplass serve`): the content validated and, when it has no
    /// errors, the plan of its release, from which pages are rendered as they are asked for.
    /// Nothing is written; `templates` are the ones `loadTemplates` gave.
    public static func preview(_ options: BuildOptions, templates: TemplateSet, cache: Cache) throws(UsageError) -> (
        report: DiagnosticReport, plan: RenderPlan?
    ) {
        let (site, report) = try check(content: options.content, cache: cache)
        guard let site, !report.failed(strict: options.strict) else { return (report, nil) }
        return (report, RenderPlan(site.published(includeDrafts: options.includeDrafts), templates: templates))
    }

    /// Validates, and only when the content passes renders and publishes the release.
    public static func build(_ options: BuildOptions) throws(UsageError) -> BuildResult {
        do {
            try Publisher(output: options.output).checkListedReleases()
        } catch {
            throw UsageError(error.description)
        }
        let templates = try loadTemplates(options)
        var (site, report) = try check(content: options.content)
        var history = ReleaseHistory.none
        if let site {
            history = Publisher(output: options.output).readHistory(
                excluding: site.config.release.value, date: site.config.releaseDate.value.description)
            let published = site.published(includeDrafts: options.includeDrafts)
            report = DiagnosticReport(
                report.diagnostics + ReleaseChecks.removedIDs(site, history: history, content: options.content)
                    + ReleaseChecks.changedChecklists(published, history: history, output: options.output),
                fileCount: report.fileCount)
        }
        guard let site, !report.failed(strict: options.strict) else {
            return BuildResult(report: report, release: nil, fileCount: 0)
        }
        let published = site.published(includeDrafts: options.includeDrafts)
        let release = published.config.release.value
        let rootIndex = SiteRenderer.redirectPage(
            to: "latest/index.html", title: "Gå til gjeldende utgave",
            templates: templates, site: published)
        let plan = RenderPlan(published, templates: templates, history: history)
        do {
            let count = try Publisher(output: options.output).publish(
                release: release, date: published.config.releaseDate.value.description, rootIndex: rootIndex,
                folders: plan.pageFolders
            ) { write in
                plan.renderAll(into: write)
            }
            return BuildResult(report: report, release: release, fileCount: count)
        } catch {
            throw UsageError(error.description)
        }
    }
}
