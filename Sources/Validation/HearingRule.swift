import Content
import Diagnostics

/// `hearing-missing` and `hearing-overdue`: a recommendation or checklist on consultation
/// (`status: høring`) must say when the consultation closes and where to answer, and its status
/// should move on once the deadline has passed (as of the release date, the build's only clock).
struct HearingRule: ValidationRule {
    func check(_ site: Site) -> [Diagnostic] {
        let recommendations = site.recommendations.flatMap { recommendation in
            check(status: recommendation.status, hearing: recommendation.hearing, what: "anbefalingen", site: site)
        }
        let checklists = site.checklists.flatMap { checklist in
            check(status: checklist.status, hearing: checklist.hearing, what: "sjekklisten", site: site)
        }
        return recommendations + checklists
    }

    private func check(status: Located<Status>, hearing: Hearing?, what: String, site: Site) -> [Diagnostic] {
        guard status.value == .høring else { return [] }
        guard let hearing else {
            return [
                Diagnostic(
                    .hearingMissing, at: status.location,
                    "\(what) er på høring, men har ingen `hearing:`; legg til `hearing:` med `deadline:` (høringsfristen, ÅÅÅÅ-MM-DD) og `respond_to:` (e-postadressen eller nettadressen svarene skal sendes til), så leserne ser fristen og hvor de svarer"
                )
            ]
        }
        guard site.isHearingOverdue(status: status.value, hearing: hearing) else { return [] }
        let releaseDate = site.config.releaseDate.value
        return [
            Diagnostic(
                .hearingOverdue, at: hearing.deadline.location,
                "høringsfristen \(hearing.deadline.value) er passert før utgivelsesdatoen \(releaseDate), men \(what) har fortsatt `status: høring`; sett ny status etter høringen (f.eks. `vedtatt`), eller en ny `deadline:` hvis høringen er forlenget"
            )
        ]
    }
}
