import Diagnostics

/// One collaboration recommendation: above all, *who does what*.
///
/// A class because a site holds thousands and every index and rule refers to them: sharing one
/// immutable instance costs a pointer, where copying a struct of this size cost a retain per field.
public final class Recommendation: Sendable {
    public let document: Document
    /// The folder of the set it belongs to (`fastlege-sykehus`).
    public let setSlug: String
    public let id: Located<String>
    public let title: Located<String>
    public let version: Located<Version>
    public let status: Located<Status>
    public let adopted: Located<ContentDate>?
    public let review: Located<ContentDate>?
    public let owner: Located<String>
    /// Who does what; empty only for withdrawn recommendations.
    public let responsible: [Responsibility]
    public let handover: [Handover]
    public let tags: [Located<String>]
    public let supersedes: [Located<String>]
    public let withdrawnReason: Located<String>?
    /// Newest first.
    public let changelog: [ChangelogEntry]
    public let source: Located<String>?
    /// The bodies that stand behind the recommendation ("forankret i …"), in the file's order.
    public let endorsements: [Endorsement]
    /// The consultation, open (status `høring`) or held.
    public let hearing: Hearing?

    public var slug: String { document.slug }

    init(
        document: Document, setSlug: String, id: Located<String>, title: Located<String>, version: Located<Version>,
        status: Located<Status>, adopted: Located<ContentDate>?, review: Located<ContentDate>?, owner: Located<String>,
        responsible: [Responsibility], handover: [Handover], tags: [Located<String>], supersedes: [Located<String>],
        withdrawnReason: Located<String>?, changelog: [ChangelogEntry], source: Located<String>?, endorsements: [Endorsement],
        hearing: Hearing?
    ) {
        self.document = document
        self.setSlug = setSlug
        self.id = id
        self.title = title
        self.version = version
        self.status = status
        self.adopted = adopted
        self.review = review
        self.owner = owner
        self.responsible = responsible
        self.handover = handover
        self.tags = tags
        self.supersedes = supersedes
        self.withdrawnReason = withdrawnReason
        self.changelog = changelog
        self.source = source
        self.endorsements = endorsements
        self.hearing = hearing
    }
}

/// One party's duty in a recommendation.
public struct Responsibility: Sendable {
    public let party: Located<String>
    /// Inline Markdown.
    public let duty: Located<String>
    /// The task the duty is (`timebestilling-etter-utskrivning`): a slug that names the same work
    /// across recommendations, so that two of them cannot give it to different parties unseen.
    public let task: Located<String>?
    /// The entry's first line (where entry-level problems are reported).
    public let location: SourceLocation
}

/// How responsibility passes from one party to another at a transition.
public struct Handover: Sendable {
    public let from: Located<String>
    public let to: Located<String>
    public let when: Located<String>?
}

/// A body that has anchored the recommendation ("forankret"): a decision of Samarbeidsutvalget,
/// of the hospital's leadership, of the municipality.
public struct Endorsement: Sendable {
    /// The body, as readers know it ("Samarbeidsutvalget i Hovedstadsområdet").
    public let by: Located<String>
    /// The side it speaks for; `felles` for a joint body, which speaks for both.
    public let level: Located<Level>
    public let date: Located<ContentDate>
    /// A decision number or a link.
    public let reference: Located<String>?
}

/// One version's entry in a changelog.
public struct ChangelogEntry: Sendable {
    public let version: Located<Version>
    public let date: Located<ContentDate>?
    /// Inline Markdown.
    public let summary: Located<String>
}

extension Recommendation {
    static func decode(_ reader: inout FieldReader, document: Document, setSlug: String, partyNames: [String: String]) -> Recommendation? {
        let id = reader.contentID("anbefalingens faste id, f.eks. `MO-FS-07`")
        let title = reader.string("title", required: true, "anbefalingens tittel")
        let version = reader.version("version", required: true)
        let status = reader.status()
        let hasAdopted = reader.has("adopted")
        let adopted = reader.date("adopted", "datoen anbefalingen ble vedtatt (ÅÅÅÅ-MM)")
        let review = reader.date("review", "når anbefalingen skal revideres (ÅÅÅÅ-MM)")
        let owner = reader.owner(at: .start(of: document.path))
        let withdrawn = status?.value == .trukket
        let responsible = decodeResponsible(&reader, path: document.path, exempt: withdrawn, partyNames: partyNames)
        let handover = reader.objects("handover", "punkter med `from`, `to` og `when`") { item -> Handover? in
            let from = item.string("from", required: true, "parten som gir fra seg ansvaret")
            let to = item.string("to", required: true, "parten som tar over ansvaret")
            let when = item.string("when", "når ansvaret går over, f.eks. `Ved utskrivning`")
            guard let from, let to else { return nil }
            return Handover(from: from, to: to, when: when)
        }
        let tags = reader.strings("tags", "emneord, f.eks. `[utskrivning, epikrise]`")
        let supersedes = reader.strings("supersedes", "id-ene til anbefalinger denne erstatter")
        let withdrawnReason = reader.string("withdrawn_reason", "hvorfor anbefalingen er trukket")
        let changelog = reader.objects("changelog", "punkter med `version`, `date` og `summary`") { item -> ChangelogEntry? in
            let version = item.version("version", required: true)
            let date = item.date("date", "datoen for endringen")
            let summary = item.string("summary", required: true, "hva som ble endret")
            guard let version, let summary else { return nil }
            return ChangelogEntry(version: version, date: date, summary: summary)
        }
        let source = reader.string("source", "kilden teksten bygger på")
        let endorsements = reader.objects("endorsements", "punkter med `by`, `level`, `date` og eventuelt `reference`") {
            item -> Endorsement? in
            let by = item.string("by", required: true, "organet som har forankret anbefalingen, f.eks. `Samarbeidsutvalget i Hovedstadsområdet`")
            let level = item.level(required: true)
            let date = item.date("date", required: true, "datoen for vedtaket (ÅÅÅÅ-MM-DD)")
            let reference = item.string("reference", "saksnummer eller lenke til vedtaket")
            guard let by, let level, let date else { return nil }
            return Endorsement(by: by, level: level, date: date, reference: reference)
        }
        let hearing = Hearing.decode(&reader, path: document.path)

        if let status {
            let needsAdopted = status.value == .vedtatt || status.value == .retningslinje
            if needsAdopted, !hasAdopted {
                reader.fail(
                    .adoptedMissing, at: status.location,
                    "en anbefaling med status `\(status.value.rawValue)` må ha `adopted:` med datoen den ble vedtatt (ÅÅÅÅ-MM)")
            }
            if status.value == .trukket, withdrawnReason == nil {
                reader.fail(
                    .withdrawnReasonMissing, at: status.location,
                    "en trukket anbefaling må ha `withdrawn_reason:` som forteller leserne hvorfor den er trukket")
            }
        }
        guard let id, let title, let version, let status, let owner else { return nil }
        return Recommendation(
            document: document, setSlug: setSlug, id: id, title: title, version: version, status: status,
            adopted: adopted, review: review, owner: owner, responsible: responsible ?? [], handover: handover, tags: tags,
            supersedes: supersedes, withdrawnReason: withdrawnReason, changelog: changelog, source: source, endorsements: endorsements,
            hearing: hearing
        )
    }

