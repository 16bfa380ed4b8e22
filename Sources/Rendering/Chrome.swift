import Content
import Foundation

/// The values the layout needs on every page: titles, navigation, breadcrumbs, footer.
enum Chrome {
    /// The site header (`header.mustache`: title, menu, search box), rendered once for each
    /// folder depth and menu state rather than on every page: it was a fifth of each page's
    /// Mustache tags. It sees only values that are the same on every page at one depth.
    final class Headers: @unchecked Sendable {
        private let templates: TemplateSet
        private let lock = NSLock()
        /// Guarded by `lock`.
        private var rendered: [String: String] = [:]

        init(_ templates: TemplateSet) { self.templates = templates }

        func html(for job: PageJob, context: PageContext) -> String {
            let menu = navigation(context.site, job: job)
            var key = context.root + "\u{0}"
            for item in menu { key += (item.current ? "c" : "-") + (item.inSection ? "s" : "-") }
            if let html = lock.withLock({ rendered[key] }) { return html }
            let config = context.site.config
            // Without its final newline: the layout's line gives it one.
            let bytes = templates.render(
                "header",
                view([
                    "lang": config.language,
                    "siteTitle": config.title.value,
                    "siteDescription": config.description?.value,
                    "release": config.release.value,
                    "root": context.root,
                    "homeHref": context.href(""),
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
            )
            let html = String(decoding: bytes.dropLast(), as: UTF8.self)
            lock.withLock { rendered[key] = html }
            return html
        }
    }

    static func values(for job: PageJob, context: PageContext, versions: VersionSwitcher, headers: Headers) -> View {
        let site = context.site
        let config = site.config
        var crumbs: [View] = []
        if !job.crumbs.isEmpty {
            crumbs = job.crumbs.map { view(["label": $0.label, "href": context.href($0.folder)]) }
            crumbs.append(view(["label": job.title]))
        }
        return view([
            "lang": config.language,
            "siteTitle": config.title.value,
            "siteDescription": config.description?.value,
            "title": job.title,
            "documentTitle": job.folder.isEmpty ? config.title.value : "\(job.title) – \(config.title.value)",
            "description": job.description ?? config.description?.value,
            "root": context.root,
            "homeHref": context.href(""),
            "stylesheet": context.file("assets/style.css"),
            "headerHTML": headers.html(for: job, context: context),
            "breadcrumbs": crumbs,
            "release": config.release.value,
            "releaseDate": NorwegianDate.format(config.releaseDate.value),
            "releaseDateMachine": config.releaseDate.value.description,
            "organisation": config.organisation?.value == config.title.value ? nil : config.organisation?.value,
            "secretariat": config.secretariat?.value,
            "pageType": job.template,
            "feedHref": context.file("feed.xml"),
            "versionsScript": context.file("assets/versions.js"),
            "versions": versions.links(for: job.output),
            "releasesHref": context.href(Route.releases),
            "accessibilityHref": context.href(Route.accessibility),
            "canonicalURL": config.baseURL.value + "v/" + config.release.value + "/" + job.folder,
        ])
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
