import Content
import Diagnostics

/// `site-placeholder`: a value in `site.yml` is still a placeholder that `moteplass init` wrote —
/// a text beginning `FYLL INN`, or a `base_url` on the reserved domain `.invalid`.
///
/// A warning, so that a new site builds at once; `validate --strict` (the pull-request workflow
/// `init` writes) fails until every one is filled in.
struct SitePlaceholderRule: ValidationRule {
    static let marker = "FYLL INN"

    func check(_ site: Site) -> [Diagnostic] {
        let config = site.config
        let texts: [(key: String, value: Located<String>?, what: String)] = [
            ("title", config.title, "nettstedets navn"),
            ("description", config.description, "én setning om hva nettstedet er"),
            ("organisation", config.organisation, "organisasjonen som står bak nettstedet"),
            ("secretariat", config.secretariat, "sekretariatet"),
        ]
        var found = texts.compactMap { key, value, what -> Diagnostic? in
            guard let value, value.value.hasPrefix(Self.marker) else { return nil }
            return Diagnostic(
                .sitePlaceholder, at: value.location,
                "`\(key)` er fortsatt plassholderen fra `moteplass init`; skriv inn \(what)")
        }
        if let host = config.baseURL.value.split(separator: "/").dropFirst().first?.split(separator: ":").first,
            host.lowercased().hasSuffix(".invalid")
        {
            found.append(
                Diagnostic(
                    .sitePlaceholder, at: config.baseURL.location,
                    "`base_url: \(config.baseURL.value)` er fortsatt plassholderen fra `moteplass init`; skriv inn adressen nettstedet publiseres på, f.eks. `https://moteplass.no/`"
                ))
        }
        return found
    }
}
