import Diagnostics
import Foundation

/// A theme meeting (`meetings/<yyyy-mm-dd>-<slug>.md`).
public struct Meeting: Sendable {
    public let document: Document
    public let id: Located<String>
    public let title: Located<String>
    public let date: Located<ContentDate>
    public let start: Located<ClockTime>?
    public let end: Located<ClockTime>?
    public let venue: Located<String>?
    /// Party ids or names of organisations.
    public let organisers: [Located<String>]
    public let accreditation: Located<String>?
    public let programme: [ProgrammeItem]
    /// Ids of recommendations the meeting is about.
    public let related: [Located<String>]
    public let description: Located<String>?
    public let source: Located<String>?

    public var slug: String { document.slug }

    static func decode(_ reader: inout FieldReader, document: Document) -> Meeting? {
        let id = reader.contentID("møtets id, f.eks. `MO-M-2018-02-28`")
        let title = reader.string("title", required: true, "møtets tema")
        let date = reader.date("date", required: true, "møtedatoen, ÅÅÅÅ-MM-DD")
        if let date, date.value.day == nil {
            reader.fail(.dateInvalid, at: date.location, "`date` for et møte må være en hel dato, ÅÅÅÅ-MM-DD (f.eks. 2018-02-28)")
        }
        let start = reader.time("start", "når møtet begynner, TT:MM")
        let end = reader.time("end", "når møtet slutter, TT:MM")
        if let start, let end, end.value <= start.value {
            reader.fail(
                .timeInvalid, at: end.location,
                "møtet slutter (`end: \(end.value)`) før eller samtidig med at det begynner (`start: \(start.value)`)")
        }
        let venue = reader.string("venue", "møtestedet")
        let organisers = reader.strings("organisers", "arrangørene: part-id-er eller navn")
        let accreditation = reader.string("accreditation", "godkjenning, f.eks. `Godkjent som tellende møteserie`")
        let programme = reader.objects("programme", "punkter med `time`, `title` og `speakers`") { item -> ProgrammeItem? in
            let time = item.parsed(
                "time", "klokkeslett, TT:MM eller TT:MM–TT:MM", rule: .timeInvalid,
                invalid: { text in
                    "`time: \(text)` er ikke et klokkeslett; skriv TT:MM eller TT:MM–TT:MM, f.eks. `\"16:00–16:30\"`"
                }, ProgrammeItem.parseTime)
            let title = item.string("title", required: true, "hva punktet handler om")
            let speakers = item.strings("speakers", "foredragsholdere")
            guard let title else { return nil }
            return ProgrammeItem(time: time, title: title, speakers: speakers)
        }
        let related = reader.strings("related", "id-ene til anbefalinger møtet handler om")
        let description = reader.string("description", "en kort beskrivelse av møtet")
        let source = reader.string("source", "kilden teksten bygger på")
        guard let id, let title, let date else { return nil }
        return Meeting(
            document: document, id: id, title: title, date: date, start: start, end: end, venue: venue,
            organisers: organisers, accreditation: accreditation, programme: programme, related: related,
            description: description, source: source
        )
    }
}

/// One point of a meeting's programme.
public struct ProgrammeItem: Sendable {
    /// `16:00` or `16:00–16:30`, normalised to an en dash.
    public let time: Located<String>?
    public let title: Located<String>
    public let speakers: [Located<String>]

    static func parseTime(_ text: String) -> String? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count) else { return nil }
        let times = parts.compactMap(ClockTime.init)
        guard times.count == parts.count else { return nil }
        if times.count == 2, times[1] <= times[0] { return nil }
        return times.map(\.description).joined(separator: "–")
    }
}
