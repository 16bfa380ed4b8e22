import Content

/// The links "Gi innspill" and "Meld avvik" of a recommendation or checklist page (`feedback:` in
/// `site.yml`). The source material follows a recommendation's effect through deviation reports
/// and questions to the PKO; these links make either a click away, with what the receiver needs
/// to know which text is meant: its id, version, the release and the page's address. The site
/// sends nothing: an e-mail opens in the reader's mail program, a form in the browser.
enum FeedbackLinks {
    enum Kind {
        case recommendation, checklist

        var deviationLabel: String {
            switch self {
            case .recommendation: "Meld avvik fra anbefalingen"
            case .checklist: "Meld avvik fra sjekklisten"
            }
        }

        var noun: String {
            switch self {
            case .recommendation: "Anbefaling"
            case .checklist: "Sjekkliste"
            }
        }

        var definite: String {
            switch self {
            case .recommendation: "anbefalingen"
            case .checklist: "sjekklisten"
            }
        }
    }

    /// The links' view, or `nil` when the site has no `feedback:`. `path` is the page's folder in
    /// the release.
    static func make(_ kind: Kind, id: String, title: String, version: String, path: String, site: Site) -> View? {
        guard let feedback = site.config.feedback else { return nil }
        let release = site.config.release.value
        let address = site.config.baseURL.value + "v/" + release + "/" + path
        let facts = [("\(kind.noun)", "\(id) \(title)"), ("Versjon", version), ("Utgave", release), ("Adresse", address)]
        func mail(_ email: String, subject: String, prompt: String) -> String {
            let body = facts.map { "\($0): \($1)" }.joined(separator: "\r\n") + "\r\n\r\n" + prompt + "\r\n\r\n"
            return "mailto:" + email + "?subject=" + Escaping.percentEncoded(subject) + "&body=" + Escaping.percentEncoded(body)
        }
        func form(_ url: String, type: String) -> String {
            let query = [("type", type), ("id", id), ("versjon", version), ("utgave", release), ("adresse", address)]
                .map { $0 + "=" + Escaping.percentEncoded($1) }.joined(separator: "&")
            return url + (url.contains("?") ? "&" : "?") + query
        }
        let comment = "Innspill til \(id) \(title) (versjon \(version))"
        let deviation = "Avvik fra \(id) \(title) (versjon \(version))"
        let privacy = "Ikke skriv navn, fødselsnummer eller andre opplysninger som kan identifisere en pasient."
        let links: (comment: String, deviation: String)
        if let url = feedback.url?.value {
            links = (form(url, type: "innspill"), form(url, type: "avvik"))
        } else if let email = feedback.email?.value {
            links = (
                mail(email, subject: comment, prompt: "Innspill:"),
                mail(email, subject: deviation, prompt: "Hva skjedde, og hva sier \(kind.definite)? \(privacy)")
            )
        } else {
            return nil
        }
        return view([
            "commentHref": links.comment,
            "deviationHref": links.deviation,
            "deviationLabel": kind.deviationLabel,
            "formHost": feedback.url.map { Address.host(of: $0.value) },
            "email": feedback.email?.value,
            "emailHref": feedback.email.map { "mailto:" + $0.value },
        ])
    }
}
