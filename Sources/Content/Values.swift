import Diagnostics

/// The life cycle of a recommendation, set or checklist (SPEC §3.5).
public enum Status: String, Sendable, CaseIterable, Hashable {
    case utkast
    case høring
    case vedtatt
    case retningslinje
    case trukket

    /// The Norwegian label shown to readers.
    public var label: String {
        switch self {
        case .utkast: "Utkast"
        case .høring: "På høring"
        case .vedtatt: "Vedtatt"
        case .retningslinje: "Retningslinje"
        case .trukket: "Trukket"
        }
    }

    /// Whether a release build publishes content with this status (drafts only with `--drafts`).
    public func isPublished(includeDrafts: Bool) -> Bool {
        self != .utkast || includeDrafts
    }
}

/// The side of the services a party belongs to, or that an endorsement speaks for (`level:` in
/// `parties.yml` and in `endorsements`): a recommendation that gives duties to both the
/// municipality and the specialist health service must be anchored on both sides.
public enum Level: String, Sendable, CaseIterable, Hashable {
    case kommune
    case spesialisthelsetjeneste
    case pasient
    /// A joint body (Samarbeidsutvalget, the working forum): speaks for both sides.
    case felles

    /// The Norwegian label shown to readers.
    public var label: String {
        switch self {
        case .kommune: "Kommunen"
        case .spesialisthelsetjeneste: "Spesialisthelsetjenesten"
        case .pasient: "Pasienter og pårørende"
        case .felles: "Felles"
        }
    }
}

/// A date as precise as the source gives it: a year, a month or a day (`2017`, `2017-03`, `2017-03-14`).
public struct ContentDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, refusing dates that do not exist (2018-02-30).
    public init?(_ text: String) {
        guard let fields = digitFields(text, separator: UInt8(ascii: "-")), (1...3).contains(fields.count),
            fields[0].digits == 4, fields[0].value >= 1000, fields.dropFirst().allSatisfy({ $0.digits == 2 })
        else { return nil }
        let year = fields[0].value
        let month = fields.count > 1 ? fields[1].value : nil
        let day = fields.count > 2 ? fields[2].value : nil
        if let month, !(1...12).contains(month) { return nil }
        if let month, let day, !(1...ContentDate.daysIn(month: month, year: year)).contains(day) { return nil }
        self.init(year: year, month: month, day: day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// As written: `2017`, `2017-03` or `2017-03-14`.
    public var description: String {
        var text = String(year)
        if let month { text += "-" + Self.twoDigits(month) }
        if let day { text += "-" + Self.twoDigits(day) }
        return text
    }

    /// The last day the date can mean: `2020-03` is due by 2020-03-31.
    public var lastDay: ContentDate {
        let month = month ?? 12
        return ContentDate(year: year, month: month, day: day ?? ContentDate.daysIn(month: month, year: year))
    }

    /// Days since 1970-01-01 of the earliest day the date can mean (proleptic Gregorian), for
    /// counting the days between two dates without a calendar library.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let month = month ?? 1
        let day = day ?? 1
        let year = month <= 2 ? self.year - 1 : self.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// Orders by the earliest day the date can mean.
    public static func < (lhs: ContentDate, rhs: ContentDate) -> Bool {
        (lhs.year, lhs.month ?? 1, lhs.day ?? 1) < (rhs.year, rhs.month ?? 1, rhs.day ?? 1)
    }

    public static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}

/// A content version, `MAJOR.MINOR` or `MAJOR.MINOR.PATCH`.
public struct Version: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int?

    public init?(_ text: String) {
        guard let fields = digitFields(text, separator: UInt8(ascii: ".")), (2...3).contains(fields.count),
            fields.allSatisfy({ $0.digits == 1 || !$0.leadingZero })
        else { return nil }
        major = fields[0].value
        minor = fields[1].value
        patch = fields.count == 3 ? fields[2].value : nil
    }

    public var description: String {
        patch.map { "\(major).\(minor).\($0)" } ?? "\(major).\(minor)"
    }

    public static func < (lhs: Version, rhs: Version) -> Bool {
        (lhs.major, lhs.minor, lhs.patch ?? 0) < (rhs.major, rhs.minor, rhs.patch ?? 0)
    }
}

/// A time of day, `HH:MM` (Europe/Oslo).
public struct ClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(_ text: String) {
        guard let fields = digitFields(text, separator: UInt8(ascii: ":")), fields.count == 2,
            fields.allSatisfy({ $0.digits == 2 }), (0...23).contains(fields[0].value), (0...59).contains(fields[1].value)
        else { return nil }
        hour = fields[0].value
        minute = fields[1].value
    }

    public var description: String { ContentDate.twoDigits(hour) + ":" + ContentDate.twoDigits(minute) }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool {
        (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute)
    }
}

/// Slugs name files, folders, parties and question ids: `[a-z0-9]+(-[a-z0-9]+)*`.
public enum Slug {
    /// Lower-case letters a–z, digits and single hyphens, neither first nor last.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        var previous: UInt8 = UInt8(ascii: "-")
        for byte in text.utf8 {
            let isLetterOrDigit = byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
            guard isLetterOrDigit || (byte == UInt8(ascii: "-") && previous != UInt8(ascii: "-")) else { return false }
            previous = byte
        }
        return previous != UInt8(ascii: "-")
    }
}

/// `text` split at `separator` into fields of ASCII digits: each field's value, its number of
/// digits and whether it starts with `0`; `nil` when a field is empty, holds anything but
/// digits, or is too long to be a number.
private func digitFields(_ text: String, separator: UInt8) -> [(value: Int, digits: Int, leadingZero: Bool)]? {
    var fields: [(value: Int, digits: Int, leadingZero: Bool)] = []
    var value = 0
    var digits = 0
    var leadingZero = false
    for byte in text.utf8 {
        if byte == separator {
            guard digits > 0 else { return nil }
            fields.append((value, digits, leadingZero))
            value = 0
            digits = 0
        } else {
            guard byte &- UInt8(ascii: "0") < 10, digits < 18 else { return nil }
            if digits == 0 { leadingZero = byte == UInt8(ascii: "0") }
            value = value * 10 + Int(byte &- UInt8(ascii: "0"))
            digits += 1
        }
    }
    guard digits > 0 else { return nil }
    fields.append((value, digits, leadingZero))
    return fields
}
