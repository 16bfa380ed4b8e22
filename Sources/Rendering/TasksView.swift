import Content

/// `oppgaver/`: each task (in the order of `tasks.yml`, then by slug), the parties that hold it
/// and the recommendations that give it to them.
///
/// Every published recommendation that names the task is listed with its status, and one that a
/// recommendation in force supersedes says so: the validator keeps those in force from giving a
/// task to two parties (`task-conflict`), so a second party here is one still on `høring`, a
/// draft, or superseded.
enum TasksView {
    /// One page of `oppgaver/`: the tasks whose rows (`TaskListing`) are on it; a task whose rows
    /// run over two pages has its heading on both.
    static func make(_ listing: TaskListing, page: Pagination, context: PageContext) -> View {
        let count = listing.tasks.count
        return view([
            "countLabel": count == 1 ? "1 oppgave" : "\(count) oppgaver",
            "partiesHref": context.href(Route.parties),
            "tasks": listing.tasks(on: page).map { task in self.task(task.id, rows: listing.rows[task.rows], context) },
            "pagination": page.navigation(context, items: "oppføringer"),
        ])
    }

    /// The section id of a task; the prefix keeps it from meeting the layout's own ids.
    static func anchor(_ id: String) -> String { "oppgave-" + id }

    private static func task(_ id: String, rows: ArraySlice<TaskListing.Row>, _ context: PageContext) -> View {
        let site = context.site
        var holders: [(party: String, items: [View])] = []
        for row in rows {
            let recommendation = row.recommendation
            let superseding = site.recommendations(superseding: recommendation.id.value).filter(site.isInForce)
            let item = view([
                "id": recommendation.id.value,
                "title": recommendation.title.value,
                "href": context.href(Route.path(of: recommendation)) + "#" + PageIDs.duty(ofParty: row.party),
                "status": CommonViews.status(recommendation.status.value),
                "supersededBy": superseding.map { view(["id": $0.id.value, "href": context.href(Route.path(of: $0))]) },
            ])
            // The rows are party by party: a new party begins a new holder.
            if holders.last?.party == row.party {
                holders[holders.count - 1].items.append(item)
            } else {
                holders.append((row.party, [item]))
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
