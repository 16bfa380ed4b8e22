import Content
import Markdown

/// The recommendation page: who does what first, then everything else about the text.
enum RecommendationView {
    /// `changed`: the page shows what changed since the previous release (`history`).
    /// `transitions`: the site's, so that each handover links to its transition's page; `tasks`,
    /// so that each task links to the page of `oppgaver/` it is on.
    static func make(
        _ recommendation: Recommendation, set: RecommendationSet?, transitions: Transitions, tasks: TaskListing, changed: Bool = false,
        context: PageContext
    ) -> View {
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
            "endorsements": recommendation.endorsements.map { endorsement in
                let reference = endorsement.reference?.value
                let isLink = reference.map { $0.hasPrefix("https://") || $0.hasPrefix("http://") } ?? false
                return view([
                    "by": endorsement.by.value,
                    "level": Self.side(endorsement.level.value),
                    "date": CommonViews.date(endorsement.date.value),
                    "reference": isLink ? nil : reference,
                    "referenceHref": isLink ? reference : nil,
                ])
            },
            "set": set.map { view(["title": $0.title.value, "href": context.href(Route.path(of: $0))]) },
            "withdrawnReason": recommendation.withdrawnReason?.value,
            "duties": recommendation.responsible.enumerated().map { index, responsibility in
                let party = responsibility.party.value
                // A party listed twice (`responsible-repeated` warns) has its anchor on its first row only.
                let first = !recommendation.responsible[..<index].contains { $0.party.value == party }
                return view([
                    "party": CommonViews.partyLink(party, context),
                    "rowID": first ? PageIDs.duty(ofParty: party) : nil,
                    "dutyHTML": context.inlineHTML(responsibility.duty, in: document),
                    "task": responsibility.task.map { task in
                        view([
                            "title": context.site.taskTitle(task.value),
                            "href": tasks.href(task.value, context),
                        ])
                    },
                ])
            },
            "handover": recommendation.handover.map { handover in
                view([
                    "from": CommonViews.partyLink(handover.from.value, context),
                    "to": CommonViews.partyLink(handover.to.value, context),
                    "when": handover.when?.value,
                    "transitionHref": transitions.transition(from: handover.from.value, to: handover.to.value).map {
                        context.href(Route.path(of: $0))
                    },
                ])
            },
            "swimlaneHTML": Swimlane(recommendation, site: site).html,
            "bodyHTML": status == .trukket
                ? nil : context.html(document, pageIDs: PageIDs.recommendation(recommendation, changed: changed)),
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
            "reviewOverdue": site.isReviewOverdue(recommendation) ? true : nil,
            "feedback": status == .trukket
                ? nil
                : FeedbackLinks.make(
                    .recommendation, id: recommendation.id.value, title: recommendation.title.value,
                    version: recommendation.version.value.description, path: Route.path(of: recommendation), site: site),
            "hearing": HearingView.make(
                recommendation.hearing, id: recommendation.id.value, title: recommendation.title.value, status: status, context: context),
        ])
    }

    /// Whom an endorsement speaks for, after the body's name: "(for kommunen)".
    private static func side(_ level: Level) -> String {
        switch level {
        case .kommune: "for kommunen"
        case .spesialisthelsetjeneste: "for spesialisthelsetjenesten"
        case .pasient: "for pasienter og pårørende"
        case .felles: "felles organ"
        }
    }

    /// The recommendation across the releases in the output folder, and what changed in its text
    /// and duties since the previous release.
    static func history(
        _ recommendation: Recommendation, history: ReleaseHistory, versions: VersionSwitcher, context: PageContext
    ) -> View {
        let id = recommendation.id.value
        let summaries = Dictionary(
            recommendation.changelog.map { ($0.version.value.description, $0.summary) }, uniquingKeysWith: { first, _ in first })
        func row(release: String, date: String, version: String, href: String?) -> View {
            view([
                "release": release,
                "date": ContentDate(date).map(NorwegianDate.format) ?? date,
                "version": version,
                "href": href,
                "summaryHTML": summaries[version].map { context.inlineHTML($0, in: recommendation.document) },
            ])
        }
        var rows = [
            row(
                release: context.site.config.release.value, date: context.site.config.releaseDate.value.description,
                version: recommendation.version.value.description, href: nil)
        ]
        for release in history.releases {
            guard let recorded = release.recommendation(id) else { continue }
            rows.append(
                row(
                    release: release.release, date: release.date, version: recorded.version,
                    href: versions.basePath + "v/\(release.release)/" + recorded.url + "index.html"))
        }
        var values = view(["releases": rows.count > 1 ? rows : []])
        let current = ReleaseHistory.text(recommendation)
        if let previous = history.previous(before: context.site), let before = history.previousTexts[id], before != current {
            // Duties are compared as the reader sees them; the text as written, paragraphs and all.
            func plain(_ duty: String?) -> String { duty.map(Markdown.inlinePlainText) ?? "" }
            let oldDuties = Dictionary(before.duties.map { ($0.party, $0.duty) }, uniquingKeysWith: { first, _ in first })
            let newParties = Set(current.duties.map(\.party))
            let duties =
                current.duties.map { duty in
                    view([
                        "party": context.site.partyName(duty.party),
                        "diffHTML": WordDiff.html(plain(oldDuties[duty.party]), plain(duty.duty)),
                    ])
                }
                + before.duties.filter { !newParties.contains($0.party) }.map { duty in
                    view(["party": context.site.partyName(duty.party), "diffHTML": WordDiff.html(plain(duty.duty), "")])
                }
            values["diff"] = .object(
                view([
                    "since": previous.release,
                    "duties": before.duties == current.duties ? nil : duties,
                    "textHTML": before.text == current.text ? nil : WordDiff.html(before.text, current.text),
                ]))
        }
        return values
    }
}
