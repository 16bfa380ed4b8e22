import Content

/// `sitemap.xml` and the Atom feed `feed.xml`: the two files that need absolute addresses.
///
/// They point into `v/<release>/`, which never changes once published, so a link in a feed
/// reader keeps working after the next release.
enum Feeds {
    static let path = "feed.xml"

    static func sitemap(pages: [PageJob], releaseURL: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages where page.template != "redirect" && page.template != "404" {
            xml += "  <url><loc>\(Escaping.xml(releaseURL + page.folder))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// The release's changes, its meetings and its open consultations. A recommendation's entry is new, changed or
    /// withdrawn since the previous release (in the first release: every recommendation), with
    /// an id stable per recommendation and version; a meeting's id is stable per meeting, and a
    /// consultation's per recommendation or checklist and deadline.
    static func atom(_ site: Site, changes: ReleaseChanges, releaseURL: String) -> String {
        let config = site.config
        let base = config.baseURL.value
        func changed(_ r: Recommendation) -> ContentDate {
            r.changelog.first { $0.version.value == r.version.value }?.date?.value ?? r.adopted?.value ?? config.releaseDate.value
        }
        var entries: [(updated: ContentDate, key: String, xml: String)] = []
        func add(_ recommendation: Recommendation, _ kind: String) {
            let summary =
                recommendation.changelog.first { $0.version.value == recommendation.version.value }.map { $0.summary.value }
                ?? recommendation.status.value.label
            entries.append(
                (
                    changed(recommendation), recommendation.id.value,
                    entry(
                        title: "\(kind): \(recommendation.id.value) \(recommendation.title.value)",
                        id: base + Route.shortLink(recommendation.id.value) + "#" + recommendation.version.value.description,
                        url: releaseURL + Route.path(of: recommendation), updated: changed(recommendation),
                        summary: "Versjon \(recommendation.version.value) (\(recommendation.status.value.label)): \(summary)")
                ))
        }
        if changes.previous == nil {
            site.recommendations.forEach { add($0, "Ny") }
        } else {
            changes.added.forEach { add($0, "Ny") }
            changes.changed.forEach { add($0.recommendation, "Endret") }
            changes.withdrawn.forEach { add($0, "Trukket") }
        }
        for meeting in site.meetings {
            let when = [NorwegianDate.format(meeting.date.value), CommonViews.timeRange(meeting)].compactMap { $0 }.joined(separator: " ")
            entries.append(
                (
                    meeting.date.value, meeting.slug,
                    entry(
                        title: "Møte: \(meeting.title.value) (\(when))", id: base + Route.path(of: meeting),
                        url: releaseURL + Route.path(of: meeting), updated: meeting.date.value,
                        summary: meeting.description?.value ?? meeting.venue?.value ?? meeting.title.value)
                ))
        }
        // The open consultations: an id per consultation and deadline (a deadline moved is news).
        for consultation in site.consultationsByState.open {
            let deadline = consultation.hearing?.deadline.value
            let updated: ContentDate
            switch consultation.subject {
            case .recommendation(let recommendation): updated = changed(recommendation)
            case .checklist: updated = config.releaseDate.value
            }
            var summary = "\(consultation.kindLabel) \(consultation.id) er på høring"
            summary += deadline.map { " med frist \(NorwegianDate.format($0))." } ?? "."
            switch consultation.hearing?.respondTo.value {
            case .email(let address): summary += " Send høringssvar på e-post til \(address)."
            case .url(let url): summary += " Send høringssvar på \(url)"
            case nil: break
            }
            entries.append(
                (
                    updated, "horing-" + consultation.key,
                    entry(
                        title: "På høring: \(consultation.id) \(consultation.title)"
                            + (deadline.map { " (frist \(NorwegianDate.format($0)))" } ?? ""),
                        id: base + Route.hearings + "#" + consultation.key + (deadline.map { "-" + $0.description } ?? ""),
                        url: releaseURL + consultation.path, updated: updated, summary: summary)
                ))
        }
        entries.sort { $0.updated != $1.updated ? $0.updated > $1.updated : naturalLess($0.key, $1.key) }
        let head = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Escaping.xml(config.language))">
              <title>\(Escaping.xml(config.title.value))</title>
              <subtitle>Endringer, møter og høringer, utgave \(Escaping.xml(config.release.value))</subtitle>
              <id>\(Escaping.xml(base))</id>
              <link rel="self" href="\(Escaping.xml(releaseURL + path))"/>
              <link rel="alternate" type="text/html" href="\(Escaping.xml(releaseURL))"/>
              <updated>\(timestamp(config.releaseDate.value))</updated>
              <author><name>\(Escaping.xml(config.organisation?.value ?? config.title.value))</name></author>

            """
        return head + entries.map(\.xml).joined() + "</feed>\n"
    }

    private static func entry(title: String, id: String, url: String, updated: ContentDate, summary: String) -> String {
        """
          <entry>
            <title>\(Escaping.xml(title))</title>
            <id>\(Escaping.xml(id))</id>
            <link rel="alternate" type="text/html" href="\(Escaping.xml(url))"/>
            <updated>\(timestamp(updated))</updated>
            <summary>\(Escaping.xml(summary))</summary>
          </entry>

        """
    }

    /// Atom wants a full timestamp; a content date means its first day, at midnight UTC.
    static func timestamp(_ date: ContentDate) -> String {
        let full = ContentDate(year: date.year, month: date.month ?? 1, day: date.day ?? 1)
        return full.description + "T00:00:00Z"
    }
}
