import Content

/// The rows of `oppgaver/`, computed once a build: one row per recommendation that gives a task
/// to a party, task by task (in the order of `site.taskIDs`), and within a task party by party
/// (in the order each party first holds it). The page is split by rows, `Pagination.pageSize` to
/// a page, because one task can be given by any number of recommendations; knowing where each task
/// begins lets a recommendation's link to its task name the page the task is on.
struct TaskListing: Sendable {
    struct Row: Sendable {
        let task: String
        let party: String
        let recommendation: Recommendation
    }

    let rows: [Row]
    /// Each task and its rows in `rows` (an empty range where no published duty names it).
    let tasks: [(id: String, rows: Range<Int>)]
    private let start: [String: Int]

    init(_ site: Site) {
        var rows: [Row] = []
        var tasks: [(id: String, rows: Range<Int>)] = []
        for id in site.taskIDs {
            var holders: [(party: String, ids: Set<String>, rows: [Row])] = []
            for (recommendation, responsibility) in site.duties(withTask: id) {
                let party = responsibility.party.value
                let row = Row(task: id, party: party, recommendation: recommendation)
                if let index = holders.firstIndex(where: { $0.party == party }) {
                    // A party listed twice in one recommendation, with the task both times: one row.
                    if holders[index].ids.insert(recommendation.id.value).inserted { holders[index].rows.append(row) }
                } else {
                    holders.append((party, [recommendation.id.value], [row]))
                }
            }
            let first = rows.count
            rows += holders.flatMap(\.rows)
            tasks.append((id, first..<rows.count))
        }
        self.rows = rows
        self.tasks = tasks
        start = Dictionary(tasks.map { ($0.id, $0.rows.lowerBound) }, uniquingKeysWith: { first, _ in first })
    }

    /// The tasks on `page`: those with rows on it, and those without rows whose place is on it.
    func tasks(on page: Pagination) -> [(id: String, rows: Range<Int>)] {
        tasks.compactMap { task in
            if task.rows.isEmpty { return page.holds(task.rows.lowerBound) ? task : nil }
            let shown = task.rows.clamped(to: page.range)
            return shown.isEmpty ? nil : (task.id, shown)
        }
    }

    /// The link to a task: the page of `oppgaver/` where its rows begin, at its section.
    func href(_ task: String, _ context: PageContext) -> String {
        let number = Pagination.number(ofItemAt: start[task] ?? 0, in: rows.count)
        return context.href(Route.page(number, of: Route.tasks)) + "#" + TasksView.anchor(task)
    }
}
