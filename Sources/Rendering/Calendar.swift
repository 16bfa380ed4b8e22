import Content

/// The meetings as iCalendar (RFC 5545): one `.ics` file per meeting and `moter.ics` with all;
/// and the deadlines of the consultations, `horinger.ics`.
///
/// Times are local to Europe/Oslo, with its `VTIMEZONE`; a meeting without a start time is an
/// all-day event. `UID`s are stable (the meeting's id and the site's host), and `DTSTAMP` is the
/// release date, so the files are as deterministic as the pages.
enum Calendar {
    static let timezone = "Europe/Oslo"

    /// Europe/Oslo since 1996: CET, and CEST from the last Sunday of March to the last Sunday of October.
    static let vtimezone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Oslo", "X-LIC-LOCATION:Europe/Oslo",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    static func file(_ meetings: [Meeting], name: String, site: Site) -> String {
        file(name: name, events: meetings.map { event($0, site: site) })
    }

    /// A calendar of `events` (each its lines, `BEGIN:VEVENT` to `END:VEVENT`), folded, with CRLF.
    static func file(name: String, events: [[String]]) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Møteplass Oslo//moteplass//NO", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + text(name), "X-WR-TIMEZONE:" + timezone,
        ]
        lines += vtimezone
        for event in events { lines += event }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `horinger.ics`: each consultation's deadline as an all-day event, open and closed ones (a
    /// calendar that subscribed keeps the past deadlines rather than seeing them vanish). The
    /// `UID` is stable per consultation (`horing-anbefaling-MO-FS-07@host`), so a moved deadline
    /// moves the event.
    static func hearingsFile(_ site: Site) -> String {
        let config = site.config
        let events = site.consultations.compactMap { consultation -> [String]? in
            guard let hearing = consultation.hearing else { return nil }
            let deadline = hearing.deadline.value
            var description = ["\(consultation.kindLabel) \(consultation.id): \(consultation.title)."]
            switch hearing.respondTo.value {
            case .email(let address): description.append("Send høringssvar på e-post til \(address).")
            case .url(let url): description.append("Send høringssvar på \(url)")
            }
            description += hearing.documents.map { "\($0.title.value): \($0.url.value)" }
            return [
                "BEGIN:VEVENT",
                "UID:" + text("horing-" + consultation.key) + "@" + Address.host(of: config.baseURL.value),
                "DTSTAMP:" + compact(config.releaseDate.value) + "T000000Z",
                "DTSTART;VALUE=DATE:" + compact(deadline),
                "DTEND;VALUE=DATE:" + compact(nextDay(deadline)),
                "SUMMARY:" + text("Høringsfrist: \(consultation.title) (\(consultation.id))"),
                "DESCRIPTION:" + text(description.joined(separator: "\n")),
                "URL:" + config.baseURL.value + "v/" + config.release.value + "/" + consultation.path,
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        }
        return file(name: config.title.value + ": høringsfrister", events: events)
    }

    static func event(_ meeting: Meeting, site: Site) -> [String] {
        let config = site.config
        let date = meeting.date.value
        var lines = [
            "BEGIN:VEVENT",
            "UID:" + text(meeting.id.value) + "@" + Address.host(of: config.baseURL.value),
            "DTSTAMP:" + compact(config.releaseDate.value) + "T000000Z",
        ]
        if let start = meeting.start?.value {
            lines.append("DTSTART;TZID=\(timezone):" + compact(date) + "T" + clock(start))
            if let end = meeting.end?.value { lines.append("DTEND;TZID=\(timezone):" + compact(date) + "T" + clock(end)) }
        } else {
            lines.append("DTSTART;VALUE=DATE:" + compact(date))
            lines.append("DTEND;VALUE=DATE:" + compact(nextDay(date)))
        }
        lines.append("SUMMARY:" + text(meeting.title.value))
        if let venue = meeting.venue?.value { lines.append("LOCATION:" + text(venue)) }
        var description: [String] = []
        if let summary = meeting.description?.value { description.append(summary) }
        if !meeting.programme.isEmpty {
            description.append("Program:")
            for item in meeting.programme {
                let speakers = item.speakers.map(\.value).joined(separator: ", ")
                description.append(
                    [item.time?.value, item.title.value + (speakers.isEmpty ? "" : " (\(speakers))")].compactMap { $0 }.joined(
                        separator: " "))
            }
        }
        if !description.isEmpty { lines.append("DESCRIPTION:" + text(description.joined(separator: "\n"))) }
        lines.append("URL:" + config.baseURL.value + "v/" + config.release.value + "/" + Route.path(of: meeting))
        lines.append("END:VEVENT")
        return lines
    }

    /// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).
    static func text(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a character.
    static func fold(_ line: String) -> String {
        var out = ""
        var length = 0
        for character in line {
            let size = character.utf8.count
            if length + size > 75 {
                out += "\r\n "
                length = 1
            }
            out.append(character)
            length += size
        }
        return out
    }

    static func compact(_ date: ContentDate) -> String {
        String(date.year) + ContentDate.twoDigits(date.month ?? 1) + ContentDate.twoDigits(date.day ?? 1)
    }

    static func clock(_ time: ClockTime) -> String { ContentDate.twoDigits(time.hour) + ContentDate.twoDigits(time.minute) + "00" }

    static func nextDay(_ date: ContentDate) -> ContentDate {
        let (year, month, day) = (date.year, date.month ?? 1, date.day ?? 1)
        if day < ContentDate.daysIn(month: month, year: year) { return ContentDate(year: year, month: month, day: day + 1) }
        return month < 12 ? ContentDate(year: year, month: month + 1, day: 1) : ContentDate(year: year + 1, month: 1, day: 1)
    }
}
