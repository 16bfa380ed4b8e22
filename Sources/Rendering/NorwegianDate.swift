import Content

/// Dates as Norwegian readers write them: "mars 2017", "onsdag 28. februar 2018".
///
/// Computed here rather than with `DateFormatter`, whose locale data differs between machines:
/// the output must be byte-identical everywhere.
enum NorwegianDate {
    static let months = [
        "januar", "februar", "mars", "april", "mai", "juni",
        "juli", "august", "september", "oktober", "november", "desember",
    ]
    static let weekdays = ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"]

    /// "2017", "mars 2017" or "28. februar 2018".
    static func format(_ date: ContentDate) -> String {
        guard let month = date.month else { return String(date.year) }
        guard let day = date.day else { return "\(months[month - 1]) \(date.year)" }
        return "\(day). \(months[month - 1]) \(date.year)"
    }

    /// "onsdag 28. februar 2018" for a whole date, otherwise as `format`.
    static func formatWithWeekday(_ date: ContentDate) -> String {
        guard let weekday = weekday(of: date) else { return format(date) }
        return "\(weekdays[weekday]) \(format(date))"
    }

    /// 0 = Sunday … 6 = Saturday (Sakamoto's method, proleptic Gregorian calendar).
    static func weekday(of date: ContentDate) -> Int? {
        guard let month = date.month, let day = date.day else { return nil }
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let year = month < 3 ? date.year - 1 : date.year
        return (year + year / 4 - year / 100 + year / 400 + offsets[month - 1] + day) % 7
    }

    /// The machine-readable form for `<time datetime="…">`: as precise as the date.
    static func machine(_ date: ContentDate) -> String { date.description }
}
