import Content

/// The recommendation page: who does what first, then everything else about the text.
enum RecommendationView {
    static func make(_ recommendation: Recommendation, set: RecommendationSet?, context: PageContext) -> View {
        let site = context.site
        let document = recommendation.document
        let status = recommendation.status.value
        let replacements = site.recommendations(superseding: recommendation.id.value)
        let superseded = recommendation.supersedes.compactMap { site.recommendation(id: $0.value) }
        return view([
            "id": recommendation.id.value,
            "version": recommendation.version.value.description,
            "status": CommonViews.status(status),
            "adopted": CommonViews.date(recommendation.adopted?.value),
            "review": CommonViews.date(recommendation.review?.value),
            "owner": CommonViews.partyLink(recommendation.owner.value, context),
            "set": set.map { view(["title": $0.title.value, "href": context.href(Route.path(of: $0))]) },
            "withdrawnReason": recommendation.withdrawnReason?.value,
            "duties": recommendation.responsible.map { responsibility in
                view([
                    "party": CommonViews.partyLink(responsibility.party.value, context),
                    "dutyHTML": context.inlineHTML(responsibility.duty, in: document),
                ])
            },
            "handover": recommendation.handover.map { handover in
                view([
                    "from": CommonViews.partyLink(handover.from.value, context),
                    "to": CommonViews.partyLink(handover.to.value, context),
                    "when": handover.when?.value,
                ])
            },
            "bodyHTML": status == .trukket ? nil : context.html(document),
            "tags": recommendation.tags.map(\.value),
            "changelog": recommendation.changelog.map { entry in
                view([
                    "version": entry.version.value.description,
                    "date": CommonViews.date(entry.date?.value),
                    "summaryHTML": context.inlineHTML(entry.summary, in: document),
                ])
            },
            "meetings": site.meetings(relatedTo: recommendation.id.value).map { CommonViews.meetingSummary($0, context) },
            "replacedBy": replacements.map { CommonViews.recommendationSummary($0, context) },
            "supersedes": superseded.map { CommonViews.recommendationSummary($0, context) },
            "source": recommendation.source?.value,
            "shortLinkHref": context.href(Route.shortLink(recommendation.id.value)),
        ])
    }
}
