import Content

/// The ids the built-in templates give a page's own elements, which the headings of a body shown
/// on that page must not take: two elements with one id send links (`#hovedinnhold`,
/// `anbefaling/#oppgave-fastlege`) and `aria-labelledby` to whichever comes first, and the page is
/// no longer valid HTML. Only the ids the page has: a heading «Seksjon endret» keeps
/// `seksjon-endret` on a page without that section, so a link to it still leads to it. A
/// template that adds an id adds it here too (the property test, `make property`, finds one that
/// is missing).
enum PageIDs {
    /// `layout.mustache` and `header.mustache`: on every page.
    static let layout: Set<String> = ["hovedinnhold", "sokefelt"]
    /// `front.mustache`'s sections, below the front page's text.
    static let front: Set<String> = ["seksjon-sett", "seksjon-endringer", "seksjon-horinger", "seksjon-moter"]

    /// `recommendation.mustache`: its sections, and a row per party in who-does-what. `changed`: the
    /// page shows what changed since the previous release.
    static func recommendation(_ recommendation: Recommendation, changed: Bool) -> Set<String> {
        var ids = Set(recommendation.responsible.map { duty(ofParty: $0.party.value) })
        if !recommendation.responsible.isEmpty { ids.insert("seksjon-hvem-gjor-hva") }
        if recommendation.status.value == .trukket { ids.insert("seksjon-trukket") }
        if changed { ids.insert("seksjon-endret") }
        return ids
    }

    /// The row of a party's duty in a recommendation, which the party pages and the matrix link to.
    static func duty(ofParty party: String) -> String { "oppgave-" + party }

    /// `checklist.mustache`: the form and each question's fields.
    static func checklist(_ checklist: Checklist) -> Set<String> {
        var ids: Set<String> = ["skjema-" + checklist.id.value]
        for question in checklist.questions {
            let id = question.id.value
            ids.insert("sporsmal-" + id)
            if question.help != nil { ids.insert(help(id)) }
            if question.comment != nil { ids.insert(comment(id)) }
            if question.answer == .yesNoUnsure {
                ids.formUnion(API.answerOptions.map { option(id, $0.code) })
            } else {
                ids.insert(answer(id))
            }
        }
        return ids
    }

    static func help(_ question: String) -> String { "hjelp-" + question }
    /// A text answer's field.
    static func answer(_ question: String) -> String { "svar-" + question }
    /// One radio button of a yes-no-unsure answer. Question ids are slugs, which never hold `--`, so
    /// `svar-a--yes` cannot be the text field of a question `a-yes` (`svar-a-yes`).
    static func option(_ question: String, _ code: String) -> String { "svar-" + question + "--" + code }
    static func comment(_ question: String) -> String { "kommentar-" + question }
}
