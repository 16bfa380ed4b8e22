import Content

/// The releases a page can lead to: every release in the output folder when this one was built,
/// newest first. A link leads to the same page in the other release when that release has it
/// (its manifest says so), otherwise to its front page.
///
/// The links are absolute paths under `base_url`, because a page is published both in
/// `v/<release>/` and in `latest/`, byte for byte, where relative links to other releases would
/// differ. `assets/versions.js` brings the list up to date from `versions.json` in the browser,
/// since a published release is never rewritten.
struct VersionSwitcher: Sendable {
    struct Entry: Sendable {
        let release: String
        let date: String
        /// `nil` for the release being built.
        let pages: Set<String>?
    }

    let entries: [Entry]
    let basePath: String

    init(_ site: Site, history: ReleaseHistory) {
        let current = Entry(release: site.config.release.value, date: site.config.releaseDate.value.description, pages: nil)
        let others = history.releases.map { Entry(release: $0.release, date: $0.date, pages: Set($0.pages)) }
        entries = ([current] + others).sorted { ($0.date, $0.release) > ($1.date, $1.release) }
        basePath = SitePages.basePath(site.config.baseURL.value)
    }

    func href(_ entry: Entry, page: String) -> String {
        basePath + "v/\(entry.release)/" + (entry.pages?.contains(page) == true ? page : "index.html")
    }

    /// The switcher on the page written to `page` (`anbefalinger/x/y/index.html`).
    func links(for page: String) -> [View] {
        entries.map { entry in
            view([
                "release": entry.release,
                "date": ContentDate(entry.date).map(NorwegianDate.format) ?? entry.date,
                "href": entry.pages == nil ? nil : href(entry, page: page),
                "current": entry.pages == nil ? true : nil,
            ])
        }
    }
}
