import Content

/// The values the layout needs on every page: titles, navigation, breadcrumbs, footer.
enum Chrome {
    static func values(for job: PageJob, context: PageContext, versions: VersionSwitcher) -> View {
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
            "nav": navigation(site, job: job, context: context),
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
            "searchHref": context.href(Route.search),
            "canonicalURL": config.baseURL.value + "v/" + config.release.value + "/" + job.folder,
        ])
    }

    static func navigation(_ site: Site, job: PageJob, context: PageContext) -> [View] {
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
            view([
                "label": label,
                "href": context.href(folder),
                "current": folder == job.folder ? true : nil,
                "inSection": section == job.section && folder != job.folder ? true : nil,
            ])
        }
    }
}
