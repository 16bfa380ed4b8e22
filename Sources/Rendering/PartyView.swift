import Content

/// A party's page: its duties on one page of `page`, grouped by recommendation set.
enum PartyView {
    static func make(
        _ party: Party, duties: [(recommendation: Recommendation, responsibility: Responsibility)], page: Pagination,
        context: PageContext
    ) -> View {
        let site = context.site
        var groups: [(setSlug: String, items: [View])] = []
        for (recommendation, responsibility) in duties[page.range] {
            let item = view([
                "recommendation": CommonViews.recommendationSummary(recommendation, context),
                "dutyHTML": context.inlineHTML(responsibility.duty, in: recommendation.document),
            ])
            if groups.last?.setSlug == recommendation.setSlug {
                groups[groups.count - 1].items.append(item)
            } else {
                groups.append((recommendation.setSlug, [item]))
            }
        }
        return view([
            "name": party.name.value,
            "id": party.id.value,
            "partyDescription": party.description?.value,
            "dutyCountLabel": duties.count == 1 ? "1 oppgave" : "\(duties.count) oppgaver",
            "pagination": page.navigation(context, items: "oppgaver"),
            "groups": groups.map { group in
                let set = site.set(slug: group.setSlug)
                return view([
                    "setTitle": set?.title.value ?? group.setSlug,
                    "setHref": set.map { context.href(Route.path(of: $0)) },
                    "duties": group.items,
                ])
            },
        ])
    }
}
