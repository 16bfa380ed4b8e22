import Content
import Diagnostics
import Foundation

/// The releases already in the output folder, as their `manifest.json` files record them: what
/// the what-changed page, the version switcher and a recommendation's history are made from.
///
/// Rendering reads no files: Publishing loads the manifests and hands the history in.
public struct ReleaseHistory: Sendable {
    /// One release's `manifest.json`.
    public struct Release: Sendable, Codable {
        public let release: String
        public let date: String
        /// Every file of the release, relative to its root.
        public let pages: [String]
        public let recommendations: [RecordedRecommendation]
        public let checklists: [RecordedChecklist]

        public init(
            release: String, date: String, pages: [String], recommendations: [RecordedRecommendation], checklists: [RecordedChecklist]
        ) {
            self.release = release
            self.date = date
            self.pages = pages
            self.recommendations = recommendations
            self.checklists = checklists
        }

        /// Manifests written before recommendations and checklists were recorded have neither.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            release = try container.decode(String.self, forKey: .release)
            date = try container.decode(String.self, forKey: .date)
            pages = try container.decode([String].self, forKey: .pages)
            recommendations = try container.decodeIfPresent([RecordedRecommendation].self, forKey: .recommendations) ?? []
            checklists = try container.decodeIfPresent([RecordedChecklist].self, forKey: .checklists) ?? []
        }

        public func recommendation(_ id: String) -> RecordedRecommendation? {
            recommendations.first { $0.id == id }
        }
    }

    /// A recommendation as a release published it: enough to compare and to diff.
    public struct RecordedRecommendation: Sendable, Codable, Equatable {
        public let id: String
        public let title: String
        public let version: String
        public let status: String
        /// Its folder in the release.
        public let url: String
        /// SHA-256 of everything below: any change to the recommendation changes it.
        public let sha256: String
        /// The Markdown body.
        public let text: String
        public let duties: [RecordedDuty]
    }

    public struct RecordedDuty: Sendable, Codable, Equatable {
        public let party: String
        public let duty: String
    }

    public struct RecordedChecklist: Sendable, Codable, Equatable {
        public let id: String
        public let title: String
        public let version: String
        public let url: String
        public let sha256: String
    }

    /// The releases in the output folder other than the one being built, newest first.
    public let releases: [Release]

    public init(releases: [Release]) {
        self.releases = releases
    }

    public static let none = ReleaseHistory(releases: [])

    /// The newest release older than `site`'s (by date, then name): what "what changed" compares with.
    public func previous(before site: Site) -> Release? {
        let current = (site.config.releaseDate.value.description, site.config.release.value)
        return releases.first { ($0.date, $0.release) < current }
    }

    // MARK: - Recording

    static func record(_ recommendation: Recommendation, _ site: Site) -> RecordedRecommendation {
        let duties = recommendation.responsible.map { RecordedDuty(party: $0.party.value, duty: $0.duty.value) }
        let fingerprint: JSONValue = [
            "id": .string(recommendation.id.value),
            "title": .string(recommendation.title.value),
            "version": .string(recommendation.version.value.description),
            "status": .string(recommendation.status.value.rawValue),
            "adopted": .optional(recommendation.adopted?.value.description),
            "review": .optional(recommendation.review?.value.description),
            "duties": .array(duties.map { ["party": .string($0.party), "duty": .string($0.duty)] }),
            "handover": .array(
                recommendation.handover.map {
                    ["from": .string($0.from.value), "to": .string($0.to.value), "when": .optional($0.when?.value)]
                }),
            "tags": .array(recommendation.tags.map { .string($0.value) }),
            "text": .string(recommendation.document.markdown),
        ]
        return RecordedRecommendation(
            id: recommendation.id.value, title: recommendation.title.value, version: recommendation.version.value.description,
            status: recommendation.status.value.rawValue, url: Route.path(of: recommendation), sha256: API.sha256(fingerprint.canonical()),
            text: recommendation.document.markdown, duties: duties)
    }

    static func record(_ checklist: Checklist, _ site: Site) -> RecordedChecklist {
        var hash = ""
        if case .object(let members) = API.checklist(checklist, site),
            case .string(let value)? = members.first(where: { $0.0 == "sha256" })?.1
        {
            hash = value
        }
        return RecordedChecklist(
            id: checklist.id.value, title: checklist.title.value, version: checklist.version.value.description,
            url: Route.path(of: checklist), sha256: hash)
    }

    /// `manifest.json`: this release, its date, its files, and its recommendations and checklists.
    static func manifest(_ site: Site, files: [String]) -> String {
        let release = Release(
            release: site.config.release.value, date: site.config.releaseDate.value.description, pages: files.sorted(),
            recommendations: site.recommendations.concurrentMap { record($0, site) },
            checklists: site.checklists.map { record($0, site) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and arrays cannot fail.
        return String(decoding: (try? encoder.encode(release)) ?? Data(), as: UTF8.self) + "\n"
    }
}
