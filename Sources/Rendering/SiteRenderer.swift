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
        let frames = Chrome.frames(
            for: job, context: context, content: job.content(context), versions: VersionSwitcher(site, history: .none),
            cache: Chrome.Cache(templates))
        let page = templates.render("redirect", frames)
        return String(decoding: page, as: UTF8.self)
    }
}
