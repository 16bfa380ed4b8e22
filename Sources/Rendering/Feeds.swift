import Content

/// `sitemap.xml` and the Atom feed `feed.xml`: the two files that need absolute addresses.
///
/// They point into `v/<release>/`, which never changes once published, so a link in a feed
/// reader keeps working after the next release.
enum Feeds {
    static func sitemap(pages: [PageJob], releaseURL: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages where page.template != "redirect" && page.template != "404" {
            xml += "  <url><loc>\(Escaping.xml(releaseURL + page.folder))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// One entry per published recommendation, newest change first.
    static func atom(_ site: Site, releaseURL: String) -> String {
        let config = site.config
        let updated = timestamp(config.releaseDate.value)
        func changed(_ r: Recommendation) -> ContentDate {
            r.changelog.compactMap { $0.date?.value }.max() ?? r.adopted?.value ?? config.releaseDate.value
        }
        let entries = site.recommendations.sorted { a, b in
            let (x, y) = (changed(a), changed(b))
            return x != y ? x > y : naturalLess(a.id.value, b.id.value)
        }
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Escaping.xml(config.language))">
              <title>\(Escaping.xml(config.title.value))</title>
              <subtitle>Anbefalinger om samarbeid, utgave \(Escaping.xml(config.release.value))</subtitle>
              <id>\(Escaping.xml(config.baseURL.value))</id>
              <link rel="self" href="\(Escaping.xml(releaseURL + "feed.xml"))"/>
              <link rel="alternate" type="text/html" href="\(Escaping.xml(releaseURL))"/>
              <updated>\(updated)</updated>
              <author><name>\(Escaping.xml(config.organisation?.value ?? config.title.value))</name></author>

            """
        for recommendation in entries {
            let url = releaseURL + Route.path(of: recommendation)
            let summary = recommendation.changelog.first.map { $0.summary.value } ?? recommendation.status.value.label
            xml += """
                  <entry>
                    <title>\(Escaping.xml("\(recommendation.id.value) \(recommendation.title.value)"))</title>
                    <id>\(Escaping.xml(config.baseURL.value + Route.shortLink(recommendation.id.value) + "#" + recommendation.version.value.description))</id>
                    <link rel="alternate" type="text/html" href="\(Escaping.xml(url))"/>
                    <updated>\(timestamp(changed(recommendation)))</updated>
                    <summary>\(Escaping.xml("Versjon \(recommendation.version.value) (\(recommendation.status.value.label)): \(summary)"))</summary>
                  </entry>

                """
        }
        return xml + "</feed>\n"
    }

    /// Atom wants a full timestamp; a content date means its first day, at midnight UTC.
    static func timestamp(_ date: ContentDate) -> String {
        let full = ContentDate(year: date.year, month: date.month ?? 1, day: date.day ?? 1)
        return full.description + "T00:00:00Z"
    }
}
