import Content
import Diagnostics

/// `party-unknown`: every `party`, `owner` and `handover.from/to` names a party in parties.yml.
struct PartyReferenceRule: ValidationRule {
    func check(_ site: Site) -> [Diagnostic] {
        guard !site.incompleteFiles.contains("parties.yml") else { return [] }
        let ids = site.parties.map(\.id.value)
        var diagnostics: [Diagnostic] = []
        func verify(_ party: Located<String>, _ role: String) {
            guard site.party(party.value) == nil else { return }
            diagnostics.append(
                Diagnostic(
                    .partyUnknown, at: party.location,
                    "\(role) `\(party.value)` finnes ikke i parties.yml.\(Suggestion.hint(for: party.value, among: ids))"
                        + " Bruk en id fra parties.yml, eller legg parten til der."))
        }
        for recommendation in site.recommendations {
            verify(recommendation.owner, "eieren")
            // By index: a copy of each duty (all its located strings) would cost more than the check.
            for index in recommendation.responsible.indices { verify(recommendation.responsible[index].party, "parten") }
            for handover in recommendation.handover {
                verify(handover.from, "parten")
                verify(handover.to, "parten")
            }
        }
        for set in site.sets { verify(set.owner, "eieren") }
        for checklist in site.checklists { verify(checklist.owner, "eieren") }
        return diagnostics
    }
}
