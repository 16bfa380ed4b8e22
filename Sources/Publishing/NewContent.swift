import Content
import Foundation

/// `moteplass new`: a new recommendation or meeting file with every required field filled in.
///
/// What the editor must still decide is left as a placeholder that the validator names (a
/// party `hvem`, which `party-unknown` reports, and an empty `duty:`, which
/// `responsible-duty-missing` reports), so the file cannot be published before it is filled in.
/// Dates are only written when the editor gives them. An existing file is never overwritten.
public enum NewContent {
    /// Why nothing was written (exit status 2).
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// A file to write, relative to the content folder, and its text.
    public struct File: Sendable, Equatable {
        public let path: String
        public let text: String
    }

    /// The placeholder party: `party-unknown` names it until a real party id replaces it.
    static let placeholderParty = "hvem"

    /// A recommendation in the set `setSlug`, with the set's next id and its owner.
    public static func recommendation(in site: Site, set setSlug: String, title: String, date: String?) throws(Refusal) -> File {
        guard let set = site.set(slug: setSlug) else {
            let known = site.sets.map { "`\($0.slug)`" }.joined(separator: ", ")
            throw Refusal(description: "settet `\(setSlug)` finnes ikke i recommendations/; velg et av \(known)")
        }
        let slug = try slug(of: title)
        let date = try date.map(checkedDate)
        let id = nextID(after: site.recommendations(inSet: setSlug).map(\.id.value), prefix: set.id.value, taken: ids(in: site))
        var lines = [
            "---",
            "id: \(id)",
            "title: \(quoted(title))",
            "version: 0.1.0",
            "status: utkast",
            "owner: \(set.owner.value)",
            "# Hvem gjør hva: én oppføring per part (id fra parties.yml), med det parten skal gjøre.",
            "responsible:",
            "  - party: \(placeholderParty)",
            "    duty:",
            "tags: []",
        ]
        if let date {
            lines += ["changelog:", "  - version: 0.1.0", "    date: \(date)", "    summary: Første utkast."]
        }
        lines += ["---", "## Anbefaling", "", "## Begrunnelse", ""]
        return File(path: "recommendations/\(setSlug)/\(slug).md", text: lines.joined(separator: "\n"))
    }

    /// A meeting on `date`, its id in the scheme the other meetings use (`MO-M-2018-02-28`).
    public static func meeting(in site: Site, date: String, title: String) throws(Refusal) -> File {
        let date = try checkedDate(date)
        let slug = try slug(of: title)
        // The prefix the meetings' ids put before their date, the most common one.
        let prefixes = site.meetings.compactMap { meeting -> String? in
            let id = meeting.id.value, day = meeting.date.value.description
            return id.hasSuffix(day) ? String(id.dropLast(day.count)) : nil
        }
        let counts = Dictionary(prefixes.map { ($0, 1) }, uniquingKeysWith: +)
        let prefix = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "M-"
        let taken = ids(in: site)
        var id = prefix + date
        var number = 2
        while taken.contains(id) {
            id = "\(prefix)\(date)-\(number)"
            number += 1
        }
        let lines = [
            "---",
            "id: \(id)",
            "title: \(quoted(title))",
            "date: \(date)",
            "# start: \"16:00\"",
            "# end: \"18:00\"",
            "# venue: Stedet",
            "# organisers: [moteplass-arbeidsforum]",
            "# description: Én setning til møtelisten.",
            "---",
            "",
        ]
        return File(path: "meetings/\(date)-\(slug).md", text: lines.joined(separator: "\n"))
    }

    /// Writes `file` into `content`; refuses when a file is there already.
    public static func write(_ file: File, into content: String) throws(Refusal) {
        let path = "\(content)/\(file.path)"
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Refusal(description: "kan ikke opprette \(folder): \(error.localizedDescription)")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST {
                throw Refusal(description: "\(path) finnes allerede og blir ikke overskrevet; velg en annen tittel, eller rediger filen")
            }
            throw Refusal(description: "kan ikke skrive \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array(file.text.utf8)
        guard Foundation.write(descriptor, bytes, bytes.count) == bytes.count else {
            unlink(path)
            throw Refusal(description: "kan ikke skrive \(path): \(String(cString: strerror(errno)))")
        }
    }

    // MARK: -

    /// The next id after the highest `prefix-NN` in use, with as many digits: `MO-FS-07` → `MO-FS-08`.
    static func nextID(after ids: [String], prefix: String, taken: Set<String>) -> String {
        let numbers = ids.compactMap { id -> (Int, Int)? in
            guard id.hasPrefix(prefix + "-"), let number = Int(id.dropFirst(prefix.count + 1)) else { return nil }
            return (number, id.count - prefix.count - 1)
        }
        let width = numbers.map(\.1).max() ?? 2
        var next = (numbers.map(\.0).max() ?? 0) + 1
        func id(_ number: Int) -> String {
            let digits = String(number)
            return prefix + "-" + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        while taken.contains(id(next)) { next += 1 }
        return id(next)
    }

    /// Every id in the site: recommendations, sets, meetings and checklists share one namespace.
    static func ids(in site: Site) -> Set<String> {
        Set(
            site.recommendations.map(\.id.value) + site.sets.map(\.id.value) + site.meetings.map(\.id.value)
                + site.checklists.map(\.id.value))
    }

    static func slug(of title: String) throws(Refusal) -> String {
        let slug = Slug.suggest(title)
        guard !slug.isEmpty else {
            throw Refusal(description: "tittelen «\(title)» gir ikke noe filnavn; bruk bokstaver eller tall i tittelen")
        }
        return slug
    }

    static func checkedDate(_ text: String) throws(Refusal) -> String {
        guard text.count == 10, let date = ContentDate(text), date.day != nil else {
            throw Refusal(description: "`\(text)` er ikke en dato på formen ÅÅÅÅ-MM-DD som finnes, f.eks. 2019-02-13")
        }
        return text
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
