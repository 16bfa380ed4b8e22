/// A validation rule: a stable English id (part of the CLI contract), its severity and what triggers it.
///
/// Every diagnostic the tool emits comes from one of these. `Rule.catalogue` is the single list
/// the README's rule table is checked against.
public struct Rule: Sendable, Hashable {
    public let id: String
    public let severity: Severity
    /// What triggers the rule, in Norwegian (shown in the README catalogue).
    public let summary: String

    public init(_ id: String, _ severity: Severity, _ summary: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
    }
}

extension Rule {
    // Files and front matter
    public static let fileUnreadable = Rule("file-unreadable", .error, "Filen kan ikke leses.")
    public static let fileTooLarge = Rule("file-too-large", .error, "Filen er større enn 5 MB.")
    public static let encodingInvalid = Rule("encoding-invalid", .error, "Filen er ikke gyldig UTF-8.")
    public static let symlinkOutside = Rule("symlink-outside", .error, "En symbolsk lenke peker ut av innholdsmappen.")
    public static let fileNameInvalid = Rule(
        "filename-invalid", .error, "Fil- eller mappenavnet er ikke en slug (`a-z`, `0-9` og bindestrek).")
    public static let fileUnexpected = Rule("file-unexpected", .warning, "En fil ligger et sted der den ikke blir brukt.")
    public static let frontMatterMissing = Rule("front-matter-missing", .error, "Filen begynner ikke med front matter mellom `---`-linjer.")
    public static let yamlSyntax = Rule("yaml-syntax", .error, "YAML-en kan ikke leses.")
    public static let fieldMissing = Rule("field-missing", .error, "Et påkrevd felt mangler.")
    public static let fieldType = Rule("field-type", .error, "Et felt har feil type (tekst, liste, tall …).")
    public static let keyUnknown = Rule("key-unknown", .warning, "Et felt er ukjent og blir ikke brukt.")
    // Values
    public static let statusInvalid = Rule("status-invalid", .error, "`status` er ikke en av de tillatte verdiene.")
    public static let versionInvalid = Rule("version-invalid", .error, "`version` er ikke MAJOR.MINOR eller MAJOR.MINOR.PATCH.")
    public static let dateInvalid = Rule("date-invalid", .error, "En dato er ikke ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD, eller finnes ikke.")
    public static let timeInvalid = Rule("time-invalid", .error, "Et klokkeslett er ikke TT:MM, eller slutt er ikke etter start.")
    public static let slugInvalid = Rule("slug-invalid", .error, "En id som skal være en slug, er det ikke.")
    public static let idInvalid = Rule("id-invalid", .error, "En id kan ikke brukes i en adresse (bare bokstaver, tall, `.`, `_` og `-`).")
    public static let fileMissing = Rule("file-missing", .error, "En påkrevd fil (site.yml, parties.yml, index.md) mangler.")
    public static let releaseInvalid = Rule("release-invalid", .error, "`release` i site.yml er ikke et gyldig utgivelsesnavn.")
    // Who does what
    public static let responsibleMissing = Rule("responsible-missing", .error, "En anbefaling (ikke `trukket`) mangler `responsible`.")
    public static let responsibleEmpty = Rule("responsible-empty", .error, "`responsible` er en tom liste.")
    public static let responsibleInvalid = Rule("responsible-invalid", .error, "`responsible` er ikke en liste med `party` og `duty`.")
    public static let responsiblePartyMissing = Rule("responsible-party-missing", .error, "Et ansvar mangler `party`.")
    public static let responsibleDutyMissing = Rule("responsible-duty-missing", .error, "Et ansvar mangler `duty`.")
    public static let partyUnknown = Rule("party-unknown", .error, "En part finnes ikke i parties.yml.")
    public static let ownerMissing = Rule("owner-missing", .error, "`owner` mangler.")
    public static let adoptedMissing = Rule("adopted-missing", .error, "En vedtatt anbefaling eller retningslinje mangler `adopted`.")
    public static let withdrawnReasonMissing = Rule("withdrawn-reason-missing", .error, "En trukket anbefaling mangler `withdrawn_reason`.")
    // Cross-references
    public static let idDuplicate = Rule("id-duplicate", .error, "Samme id brukes i flere filer.")
    public static let referenceUnknown = Rule("reference-unknown", .error, "`supersedes` eller `related` nevner en id som ikke finnes.")
    public static let linkBroken = Rule("link-broken", .error, "En lenke peker til en id eller .md-fil som ikke finnes.")
    public static let htmlRaw = Rule("html-raw", .warning, "Teksten inneholder HTML, som ikke blir publisert.")
    public static let pageSlugReserved = Rule("page-slug-reserved", .error, "En side har samme navn som en av nettstedets faste mapper.")

    // Templates (a usage error: exit status 2)
    public static let templateSyntax = Rule("template-syntax", .error, "En Mustache-mal har en syntaksfeil.")
    public static let templateMissing = Rule("template-missing", .error, "En mal eller en delmal (partial) mangler.")

    /// Every rule, in the order of the README catalogue.
    public static let catalogue: [Rule] = [
        .fileUnreadable, .fileTooLarge, .encodingInvalid, .symlinkOutside, .fileNameInvalid, .fileUnexpected,
        .frontMatterMissing, .yamlSyntax, .fieldMissing, .fieldType, .keyUnknown,
        .fileMissing, .statusInvalid, .versionInvalid, .dateInvalid, .timeInvalid, .slugInvalid, .idInvalid, .releaseInvalid,
        .responsibleMissing, .responsibleEmpty, .responsibleInvalid, .responsiblePartyMissing,
        .responsibleDutyMissing, .partyUnknown, .ownerMissing, .adoptedMissing, .withdrawnReasonMissing,
        .idDuplicate, .referenceUnknown, .linkBroken, .htmlRaw, .pageSlugReserved,
        .templateSyntax, .templateMissing,
    ]
}