    /// The rules of SPEC §4.1 on `responsible`; a withdrawn recommendation is exempt from them.
    private static func decodeResponsible(
        _ reader: inout FieldReader, path: String, exempt: Bool, partyNames: [String: String]
    ) -> [Responsibility]? {
        let hint = "en liste over hvem som gjør hva, f.eks.\n  responsible:\n    - party: fastlege\n      duty: Hva fastlegen skal gjøre."
        guard let entry = reader.entry("responsible") else {
            if exempt { return [] }
            reader.fail(
                .responsibleMissing, at: .start(of: path),
                "anbefalingen sier ikke hvem som gjør hva; legg til `responsible:` med \(hint)")
            return nil
        }
        let keyLocation = entry.key.location
        if entry.value.isNull {
            if exempt { return [] }
            reader.fail(.responsibleMissing, at: keyLocation, "`responsible` er tom; skriv \(hint)")
            return nil
        }
        guard let items = entry.value.items, items.allSatisfy({ $0.entries != nil }) else {
            if exempt { return [] }
            reader.fail(
                .responsibleInvalid, at: keyLocation,
                "`responsible` må være en liste der hvert punkt har `party:` og `duty:`, f.eks.\n  - party: fastlege\n    duty: Hva fastlegen skal gjøre."
            )
            return nil
        }
        if items.isEmpty {
            if exempt { return [] }
            reader.fail(
                .responsibleEmpty, at: keyLocation,
                "`responsible` er en tom liste; legg til minst én part med oppgave (`- party: …` og `duty: …`)")
            return nil
        }
        var result: [Responsibility] = []
        for item in items {
            var entryReader = FieldReader(item, path: path, what: "hvert punkt i `responsible`")
            let party = entryReader.string("party", "partens id")
            let duty = entryReader.string("duty", "oppgaven")
            let task = decodeTask(&entryReader)
            entryReader.finish()
            reader.absorb(entryReader, failing: !exempt)
            guard !exempt, !entryReader.failed else { continue }
            let itemLocation = item.location
            guard let party else {
                reader.fail(
                    .responsiblePartyMissing, at: itemLocation,
                    "punktet mangler `party:`; skriv id-en til parten som har oppgaven, f.eks. `party: fastlege`")
                continue
            }
            guard let duty else {
                let who = partyNames[party.value]?.lowercased() ?? party.value
                reader.fail(
                    .responsibleDutyMissing, at: itemLocation,
                    "punktet for `\(party.value)` mangler `duty:`; legg til `duty:` med hva \(who) skal gjøre")
                continue
            }
            result.append(Responsibility(party: party, duty: duty, task: task, location: itemLocation))
        }
        // A party listed twice is valid (each duty is shown), but readers then find half of what the
        // party does in one row and half in another, and the editor likely meant one entry.
        var firstEntry: [String: SourceLocation] = [:]
        for responsibility in result {
            let party = responsibility.party.value
            guard let first = firstEntry[party] else {
                firstEntry[party] = responsibility.location
                continue
            }
            let who = partyNames[party]?.lowercased() ?? party
            reader.report(
                .responsibleRepeated, at: responsibility.location,
                "`\(party)` står allerede i `responsible` (linje \(first.line)); slå sammen oppgavene til ett punkt med én `duty:` som sier alt \(who) skal gjøre"
            )
        }
        return exempt ? [] : result
    }

    /// A duty's `task:`. A malformed one is reported (`slug-invalid`) without dropping the duty, so
    /// that the rules about who does what still see the party.
    private static func decodeTask(_ reader: inout FieldReader) -> Located<String>? {
        guard let task = reader.string("task", "oppgavens id (slug), f.eks. `timebestilling-etter-utskrivning`") else { return nil }
        guard Slug.isValid(task.value) else {
            reader.report(
                .slugInvalid, at: task.location,
                "`task: \(task.value)` er ikke en gyldig oppgave-id; skriv den som en slug med små bokstaver a–z, tall og bindestrek (f.eks. `\(Slug.suggest(task.value))`)"
            )
            return nil
        }
        return task
    }
}
