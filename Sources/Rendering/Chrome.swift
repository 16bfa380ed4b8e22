import Content
import Foundation

/// The values the layout needs on every page: titles, navigation, breadcrumbs, footer.
///
/// A page is drawn with three values on the template's stack, outermost first: the values that
/// are the same on every page at one folder depth (made once per depth), the page's own layout
/// values, and its content, which wins where a name is in more than one.
enum Chrome {
    /// What is made once for each folder depth: those values, and the site header
    /// (`header.mustache`: title, menu, search box), rendered once for each depth and menu state
    /// rather than on every page: it was a fifth of each page's tags. The header sees only values
    /// that are the same on every page at one depth.
    final class Cache: @unchecked Sendable {
        private let templates: TemplateSet
        private let lock = NSLock()
        /// Guarded by `lock`.
        private var headers: [String: String] = [:]
        private var depths: [String: View] = [:]

        init(_ templates: TemplateSet) { self.templates = templates }

        func header(for job: PageJob, context: PageContext) -> String {
            let menu = navigation(context.site, job: job)
            var key = context.root + "\u{0}"
            for item in menu { key += (item.current ? "c" : "-") + (item.inSection ? "s" : "-") }
            if let html = lock.withLock({ headers[key] }) { return html }
            let config = context.site.config
            // Without its final newline: the layout's line gives it one.
            let bytes = templates.render(
                "header",
                [
                    view([
                        "lang": config.language,
                        "siteTitle": config.title.value,
                        "siteDescription": config.description?.value,
                        "release": config.release.value,
                        "root": context.root,
                        "homeHref": context.href(""),
                        "logoSrc": Branding.logoPath(context.site).map(context.file),
                        "searchHref": context.href(Route.search),
                        "nav": menu.map { item in
                            view([
                                "label": item.label,
                                "href": context.href(item.folder),
                                "current": item.current ? true : nil,
                                "inSection": item.inSection ? true : nil,
                            ])
                        },
                    ])
                ]
            )
            let html = String(decoding: bytes.dropLast(), as: UTF8.self)
            lock.withLock { headers[key] = html }
            return html
        }

        /// The values that are the same on every page whose links start with `context.root`.
        func depthValues(_ context: PageContext) -> View {
            if let values = lock.withLock({ depths[context.root] }) { return values }
            let config = context.site.config
            let values = view([
                "lang": config.language,
                "siteTitle": config.title.value,
                "siteDescription": config.description?.value,
                "root": context.root,
                "homeHref": context.href(""),
                "stylesheet": context.file("assets/style.css"),
                "accentStylesheet": config.accentColour.map { _ in context.file(Branding.accentStylesheet) },
                "logoSrc": Branding.logoPath(context.site).map(context.file),
                "contact": config.contact?.value,
                "release": config.release.value,
                "releaseDate": NorwegianDate.format(config.releaseDate.value),
                "releaseDateMachine": config.releaseDate.value.description,
                "organisation": config.organisation?.value == config.title.value ? nil : config.organisation?.value,
                "secretariat": config.secretariat?.value,
                "feedHref": context.file(Feeds.path),
                "versionsScript": context.file("assets/versions.js"),
                "releasesHref": context.href(Route.releases),
                "accessibilityHref": context.href(Route.accessibility),
            ])
            lock.withLock { depths[context.root] = values }
            return values
        }
    }

    /// The stack a page is drawn with: the depth's values, the page's layout values, `content`.
    static func frames(for job: PageJob, context: PageContext, content: View, versions: VersionSwitcher, cache: Cache) -> [View] {
        let config = context.site.config
        var crumbs: [View] = []
        if !job.crumbs.isEmpty {
            crumbs = job.crumbs.map { view(["label": $0.label, "href": context.href($0.folder)]) }
            crumbs.append(view(["label": job.title]))
        }
        let page = view([
            "title": job.title,
            "documentTitle": job.folder.isEmpty ? config.title.value : "\(job.title) – \(config.title.value)",
            "description": job.description ?? config.description?.value,
            "headerHTML": cache.header(for: job, context: context),
            "breadcrumbs": crumbs,
            "pageType": job.template,
            "versions": versions.links(for: job.output),
            "canonicalURL": config.baseURL.value + "v/" + config.release.value + "/" + job.folder,
        ])
        return [cache.depthValues(context), page, content]
    }

    /// The menu's items, and which is the page itself or the section it is in.
    static func navigation(_ site: Site, job: PageJob) -> [(label: String, folder: String, current: Bool, inSection: Bool)] {
        var items: [(NavSection, String, String)] = [
            (.front, "Forside", ""),
            (.recommendations, "Anbefalinger", Route.recommendations),
            (.parties, "Hvem gjør hva", Route.parties),
            (.meetings, "Møter", Route.meetings),
        ]
        if !site.checklists.isEmpty {
            let folder = site.checklists.count == 1 ? Route.path(of: site.checklists[0]) : Route.checklists
            items.append((.checklists, site.checklists.count == 1 ? "Sjekkliste" : "Sjekklister", folder))
        }
        if let first = site.pages.first {
            items.append((.about, "Om", Route.path(of: first)))
        }
        return items.map { section, label, folder in
            (label, folder, folder == job.folder, section == job.section && folder != job.folder)
        }
    }
}
