import Content
import Diagnostics
import Foundation

/// Turns a site into the files of one release: every page, the assets, the sitemap, the feed and
/// the API (`api/`).
///
/// Pure: it reads nothing from disk (templates are loaded beforehand) and writes nothing;
/// publishing does that. Pages render in parallel on all cores.
public enum SiteRenderer {
    /// `history` is the releases already in the output folder (for what changed, the version
    /// switcher and each recommendation's history).
    /// `search` says whether the release gets a search index (Pagefind, run by publishing).
    public static func render(_ site: Site, templates: TemplateSet, history: ReleaseHistory = .none, search: Bool = false) -> [OutputFile] {
        let versions = VersionSwitcher(site, history: history)
        let recorded = ReleaseHistory.Recorded(site)
        let changes = ReleaseChanges(site, history: history, recorded: recorded)
        let jobs =
            SitePages.jobs(for: site, changes: changes, versions: versions, history: history) + [SitePages.searchPage(available: search)]
        let pages = jobs.concurrentMap { job in
            let context = PageContext(site: site, path: job.folder, root: job.root)
            let page = job.content(context).merging(Chrome.values(for: job, context: context, versions: versions)) { content, _ in
                content
            }
            return OutputFile(path: job.output, text: templates.render(job.template, page))
        }
        let releaseURL = site.config.baseURL.value + "v/" + site.config.release.value + "/"
        return pages + templates.assets + [
            OutputFile(path: "sitemap.xml", text: Feeds.sitemap(pages: jobs, releaseURL: releaseURL)),
            OutputFile(path: "feed.xml", text: Feeds.atom(site, changes: changes, releaseURL: releaseURL)),
            OutputFile(
                path: Route.meetingsCalendar, text: Calendar.file(site.meetings, name: site.config.title.value + ": møter", site: site)),
            OutputFile(path: "manifest.json", text: ReleaseHistory.manifest(site, pages: pages.map(\.path), recorded: recorded)),
            OutputFile(path: "texts.json", text: ReleaseHistory.texts(site)),
        ] + API.files(site)
            + site.meetings.map { meeting in
                OutputFile(path: Route.calendar(of: meeting), text: Calendar.file([meeting], name: meeting.title.value, site: site))
            }
    }

    /// A small page that forwards to `target` (used for `public/index.html` → `latest/`).
    public static func redirectPage(to target: String, title: String, templates: TemplateSet, site: Site) -> String {
        let job = PageJob(folder: "", template: "redirect", title: title, section: nil) { _ in view(["targetHref": target]) }
        let context = PageContext(site: site, path: "")
        let versions = VersionSwitcher(site, history: .none)
        return templates.render(
            "redirect",
            job.content(context).merging(Chrome.values(for: job, context: context, versions: versions)) { content, _ in content })
    }
}
