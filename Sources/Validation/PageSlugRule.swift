import Content
import Diagnostics

/// `page-slug-reserved`: free pages live at the top of a release, beside the site's own folders.
struct PageSlugRule: ValidationRule {
    func check(_ site: Site) -> [Diagnostic] {
        site.pages.filter { Route.reservedNames.contains($0.slug) }.map { page in
            Diagnostic(
                .pageSlugReserved, at: .start(of: page.document.path),
                "siden kan ikke hete `\(page.slug)`: nettstedet bruker allerede `\(page.slug)/`; gi filen et annet navn")
        }
    }
}
