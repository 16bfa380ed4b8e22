import Content
import Markdown

/// Everything a page's view is computed from: the site, and where the page lies in the release
/// (which fixes every relative link on it).
struct PageContext: Sendable {
    let site: Site
    /// The page's folder inside the release (`anbefalinger/fastlege-sykehus/`), `""` for the front page.
    let path: String
    /// The prefix that leads from the page to the release root: `../../`, or an absolute path on
    /// the 404 page, which a server shows at any address.
    let root: String

    init(site: Site, path: String, root: String? = nil) {
        self.site = site
        self.path = path
        self.root = root ?? String(repeating: "../", count: path.count { $0 == "/" })
    }

    /// A link to another page's folder, as `…/index.html` so that it also works opened from disk.
    func href(_ folder: String) -> String {
        root + folder + "index.html"
    }

    /// A link to a file in the release (`moter.ics`, `assets/style.css`).
    func file(_ path: String) -> String {
        root + path
    }

    func href(_ target: LinkTarget) -> String {
        href(Route.path(of: target, in: site))
    }

    /// A Markdown body as HTML, with `id:` and `.md` links pointing at the right pages, and heading
    /// ids that are none of the page's own: the layout's and `pageIDs` (see `PageIDs`).
    ///
    /// `headingLevel` and `idPrefix`: for a page that shows several bodies (`Markdown.html`), where
    /// a link to an id that is neither one of the body's headings nor the layout's
    /// (`#oppgave-fastlege`) leads to it on the page of the body's own, `fragmentsOn`.
    func html(
        _ document: Document, pageIDs: Set<String> = [], headingLevel: Int32 = 2, idPrefix: String = "", fragmentsOn: String? = nil
    ) -> String {
        Markdown.html(document.markdown, reservedIDs: PageIDs.layout.union(pageIDs), headingLevel: headingLevel, idPrefix: idPrefix) {
            destination in
            if let fragmentsOn, destination.hasPrefix("#"), !PageIDs.layout.contains(String(destination.dropFirst())) {
                return .replace(href(fragmentsOn) + destination)
            }
            return rewrite(destination, from: document)
        }
    }

    /// Inline Markdown (a duty, a changelog summary) as HTML.
    func inlineHTML(_ text: Located<String>, in document: Document) -> String {
        Markdown.inlineHTML(text.value) { rewrite($0, from: document) }
    }

    /// Internal links point at their page; one whose target is not in this build (a draft left out
    /// of a release) becomes plain text rather than a dead link.
    private func rewrite(_ destination: String, from document: Document) -> Markdown.LinkRewrite {
        switch site.resolve(link: destination, from: document) {
        case .external: .keep
        case .resolved(let target, let fragment): .replace(href(target) + (fragment.map { "#" + $0 } ?? ""))
        case .broken, .unavailable: .unlink
        }
    }
}
