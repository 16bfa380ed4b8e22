import Content
import Diagnostics

/// `page-slug-reserved`: a name that would put a page where the site puts one of its own. Free
/// pages live at the top of a release, beside the site's own folders; a list's later pages live
/// in `side/` beside the sets (`anbefalinger/side/2/`) and beside a set's recommendations
/// (`anbefalinger/<set>/side/2/`); a set's printed edition lives in `utskrift/` beside its
/// recommendations (`anbefalinger/<set>/utskrift/`); the sets' matrices live in `ansvar/sett/`,
/// beside the parties.
struct PageSlugRule: ValidationRule {
    func check(_ site: Site) -> [Diagnostic] {
        let pages = site.pages.filter { Route.reservedNames.contains($0.slug) }.map { page in
            Diagnostic(
                .pageSlugReserved, at: .start(of: page.document.path),
                "siden kan ikke hete `\(page.slug)`: nettstedet bruker allerede `\(page.slug)/`; gi filen et annet navn")
        }
        let pagesFolder = Route.pagesFolder
        let sets = site.sets.filter { $0.slug == pagesFolder }.map { set in
            Diagnostic(
                .pageSlugReserved, at: .start(of: set.document.path),
                "settet kan ikke ligge i en mappe som heter `\(pagesFolder)`: nettstedet bruker `\(Route.recommendations)\(pagesFolder)/` "
                    + "til de neste sidene i listen over anbefalinger; gi mappen et annet navn")
        }
        let recommendations = site.recommendations.filter { $0.slug == pagesFolder }.map { recommendation in
            Diagnostic(
                .pageSlugReserved, at: .start(of: recommendation.document.path),
                "anbefalingen kan ikke hete `\(pagesFolder)`: nettstedet bruker `\(pagesFolder)/` i settets mappe til de neste "
                    + "sidene i listen over settets anbefalinger; gi filen et annet navn")
        }
        let printFolder = Route.printFolder
        let printed = site.recommendations.filter { $0.slug == printFolder }.map { recommendation in
            Diagnostic(
                .pageSlugReserved, at: .start(of: recommendation.document.path),
                "anbefalingen kan ikke hete `\(printFolder)`: nettstedet bruker `\(printFolder)/` i settets mappe til "
                    + "utskriften av settets anbefalinger; gi filen et annet navn")
        }
        let parties = site.parties.filter { $0.id.value == Route.matrixFolder }.map { party in
            Diagnostic(
                .pageSlugReserved, at: party.id.location,
                "en part kan ikke ha id-en `\(Route.matrixFolder)`: nettstedet bruker `\(Route.setMatrices)` til tabellene over "
                    + "hvem som gjør hva i hvert sett; gi parten en annen id")
        }
        return pages + sets + recommendations + printed + parties
    }
}
