import Content

/// The top-level sections of the site's navigation.
enum NavSection: Sendable, CaseIterable {
    case front, recommendations, parties, meetings, checklists, about
}

/// One breadcrumb: a label and the folder it leads to.
struct Crumb: Sendable {
    let label: String
    let folder: String
}

/// One HTML page to render: where it goes, which template draws it, and how its view is computed.
struct PageJob: Sendable {
    /// The page's folder in the release (`moter/2018-02-28-…/`).
    let folder: String
    /// The file written (`moter/2018-02-28-…/index.html`).
    let output: String
    let template: String
    let title: String
    let description: String?
    let section: NavSection?
    /// From the front page down to (not including) this page.
    let crumbs: [Crumb]
    /// Overrides the relative root (the 404 page uses absolute paths).
    let root: String?
    let content: @Sendable (PageContext) -> View

    init(
        folder: String, output: String? = nil, template: String, title: String, description: String? = nil,
        section: NavSection?, crumbs: [Crumb] = [], root: String? = nil, content: @escaping @Sendable (PageContext) -> View
    ) {
        self.folder = folder
        self.output = output ?? folder + "index.html"
        self.template = template
        self.title = title
        self.description = description
        self.section = section
        self.crumbs = crumbs
        self.root = root
        self.content = content
    }
}
