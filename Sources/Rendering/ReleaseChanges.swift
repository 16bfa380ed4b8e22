import Content
import Templating

/// What changed since the previous release in the output folder: new, changed and withdrawn
/// recommendations, new and changed checklists, and recommendations overdue for review.
struct ReleaseChanges: Sendable {
    struct Changed: Sendable {
        let recommendation: Recommendation
        let before: ReleaseHistory.RecordedRecommendation
        /// The changelog entries after the previous release's version, newest first.
        let entries: [ChangelogEntry]
    }

    struct ChangedChecklist: Sendable {
        let checklist: Checklist
        /// `nil` for a new checklist.
        let previousVersion: String?
    }

    /// `nil` for the first release in the output folder.
    let previous: ReleaseHistory.Release?
    let added: [Recommendation]
    let changed: [Changed]
    let withdrawn: [Recommendation]
    let checklists: [ChangedChecklist]
    let overdue: [Recommendation]

    /// `recorded` is only made when there is a previous release to compare with.
    init(_ site: Site, history: ReleaseHistory, recorded makeRecorded: @autoclosure () -> ReleaseHistory.Recorded) {
        let previous = history.previous(before: site)
        self.previous = previous
        overdue = site.recommendations.filter(site.isReviewOverdue)
        guard let previous else {
            (added, changed, withdrawn, checklists) = ([], [], [], [])
            return
        }
        let recorded = makeRecorded()
        let before = Dictionary(previous.recommendations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var added: [Recommendation] = []
        var changed: [Changed] = []
        var withdrawn: [Recommendation] = []
        for (recommendation, record) in zip(site.recommendations, recorded.recommendations) {
            let isWithdrawn = recommendation.status.value == .trukket
            guard let old = before[recommendation.id.value] else {
                if isWithdrawn { withdrawn.append(recommendation) } else { added.append(recommendation) }
                continue
            }
            if isWithdrawn, old.status != Status.trukket.rawValue {
                withdrawn.append(recommendation)
            } else if old.sha256 != record.sha256 {
                let since = Version(old.version)
                let entries = recommendation.changelog.filter { entry in since.map { entry.version.value > $0 } ?? true }
                changed.append(Changed(recommendation: recommendation, before: old, entries: entries))
            }
        }
        (self.added, self.changed, self.withdrawn) = (added, changed, withdrawn)
        let oldChecklists = Dictionary(previous.checklists.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        checklists = zip(site.checklists, recorded.checklists).compactMap { checklist, record in
            guard let old = oldChecklists[checklist.id.value] else { return ChangedChecklist(checklist: checklist, previousVersion: nil) }
            return old.sha256 == record.sha256 ? nil : ChangedChecklist(checklist: checklist, previousVersion: old.version)
        }
    }

    var isEmpty: Bool { added.isEmpty && changed.isEmpty && withdrawn.isEmpty && checklists.isEmpty }

    /// How many recommendations the what-changed page lists: new, changed, withdrawn and overdue,
    /// in that order, which is the list its pages split (the checklists are on the first).
    var listedCount: Int { added.count + changed.count + withdrawn.count + overdue.count }

    /// The view of one page of the what-changed page (`page`), or, with `limit` and no page, of
    /// its summary on the front page.
    func make(_ context: PageContext, page: Pagination? = nil, limit: Int? = nil) -> View {
        // The part of each list on this page: the lists follow each other in one numbering.
        var start = 0
        func onPage<T>(_ items: [T]) -> ArraySlice<T> {
            defer { start += items.count }
            guard let page else { return items[...] }
            let range = page.range.clamped(to: start..<start + items.count)
            return items[(range.lowerBound - start)..<(range.upperBound - start)]
        }
        let (added, changed, withdrawn, overdue) = (onPage(added), onPage(changed), onPage(withdrawn), onPage(overdue))
        let checklists = (page?.number ?? 1) == 1 ? self.checklists : []
        func recommendation(_ recommendation: Recommendation, _ extra: KeyValuePairs<String, (any TemplateRepresentable)?> = [:]) -> View {
            CommonViews.recommendationSummary(recommendation, context).merging(view(extra)) { _, extra in extra }
        }
        let changedViews = changed.map { change in
            recommendation(
                change.recommendation,
                [
                    "from": change.before.version,
                    "to": change.recommendation.version.value.description,
                    "entries": change.entries.map { entry in
                        view([
                            "version": entry.version.value.description,
                            "summaryHTML": context.inlineHTML(entry.summary, in: change.recommendation.document),
                        ])
                    },
                ])
        }
        let items = view([
            "previousRelease": previous?.release,
            "isFirstRelease": previous == nil ? true : nil,
            "nothingChanged": previous != nil && isEmpty ? true : nil,
            "added": added.map { recommendation($0) },
            "changed": changedViews,
            "withdrawn": withdrawn.map { recommendation($0) },
            "checklists": checklists.map { change in
                view([
                    "title": change.checklist.title.value,
                    "href": context.href(Route.path(of: change.checklist)),
                    "from": change.previousVersion,
                    "to": change.checklist.version.value.description,
                ])
            },
            "overdue": overdue.map { recommendation($0, ["review": CommonViews.date($0.review?.value)]) },
            "changesHref": context.href(Route.changes),
            "pagination": page?.navigation(context, items: "anbefalinger", everything: .feed),
        ])
        guard let limit else { return items }
        // The front page: the first few changes of any kind, and how many there are.
        let headlines =
            added.map { recommendation($0, ["kind": "Ny"]) } + changed.map { recommendation($0.recommendation, ["kind": "Endret"]) }
            + withdrawn.map { recommendation($0, ["kind": "Trukket"]) }
        let total = headlines.count + checklists.count
        return view([
            "previousRelease": previous?.release,
            "isFirstRelease": previous == nil ? true : nil,
            "headlines": Array(headlines.prefix(limit)),
            "moreCount": total > limit ? total - min(limit, headlines.count) : nil,
            "changeCount": total,
            "changesHref": context.href(Route.changes),
        ])
    }
}
