import Content
import Diagnostics

/// `task-unknown` and `task-conflict`: a duty's `task:` is one of `tasks.yml` (when the file
/// exists), and two recommendations in force do not give one task to different parties.
///
/// A recommendation that `supersedes` another is not in conflict with it: the one superseded is
/// no longer in force once the new one is (`Site.isInForce`).
struct TaskRule: ValidationRule {
    func check(_ site: Site) -> [Diagnostic] {
        unknownTasks(site) + conflicts(site)
    }

    private func unknownTasks(_ site: Site) -> [Diagnostic] {
        guard let tasks = site.tasks, !site.incompleteFiles.contains("tasks.yml") else { return [] }
        let ids = tasks.map(\.id.value)
        var diagnostics: [Diagnostic] = []
        for recommendation in site.recommendations {
            // By index: a copy of each duty (all its located strings) was most of this rule's time.
            for index in recommendation.responsible.indices {
                guard let task = recommendation.responsible[index].task, !site.hasTask(task.value) else { continue }
                diagnostics.append(
                    Diagnostic(
                        .taskUnknown, at: task.location,
                        "oppgaven `\(task.value)` finnes ikke i tasks.yml.\(Suggestion.hint(for: task.value, among: ids))"
                            + " Bruk en id fra tasks.yml, eller legg oppgaven til der."))
            }
        }
        return diagnostics
    }

    /// Each duty in force whose task another recommendation in force gives to another party,
    /// reported at the duty's `task:` and naming where the others are.
    private func conflicts(_ site: Site) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Each recommendation's standing worked out once, not once for each of its duties.
        let inForce = Set(site.recommendations.filter { recommendation in
            recommendation.responsible.contains { $0.task != nil } && site.isInForce(recommendation)
        }.map(ObjectIdentifier.init))
        for id in site.taskIDs {
            let duties = site.duties(withTask: id).filter { inForce.contains(ObjectIdentifier($0.recommendation)) }
            guard Set(duties.map(\.responsibility.party.value)).count > 1 else { continue }
            for (recommendation, responsibility) in duties {
                guard let task = responsibility.task else { continue }
                let party = responsibility.party.value
                let others = duties.filter { $0.recommendation !== recommendation && $0.responsibility.party.value != party }
                guard !others.isEmpty else { continue }
                let named = others.prefix(3).map { other in
                    "\(site.partyName(other.responsibility.party.value).lowercased()) i \(other.recommendation.id.value) (\(other.responsibility.task?.location ?? other.responsibility.location))"
                }
                let more = others.count > 3 ? " og \(others.count - 3) til" : ""
                diagnostics.append(
                    Diagnostic(
                        .taskConflict, at: task.location,
                        "oppgaven `\(id)` er gitt til \(site.partyName(party).lowercased()) her, men til \(named.joined(separator: ", "))\(more);"
                            + " to gjeldende anbefalinger kan ikke gi samme oppgave til ulike parter. Rett den ene, eller la den nye erstatte den gamle med `supersedes:`"
                    ))
            }
        }
        return diagnostics
    }
}
