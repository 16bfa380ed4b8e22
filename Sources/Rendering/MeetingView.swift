import Content

/// A meeting's page: when, where, what, and whether it counts towards GPs' courses.
enum MeetingView {
    static func make(_ meeting: Meeting, context: PageContext) -> View {
        let site = context.site
        return view([
            "date": NorwegianDate.formatWithWeekday(meeting.date.value),
            "dateMachine": meeting.date.value.description,
            "time": CommonViews.timeRange(meeting),
            "venue": meeting.venue?.value,
            "organisers": meeting.organisers.map { organiser in
                site.party(organiser.value) == nil ? view(["name": organiser.value]) : CommonViews.partyLink(organiser.value, context)
            },
            "accreditation": meeting.accreditation?.value,
            "programme": meeting.programme.map { item in
                view([
                    "time": item.time?.value,
                    "title": item.title.value,
                    "speakers": item.speakers.isEmpty ? nil : item.speakers.map(\.value).joined(separator: ", "),
                ])
            },
            "related": meeting.related.compactMap { site.recommendation(id: $0.value) }.map {
                CommonViews.recommendationSummary($0, context)
            },
            "bodyHTML": context.html(meeting.document),
            "isUpcoming": CommonViews.isUpcoming(meeting, site: site) ? true : nil,
            "source": meeting.source?.value,
            "calendarHref": context.file(Route.calendar(of: meeting)),
        ])
    }
}
