import Content
import Diagnostics
import Foundation
import Synchronization

/// What a release is made of: every page to render and the tasks that make the other files,
/// prepared once from a site. A build renders it all (`renderAll`); the preview renders a page
/// when it is asked for (`page(at:)`), so that a change shows without rendering the rest.
///
/// Pure: it reads nothing from disk (templates are loaded beforehand) and writes nothing; each
/// file goes to `write` as soon as it is made (publishing writes it), so that a release is never
/// held in memory whole. Pages render in parallel on all cores.
public struct RenderPlan: Sendable {
    let site: Site
    let templates: TemplateSet
    /// The files under `assets/`: the theme's, and the site's logo and accent stylesheet.
    let assets: [OutputFile]
    let versions: VersionSwitcher
    let jobs: [PageJob]
    let data: [@Sendable (_ write: @Sendable (OutputFile) -> Void) -> Void]
    let chrome: Chrome.Cache
    /// Each page's index in `jobs`, by its file.
    let pageIndex: [String: Int]

    /// `history` is the releases already in the output folder (for what changed, the version
    /// switcher and each recommendation's history).
    public init(_ site: Site, templates: TemplateSet, history: ReleaseHistory = .none) {
        let versions = VersionSwitcher(site, history: history)
        // Every recommendation's fingerprint: for the comparison with a previous release, if there
        // is one, and for the manifest (made with the other data files otherwise: the preview
        // seldom needs it).
        let recorded = history.previous(before: site).map { _ in ReleaseHistory.Recorded(site) }
        let changes = ReleaseChanges(site, history: history, recorded: recorded ?? ReleaseHistory.Recorded(site))
        let jobs =
            SitePages.jobs(for: site, transitions: Transitions(site), changes: changes, versions: versions, history: history)
            + [SitePages.searchPage(site)]
        let releaseURL = site.config.baseURL.value + "v/" + site.config.release.value + "/"
        let pagePaths = jobs.map(\.output)
        self.site = site
        self.templates = templates
        let branding = Branding.files(site)
        assets = templates.assets.filter { asset in !branding.contains { $0.path == asset.path } } + branding
        self.versions = versions
        self.jobs = jobs
        chrome = Chrome.Cache(templates)
        pageIndex = Dictionary(jobs.enumerated().map { ($1.output, $0) }, uniquingKeysWith: { first, _ in first })
        // The files that are not pages, each made by one task beside the pages.
        data = [
            { write in
                let recorded = recorded ?? ReleaseHistory.Recorded(site)
                write(ReleaseHistory.manifest(site, pages: pagePaths, recorded: recorded))
            },
            { write in write(ReleaseHistory.texts(site)) },
            { write in API.files(site).forEach(write) },
            { write in SearchIndex.write(site, into: write) },
            { write in
                let files =
                    [
                        OutputFile(path: "sitemap.xml", text: Feeds.sitemap(pages: jobs, releaseURL: releaseURL)),
                        OutputFile(path: Feeds.path, text: Feeds.atom(site, changes: changes, releaseURL: releaseURL)),
                        OutputFile(
                            path: Route.meetingsCalendar,
                            text: Calendar.file(site.meetings, name: site.config.title.value + ": møter", site: site)),
                        OutputFile(path: Route.hearingsCalendar, text: Calendar.hearingsFile(site)),
                    ]
                    + site.meetings.map { meeting in
                        OutputFile(path: Route.calendar(of: meeting), text: Calendar.file([meeting], name: meeting.title.value, site: site))
                    }
                files.forEach(write)
            },
        ]
    }

    /// Every file of the release, handed to `write` from all cores as each is made.
    public func renderAll(into write: @Sendable (OutputFile) -> Void) {
        let tasks = jobs.map { job in Task.page(job) } + data.map { Task.data($0) }
        // The costliest first, so that no long task is left running alone on one core at the end.
        let order = tasks.indices.sorted { tasks[$0].weight > tasks[$1].weight }
        order.concurrentForEach { index in
            switch tasks[index] {
            case .page(let job): write(render(job))
            case .data(let make): make(write)
            }
        }
        assets.forEach(write)
    }

    /// The folders of every page (`anbefalinger/fastlege-sykehus/timebestilling/`), for publishing
    /// to make before the pages are written.
    public var pageFolders: [String] {
        jobs.compactMap { job in job.output.lastIndex(of: "/").map { String(job.output[..<$0]) } }
    }

    /// The page whose file is `path` (`anbefalinger/index.html`), rendered now; nil if there is none.
    public func page(at path: String) -> OutputFile? {
        pageIndex[path].map { render(jobs[$0]) }
    }

    /// The file under `assets/` whose path is `path`: the theme's, or the site's logo or accent.
    public func asset(at path: String) -> OutputFile? {
        assets.first { $0.path == path }
    }

    /// The files that are neither pages nor assets (the API, the search index, feeds, calendars),
    /// all made at once.
    public func dataFiles() -> [OutputFile] {
        let files = Mutex<[OutputFile]>([])
        data.concurrentForEach { make in make { file in files.withLock { $0.append(file) } } }
        return files.withLock { $0 }
    }

    private func render(_ job: PageJob) -> OutputFile {
        OutputFile(path: job.output, contents: Data(templates.render(job.template, frames(of: job))))
    }

    /// What the page's template sees: the layout's values and the page's content (`Chrome.frames`).
    func frames(of job: PageJob) -> [View] {
        let context = PageContext(site: site, path: job.folder, root: job.root)
        return Chrome.frames(for: job, context: context, content: job.content(context), versions: versions, cache: chrome)
    }

    private enum Task {
        case page(PageJob)
        case data(@Sendable (_ write: @Sendable (OutputFile) -> Void) -> Void)

        /// Roughly how long the task takes: the pages that list every recommendation and the
        /// data files that hold them all are the long ones.
        var weight: Int {
            switch self {
            case .page(let job): SitePages.listingTemplates.contains(job.template) ? 2 : 1
            case .data: 3
            }
        }
    }
}
