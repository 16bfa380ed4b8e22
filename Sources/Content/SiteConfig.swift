import Diagnostics

/// `site.yml`: the site's title, address and the release being built.
public struct SiteConfig: Sendable {
    public let title: Located<String>
    public let description: Located<String>?
    /// The public address of the site root (the folder holding `latest/` and `v/`), ending in `/`.
    public let baseURL: Located<String>
    /// The release name, e.g. `2018.2`: the folder `v/<release>/`.
    public let release: Located<String>
    /// The release date: the only clock the build uses (feeds, "coming meetings", the bundle).
    public let releaseDate: Located<ContentDate>
    public let organisation: Located<String>?
    public let secretariat: Located<String>?
    /// Branding (all optional): an SVG or PNG in the content folder, shown in the header and in
    /// print; the colour of the header and links (`#rrggbb`, checked for contrast by
    /// Validation); a contact line for the footer and print.
    public let logo: Located<String>?
    public let accentColour: Located<String>?
    public let contact: Located<String>?
    /// Where readers send comments and deviation reports (`feedback:`); `nil` hides the links.
    public let feedback: Feedback?
    public let timezone: String
    public let language: String

    /// A release name is a folder name under `v/`: `[0-9A-Za-z][0-9A-Za-z._-]*`.
    public static func isValidRelease(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIIAlphanumeric else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "." || $0 == "_" || $0 == "-" }
    }

    static func decode(_ reader: inout FieldReader) -> SiteConfig? {
        let title = reader.string("title", required: true, "nettstedets navn, f.eks. `Møteplass Oslo`")
        let description = reader.string("description", "en kort beskrivelse av nettstedet")
        var baseURL = reader.string("base_url", required: true, "nettstedets adresse, f.eks. `https://moteplass.no/`")
        if let url = baseURL {
            if !(url.value.hasPrefix("https://") || url.value.hasPrefix("http://")) {
                reader.fail(.fieldType, at: url.location, "`base_url: \(url.value)` må være en full adresse som begynner med `https://`")
            } else if !url.value.hasSuffix("/") {
                baseURL = url.map { $0 + "/" }
            }
        }
        let release = reader.parsed(
            "release", required: true, "utgivelsens navn, f.eks. `\"2018.2\"`", rule: .releaseInvalid,
            invalid: { text in
                "`release: \(text)` kan ikke brukes som mappenavn; bruk bokstaver, tall, punktum, `_` og `-`, f.eks. `\"2018.2\"`"
            }, { isValidRelease($0) ? $0 : nil })
        let releaseDate = reader.date("release_date", required: true, "utgivelsesdatoen, ÅÅÅÅ-MM-DD")
        if let date = releaseDate, date.value.day == nil {
            reader.fail(.dateInvalid, at: date.location, "`release_date` må være en hel dato, ÅÅÅÅ-MM-DD (f.eks. 2018-11-07)")
        }
        let organisation = reader.string("organisation", "organisasjonen som står bak nettstedet")
        let secretariat = reader.string("secretariat", "sekretariatet, f.eks. `Samhandlingsoverlegen, OUS`")
        let logo = reader.string("logo", "stien til logoen i innholdsmappen, f.eks. `logo.svg`")
        let accentColour = reader.string("accent_colour", "profilfargen, f.eks. `\"#0b3d66\"`")
        let contact = reader.string("contact", "kontaktlinjen, f.eks. `Sekretariatet, e-post post@example.no`")
        let feedback = reader.object("feedback", "`email:` og/eller `url:` for innspill og avviksmeldinger", Feedback.decode)
        let timezone = reader.string("timezone", "tidssonen, `Europe/Oslo`")
        let language = reader.string("language", "språkkoden, `nb`")
        guard let title, let baseURL, let release, let releaseDate, !reader.failed else { return nil }
        return SiteConfig(
            title: title, description: description, baseURL: baseURL, release: release, releaseDate: releaseDate,
            organisation: organisation, secretariat: secretariat, logo: logo, accentColour: accentColour, contact: contact,
            feedback: feedback, timezone: timezone?.value ?? "Europe/Oslo", language: language?.value ?? "nb"
        )
    }
}

/// `feedback:` in `site.yml`: where the links "Gi innspill" and "Meld avvik" of recommendation and
/// checklist pages lead. The site sends nothing itself: an e-mail address opens the reader's mail
/// program, a web address (a form) opens in the browser; either with the page's id, version,
/// release and address filled in.
public struct Feedback: Sendable {
    public let email: Located<String>?
    public let url: Located<String>?

    static func decode(_ reader: inout FieldReader) -> Feedback? {
        let email = reader.string("email", "e-postadressen innspill og avvik sendes til, f.eks. `post@example.no`")
        let url = reader.string("url", "adressen til et skjema for innspill og avvik, f.eks. `https://example.no/innspill`")
        if let email, !Address.isEmail(email.value) {
            reader.fail(.fieldType, at: email.location, "`email: \(email.value)` er ikke en e-postadresse; skriv f.eks. `post@example.no`")
        }
        if let url, !Address.isWeb(url.value) {
            reader.fail(
                .fieldType, at: url.location, "`url: \(url.value)` må være en full adresse som begynner med `https://` (eller `http://`)")
        }
        if email == nil, url == nil {
            reader.fail(
                .fieldMissing, at: reader.location,
                "`feedback` må ha `email:` (en e-postadresse) eller `url:` (et skjema på nett), eller begge; fjern `feedback` for å skjule lenkene")
        }
        return Feedback(email: email, url: url)
    }
}

extension Unicode.Scalar {
    var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
