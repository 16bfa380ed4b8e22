import Content
import Diagnostics

/// Checks what only the whole site can tell: references between files, duplicates, links.
///
/// Per-file checks (required fields, types, formats, the `responsible` rules) happen while
/// loading; each rule here is one type in its own file, with a stable id from `Rule`.
public enum Validator {
    static let rules: [any ValidationRule] = [
        PartyReferenceRule(), DuplicateIDRule(), ReferenceRule(), MarkdownRule(), PageSlugRule(), ReviewRule(),
        ResponsibleUnlistedRule(),
    ]

    /// Every cross-file problem of `site`, unsorted (the report sorts).
    public static func validate(_ site: Site) -> [Diagnostic] {
        rules.flatMap { $0.check(site) }
    }
}

/// One validation rule over the whole site.
protocol ValidationRule: Sendable {
    func check(_ site: Site) -> [Diagnostic]
}
