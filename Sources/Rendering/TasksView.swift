import Content

/// `oppgaver/`: each task (in the order of `tasks.yml`, then by slug), the parties that hold it
/// and the recommendations that give it to them.
///
/// Every published recommendation that names the task is listed with its status, and one that a
/// recommendation in force supersedes says so: the validator keeps those in force from giving a
/// task to two parties (`task-conflict`), so a second party here is one still on `høring`, a
/// draft, or superseded.
enum TasksView {
    static func make(_ context: PageContext) -> View {
        let site = context.site
        let ids = site.taskIDs
        return view([
            "countLabel": ids.count == 1 ? "1 oppgave" : "\(ids.count) oppgaver",
            "partiesHref": context.href(Route.parties),
            "tasks": ids.map { id in task(id, context) },
        ])
    }

    /// The section id of a task; the prefix keeps it from meeting the layout's own ids.
    static func anchor(_ id: String) -> String { "oppgave-" + id }

    private static func task(_ id: String, _ context: PageContext) -> View {
        let site = context.site
        var holders: [(party: String, ids: Set<String>, items: [View])] = []
        for (recommendation, responsibility) in site.duties(withTask: id) {
            let party = responsibility.party.value
            let superseding = site.recommendations(superseding: recommendation.id.value).filter(site.isInForce)
            let item = view([
                "id": recommendation.id.value,
                "title": recommendation.title.value,
                "href": context.href(Route.path(of: recommendation)) + "#" + PageIDs.duty(ofParty: party),
                "status": CommonViews.status(recommendation.status.value),
                "supersededBy": superseding.map { view(["id": $0.id.value, "href": context.href(Route.path(of: $0))]) },
            ])
            if let index = holders.firstIndex(where: { $0.party == party }) {
                // A party listed twice in one recommendation, with the task both times: shown once.
                if holders[index].ids.insert(recommendation.id.value).inserted { holders[index].items.append(item) }
            } else {
                holders.append((party, [recommendation.id.value], [item]))
            }
        }
        let named = site.task(id)
        return view([
            "anchor": anchor(id),
            "slug": id,
            "title": named?.title.value ?? id,
            "description": named?.description?.value,
            "holders": holders.map { holder in
                view(["party": CommonViews.partyLink(holder.party, context), "recommendations": holder.items])
            },
        ])
    }
}
