import Content
import Diagnostics
import Foundation

/// Turns a site into the files of one release: every page, the assets, the sitemap, the feed and
/// the API (`api/`).
///
/// Pure: it reads nothing from disk (templates are loaded beforehand) and writes nothing; each
/// file goes to `write` as soon as it is made (publishing writes it), so that a release is never
/// held in memory whole. Pages render in parallel on all cores.
public enum SiteRenderer {
    /// `history` is the releases already in the output folder (for what changed, the version
    /// switcher and each recommendation's history). `write` is called from several threads.
    public static func render(
        _ site: Site, templates: TemplateSet, history: ReleaseHistory = .none, into write: @Sendable (OutputFile) -> Void
    ) {
        let versions = VersionSwitcher(site, history: history)
        let recorded = ReleaseHistory.Recorded(site)
        let changes = ReleaseChanges(site, history: history, recorded: recorded)
        let jobs =
            SitePages.jobs(for: site, changes: changes, versions: versions, history: history) + [SitePages.searchPage(site)]
        let releaseURL = site.config.baseURL.value + "v/" + site.config.release.value + "/"
        let pagePaths = jobs.map(\.output)
        // The files that are not pages, each made by one task beside the pages.
        let data: [@Sendable (_ write: @Sendable (OutputFile) -> Void) -> Void] = [
            { write in write(OutputFile(path: "manifest.json", text: ReleaseHistory.manifest(site, pages: pagePaths, recorded: recorded)))
            },
            { write in write(OutputFile(path: "texts.json", text: ReleaseHistory.texts(site))) },
            { write in API.files(site).forEach(write) },
            { write in SearchIndex.write(site, into: write) },
            { write in
                let files =
                    [
                        OutputFile(path: "sitemap.xml", text: Feeds.sitemap(pages: jobs, releaseURL: releaseURL)),
                        OutputFile(path: "feed.xml", text: Feeds.atom(site, changes: changes, releaseURL: releaseURL)),
                        OutputFile(
                            path: Route.meetingsCalendar,
                            text: Calendar.file(site.meetings, name: site.config.title.value + ": møter", site: site)),
                    ]
                    + site.meetings.map { meeting in
                        OutputFile(path: Route.calendar(of: meeting), text: Calendar.file([meeting], name: meeting.title.value, site: site))
                    }
                files.forEach(write)
            },
        ]
        let tasks = jobs.map { job in RenderTask.page(job) } + data.map { RenderTask.data($0) }
        // The costliest first, so that no long task is left running alone on one core at the end.
        let order = tasks.indices.sorted { tasks[$0].weight > tasks[$1].weight }
        let headers = Chrome.Headers(templates)
        order.concurrentForEach { index in
            switch tasks[index] {
            case .page(let job):
                let context = PageContext(site: site, path: job.folder, root: job.root)
                let chrome = Chrome.values(for: job, context: context, versions: versions, headers: headers)
                let page = job.content(context).merging(chrome) { content, _ in content }
                write(OutputFile(path: job.output, text: templates.render(job.template, page)))
            case .data(let make):
                make(write)
            }
        }
        templates.assets.forEach(write)
    }

    private enum RenderTask {
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

    /// A small page that forwards to `target` (used for `public/index.html` → `latest/`).
    public static func redirectPage(to target: String, title: String, templates: TemplateSet, site: Site) -> String {
        let job = PageJob(folder: "", template: "redirect", title: title, section: nil) { _ in view(["targetHref": target]) }
        let context = PageContext(site: site, path: "")
        let versions = VersionSwitcher(site, history: .none)
        return templates.render(
            "redirect",
            job.content(context).merging(
                Chrome.values(for: job, context: context, versions: versions, headers: Chrome.Headers(templates))
            ) { content, _ in content })
    }
}
