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
        RenderPlan(site, templates: templates, history: history).renderAll(into: write)
    }

    /// A small page that forwards to `target` (used for `public/index.html` → `latest/`).
    public static func redirectPage(to target: String, title: String, templates: TemplateSet, site: Site) -> String {
        let job = PageJob(folder: "", template: "redirect", title: title, section: nil) { _ in view(["targetHref": target]) }
        let context = PageContext(site: site, path: "")
        let versions = VersionSwitcher(site, history: .none)
        let page = templates.render(
            "redirect",
            job.content(context).merging(
                Chrome.values(for: job, context: context, versions: versions, headers: Chrome.Headers(templates))
            ) { content, _ in content })
        return String(decoding: page, as: UTF8.self)
    }
}
