import Content
import Diagnostics
import Foundation

/// Pages made outside a release's `RenderPlan` (which renders every page, the assets, the
/// sitemap, the feed and the API).
public enum SiteRenderer {
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
