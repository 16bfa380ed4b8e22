import Content

/// Small views shared by several page types.
enum CommonViews {
    /// A status as pages show it; made once for each of the five.
    static func status(_ status: Status) -> View {
        statuses[status] ?? makeStatus(status)
    }

    private static let statuses = Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0, makeStatus($0)) })

    private static func makeStatus(_ status: Status) -> View {
        view([
            "code": status.rawValue == "høring" ? "horing" : status.rawValue,
            "label": status.label,
            "isHoring": status == .høring ? true : nil,
            "isDraft": status == .utkast ? true : nil,
            "isWithdrawn": status == .trukket ? true : nil,
        ])
    }

    static func date(_ date: ContentDate?) -> View? {
        date.map { view(["text": NorwegianDate.format($0), "machine": NorwegianDate.machine($0)]) }
    }

    static func partyLink(_ id: String, _ context: PageContext) -> View {
        view([
            "name": context.site.partyName(id),
            "id": id,
            "href": context.site.party(id) == nil ? nil : context.href(Route.path(ofParty: id)),
        ])
    }

    /// A recommendation in a list: id, title, status and the parties that have duties in it (their
    /// names and ids, as text).
    static func recommendationSummary(_ recommendation: Recommendation, _ context: PageContext) -> View {
        var seen = Set<String>()
        let parties = recommendation.responsible.map(\.party.value).filter { seen.insert($0).inserted }
        return view([
            "id": recommendation.id.value,
            "title": recommendation.title.value,
            "href": context.href(Route.path(of: recommendation)),
            "status": status(recommendation.status.value),
            "version": recommendation.version.value.description,
            "adopted": date(recommendation.adopted?.value),
            "partyNames": parties.map { context.site.partyName($0) }.joined(separator: ", "),
            "partyIDs": parties.joined(separator: " "),
        ])
    }

    /// A set in a list; with `listing` (some or all of its recommendations) where the page lists them too.
    static func setSummary(_ set: RecommendationSet, _ context: PageContext, listing: [Recommendation]? = nil) -> View {
        let count = context.site.recommendations(inSet: set.slug).count
        return view([
            "id": set.id.value,
            "title": set.title.value,
            "href": context.href(Route.path(of: set)),
            "status": status(set.status.value),
            "adopted": date(set.adopted?.value),
            "description": set.description?.value,
            "count": count,
            "countLabel": count == 1 ? "1 anbefaling" : "\(count) anbefalinger",
            "recommendations": listing?.map { recommendationSummary($0, context) },
        ])
    }

    static func meetingSummary(_ meeting: Meeting, _ context: PageContext) -> View {
        view([
            "id": meeting.id.value,
            "title": meeting.title.value,
            "href": context.href(Route.path(of: meeting)),
            "date": NorwegianDate.formatWithWeekday(meeting.date.value),
            "dateMachine": meeting.date.value.description,
            "time": timeRange(meeting),
            "venue": meeting.venue?.value,
        ])
    }

    /// "16:00–18:00", "fra 16:00", or `nil` when no time is given.
    static func timeRange(_ meeting: Meeting) -> String? {
        switch (meeting.start?.value, meeting.end?.value) {
        case let (start?, end?): "\(start)–\(end)"
        case let (start?, nil): "fra \(start)"
        case let (nil, end?): "til \(end)"
        case (nil, nil): nil
        }
    }

    /// The meetings on or after the release date (the build's only clock).
    static func isUpcoming(_ meeting: Meeting, site: Site) -> Bool {
        meeting.date.value >= site.config.releaseDate.value
    }
}
