import Content
import Diagnostics

/// `handover-without-duty`: a `handover` whose `from` or `to` party has no duty in the same
/// recommendation's `responsible`. A transition is where one party lets go and the other takes
/// over; when the recommendation does not say what one of them does, the reader cannot tell.
struct HandoverRule: ValidationRule {
    func check(_ site: Site) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for recommendation in site.recommendations where !recommendation.handover.isEmpty && !recommendation.responsible.isEmpty {
            let parties = Set(recommendation.responsible.map(\.party.value))
            // An unknown party in `responsible` is `party-unknown` (with the id it likely means):
            // until that is fixed, the list cannot tell who has a duty.
            guard parties.allSatisfy({ site.party($0) != nil }) else { continue }
            for handover in recommendation.handover {
                for (party, key, role, moment) in [
                    (handover.from, "from", "gir fra seg ansvaret", "før"), (handover.to, "to", "tar over ansvaret", "etter"),
                ] {
                    let id = party.value
                    guard site.party(id) != nil, !parties.contains(id) else { continue }
                    let who = site.partyName(id).lowercased()
                    let when = handover.when.map { " «\($0.value)»" } ?? ""
                    diagnostics.append(
                        Diagnostic(
                            .handoverWithoutDuty, at: party.location,
                            "\(who) \(role) ved overgangen\(when), men har ingen oppgave i `responsible`; legg til `- party: \(id)` med `duty:` som sier hva \(who) gjør \(moment) overgangen, eller rett `\(key):`"
                        ))
                }
            }
        }
        return diagnostics
    }
}
