/// A validation rule: a stable English id (part of the CLI contract) and its severity.
///
/// Every diagnostic the tool emits comes from one of these. `Rule.catalogue` is the single list
/// the README's rule table is checked against (`ReadmeTests`).
public struct Rule: Sendable, Hashable {
    public let id: String
    public let severity: Severity

    public init(_ id: String, _ severity: Severity) {
        self.id = id
        self.severity = severity
    }
}

extension Rule {
    // Files and front matter
    public static let fileUnreadable = Rule("file-unreadable", .error)
    public static let fileTooLarge = Rule("file-too-large", .error)
    public static let encodingInvalid = Rule("encoding-invalid", .error)
    public static let symlinkOutside = Rule("symlink-outside", .error)
    public static let fileNameInvalid = Rule("filename-invalid", .error)
    public static let fileUnexpected = Rule("file-unexpected", .warning)
    public static let frontMatterMissing = Rule("front-matter-missing", .error)
    public static let yamlSyntax = Rule("yaml-syntax", .error)
    public static let yamlAlias = Rule("yaml-alias", .error)
    public static let fieldMissing = Rule("field-missing", .error)
    public static let fieldType = Rule("field-type", .error)
    public static let keyUnknown = Rule("key-unknown", .warning)
    // Values
    public static let statusInvalid = Rule("status-invalid", .error)
    public static let levelInvalid = Rule("level-invalid", .error)
    public static let versionInvalid = Rule("version-invalid", .error)
    public static let dateInvalid = Rule("date-invalid", .error)
    public static let timeInvalid = Rule("time-invalid", .error)
    public static let slugInvalid = Rule("slug-invalid", .error)
    public static let idInvalid = Rule("id-invalid", .error)
    public static let fileMissing = Rule("file-missing", .error)
    public static let releaseInvalid = Rule("release-invalid", .error)
    public static let logoInvalid = Rule("logo-invalid", .error)
    public static let colourInvalid = Rule("colour-invalid", .error)
    public static let accentContrast = Rule("accent-contrast", .error)
    public static let sitePlaceholder = Rule("site-placeholder", .warning)
    // Who does what
    public static let responsibleMissing = Rule("responsible-missing", .error)
    public static let responsibleEmpty = Rule("responsible-empty", .error)
    public static let responsibleInvalid = Rule("responsible-invalid", .error)
    public static let responsiblePartyMissing = Rule("responsible-party-missing", .error)
    public static let responsibleDutyMissing = Rule("responsible-duty-missing", .error)
    public static let responsibleRepeated = Rule("responsible-repeated", .warning)
    public static let handoverWithoutDuty = Rule("handover-without-duty", .warning)
    public static let taskConflict = Rule("task-conflict", .error)
    public static let taskUnknown = Rule("task-unknown", .error)
    public static let partyUnknown = Rule("party-unknown", .error)
    public static let ownerMissing = Rule("owner-missing", .error)
    public static let adoptedMissing = Rule("adopted-missing", .error)
    public static let withdrawnReasonMissing = Rule("withdrawn-reason-missing", .error)
    public static let reviewOverdue = Rule("review-overdue", .warning)
    public static let endorsementMissing = Rule("endorsement-missing", .warning)
    public static let hearingMissing = Rule("hearing-missing", .warning)
    public static let hearingOverdue = Rule("hearing-overdue", .warning)
    public static let responsibleUnlisted = Rule("responsible-unlisted", .warning)
    // Cross-references
    public static let idDuplicate = Rule("id-duplicate", .error)
    public static let referenceUnknown = Rule("reference-unknown", .error)
    public static let linkBroken = Rule("link-broken", .error)
    public static let linkDraft = Rule("link-draft", .warning)
    public static let htmlRaw = Rule("html-raw", .warning)
    public static let pageSlugReserved = Rule("page-slug-reserved", .error)
    public static let synonymRepeated = Rule("synonym-repeated", .warning)
    // Against the previous release in the output folder (build only)
    public static let idRemoved = Rule("id-removed", .error)
    public static let checklistVersionUnchanged = Rule("checklist-version-unchanged", .warning)

    // Templates (a usage error: exit status 2)
    public static let templateSyntax = Rule("template-syntax", .error)
    public static let templateMissing = Rule("template-missing", .error)

    /// Every rule, in the order of the README catalogue.
    public static let catalogue: [Rule] = [
        .fileUnreadable, .fileTooLarge, .encodingInvalid, .symlinkOutside, .fileNameInvalid, .fileUnexpected,
        .frontMatterMissing, .yamlSyntax, .yamlAlias, .fieldMissing, .fieldType, .keyUnknown,
        .fileMissing, .levelInvalid, .statusInvalid, .versionInvalid, .dateInvalid, .timeInvalid, .slugInvalid, .idInvalid, .releaseInvalid,
        .logoInvalid, .colourInvalid, .accentContrast, .sitePlaceholder,
        .responsibleMissing, .responsibleEmpty, .responsibleInvalid, .responsiblePartyMissing,
        .responsibleDutyMissing, .responsibleRepeated, .handoverWithoutDuty, .taskConflict, .taskUnknown, .partyUnknown, .ownerMissing,
        .adoptedMissing, .withdrawnReasonMissing, .endorsementMissing, .reviewOverdue, .hearingMissing, .hearingOverdue,
        .responsibleUnlisted,
        .idDuplicate, .referenceUnknown, .linkBroken, .linkDraft, .htmlRaw, .pageSlugReserved, .synonymRepeated, .idRemoved,
        .checklistVersionUnchanged,
        .templateSyntax, .templateMissing,
    ]
}
