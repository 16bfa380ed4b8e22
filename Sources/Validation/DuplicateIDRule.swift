import Content
import Diagnostics

/// `id-duplicate`: ids are unique across the site (an `id:` link must mean one thing), party ids
/// in parties.yml, and question ids within a checklist (answers are stored against them).
struct DuplicateIDRule: ValidationRule {
    func check(_ site: Site) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func unique(_ ids: [Located<String>], _ what: String) {
            var first: [String: Located<String>] = [:]
            for id in ids {
                if let earlier = first[id.value] {
                    diagnostics.append(
                        Diagnostic(
                            .idDuplicate, at: id.location,
                            "\(what) `\(id.value)` er allerede brukt i \(earlier.location); hver id skal være unik og aldri gjenbrukes"))
                } else {
                    first[id.value] = id
                }
            }
        }
        let contentIDs = site.sets.map(\.id) + site.recommendations.map(\.id) + site.meetings.map(\.id) + site.checklists.map(\.id)
        unique(contentIDs.sorted { $0.location < $1.location }, "id-en")
        unique(site.parties.map(\.id), "part-id-en")
        unique((site.tasks ?? []).map(\.id), "oppgave-id-en")
        for checklist in site.checklists {
            unique(checklist.questions.map(\.id), "spørsmåls-id-en")
        }
        return diagnostics
    }
}
