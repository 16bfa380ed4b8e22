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
        // A recommendation's page is a folder named after its file, beside the set's own folders.
        let setFolders = [
            (pagesFolder, "de neste sidene i listen over settets anbefalinger"),
            (Route.printFolder, "utskriften av settets anbefalinger"),
        ]
        let recommendations = site.recommendations.compactMap { recommendation -> Diagnostic? in
            guard let (name, use) = setFolders.first(where: { $0.0 == recommendation.slug }) else { return nil }
            return Diagnostic(
                .pageSlugReserved, at: .start(of: recommendation.document.path),
                "anbefalingen kan ikke hete `\(name)`: nettstedet bruker `\(name)/` i settets mappe til \(use); gi filen et annet navn")
        }
        let parties = site.parties.filter { $0.id.value == Route.matrixFolder }.map { party in
            Diagnostic(
                .pageSlugReserved, at: party.id.location,
                "en part kan ikke ha id-en `\(Route.matrixFolder)`: nettstedet bruker `\(Route.setMatrices)` til tabellene over "
                    + "hvem som gjør hva i hvert sett; gi parten en annen id")
        }
        return pages + sets + recommendations + parties
    }
}
