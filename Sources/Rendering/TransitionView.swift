import Content

/// The transitions (`overganger/`): where responsibility passes from one party to another, as the
/// recommendations in force say (`Transitions`).
enum TransitionView {
    /// `overganger/`: every pair, with how many recommendations cover it.
    static func index(_ transitions: Transitions, context: PageContext) -> View {
        view([
            "transitions": transitions.all.map { transition in
                view([
                    "label": title(transition, context.site),
                    "href": context.href(Route.path(of: transition)),
                    "count": transition.entries.count,
                ])
            },
            "diagramSVG": TransitionDiagram.svg(transitions, site: context.site),
            "partiesHref": context.href(Route.parties),
        ])
    }

    /// `overganger/<from>-<to>/`: each recommendation in force with a handover between the two —
    /// when, and what each of them does in it — `Pagination.drawnPageSize` to a page.
    static func page(_ transition: Transition, page: Pagination, context: PageContext) -> View {
        let site = context.site
        func duties(of party: String, in recommendation: Recommendation) -> View {
            view([
                "name": site.partyName(party),
                "dutiesHTML": recommendation.responsible.filter { $0.party.value == party }.map {
                    context.inlineHTML($0.duty, in: recommendation.document)
                },
            ])
        }
        return view([
            "from": CommonViews.partyLink(transition.from, context),
            "to": CommonViews.partyLink(transition.to, context),
            "countLabel": countLabel(transition.entries.count),
            "indexHref": context.href(Route.transitions),
            "pagination": page.navigation(context, items: "anbefalinger", everything: .transitionsAPI),
            "recommendations": transition.entries[page.range].map { entry in
                let recommendation = entry.recommendation
                return view([
                    "recommendation": CommonViews.recommendationSummary(recommendation, context),
                    "whens": entry.handovers.compactMap { $0.when?.value },
                    // The giver first, then the receiver.
                    "sides": [transition.from, transition.to].map { duties(of: $0, in: recommendation) },
                    // The two lanes of the recommendation's swimlane (aria-hidden: the list above says the same).
                    "swimlaneHTML": Swimlane(recommendation, site: site, parties: [transition.from, transition.to]).html,
                ])
            },
        ])
    }

    /// The transitions a party's page lists: those it hands over in, and those it takes over in.
    static func ofParty(_ party: String, _ transitions: Transitions, context: PageContext) -> View? {
        let involved = transitions.involving(party)
        guard !involved.isEmpty else { return nil }
        func link(_ transition: Transition) -> View {
            view([
                "label": title(transition, context.site),
                "href": context.href(Route.path(of: transition)),
                "countLabel": countLabel(transition.entries.count),
            ])
        }
        return view([
            "gives": involved.filter { $0.from == party }.map(link),
            "takes": involved.filter { $0.to == party }.map(link),
            "indexHref": context.href(Route.transitions),
        ])
    }

    /// «Fra Sykehuset til Fastlegen»: the page's title, and how other pages name it.
    static func title(_ transition: Transition, _ site: Site) -> String {
        "Fra \(site.partyName(transition.from)) til \(site.partyName(transition.to))"
    }

    static func countLabel(_ count: Int) -> String {
        count == 1 ? "1 gjeldende anbefaling" : "\(count) gjeldende anbefalinger"
    }
}
