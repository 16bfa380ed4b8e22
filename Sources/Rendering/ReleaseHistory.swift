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

    /// A recommendation as a release published it: enough to tell whether it changed.
    public struct RecordedRecommendation: Sendable, Codable, Equatable {
        public let id: String
        public let title: String
        public let version: String
        public let status: String
        /// Its folder in the release.
        public let url: String
        /// SHA-256 of its content (fields, duties and text): any change to it changes this.
        public let sha256: String
    }

    /// A recommendation's text and duties as a release published them (`texts.json`), for the
    /// word-level comparison with the next version.
    public struct RecordedText: Sendable, Codable, Equatable {
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
    /// The texts of the previous release (see `previous(before:)`), by recommendation id.
    public let previousTexts: [String: RecordedText]

    public init(releases: [Release], previousTexts: [String: RecordedText] = [:]) {
        self.releases = releases
        self.previousTexts = previousTexts
    }

    public static let none = ReleaseHistory(releases: [])

    /// The newest release older than `site`'s (by date, then name): what "what changed" compares with.
    public func previous(before site: Site) -> Release? {
        Self.previous(in: releases, release: site.config.release.value, date: site.config.releaseDate.value.description)
    }

    public static func previous(in releases: [Release], release: String, date: String) -> Release? {
        releases.first { ($0.date, $0.release) < (date, release) }
    }

    // MARK: - Recording

    static func text(_ recommendation: Recommendation) -> RecordedText {
        RecordedText(
            text: recommendation.document.markdown,
            duties: recommendation.responsible.map { RecordedDuty(party: $0.party.value, duty: $0.duty.value) })
    }

    static func record(_ recommendation: Recommendation, _ site: Site) -> RecordedRecommendation {
        let text = text(recommendation)
        let fingerprint: JSONValue = [
            "id": .string(recommendation.id.value),
            "title": .string(recommendation.title.value),
            "version": .string(recommendation.version.value.description),
            "status": .string(recommendation.status.value.rawValue),
            "adopted": .optional(recommendation.adopted?.value.description),
            "review": .optional(recommendation.review?.value.description),
            // A duty's task only where it has one: the fingerprints of recommendations without tasks
            // stay those of the releases made before tasks existed.
            "duties": .array(
                recommendation.responsible.map { responsibility in
                    var duty: [(String, JSONValue)] = [
                        ("party", .string(responsibility.party.value)), ("duty", .string(responsibility.duty.value)),
                    ]
                    if let task = responsibility.task { duty.append(("task", .string(task.value))) }
                    return .object(duty)
                }),
            "handover": .array(
                recommendation.handover.map {
                    ["from": .string($0.from.value), "to": .string($0.to.value), "when": .optional($0.when?.value)]
                }),
            "tags": .array(recommendation.tags.map { .string($0.value) }),
            "text": .string(text.text),
        ]
        return RecordedRecommendation(
            id: recommendation.id.value, title: recommendation.title.value, version: recommendation.version.value.description,
            status: recommendation.status.value.rawValue, url: Route.path(of: recommendation),
            sha256: API.sha256(bytes: fingerprint.canonicalBytes()))
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

    /// The release being built as its manifest records it, made once for the manifest and for
    /// the comparison with the previous release; in the order of the site.
    struct Recorded: Sendable {
        let recommendations: [RecordedRecommendation]
        let checklists: [RecordedChecklist]

        init(_ site: Site) {
            recommendations = site.recommendations.concurrentMap { ReleaseHistory.record($0, site) }
            checklists = site.checklists.map { ReleaseHistory.record($0, site) }
        }
    }

    /// `manifest.json`: this release, its date, its pages, and its recommendations and checklists
    /// (keys in alphabetical order, as `Release` decodes them).
    static func manifest(_ site: Site, pages: [String], recorded: Recorded) -> OutputFile {
        let value: JSONValue = [
            "checklists": .array(
                recorded.checklists.map {
                    [
                        "id": .string($0.id), "sha256": .string($0.sha256), "title": .string($0.title), "url": .string($0.url),
                        "version": .string($0.version),
                    ]
                }),
            "date": .string(site.config.releaseDate.value.description),
            "pages": .array(pages.sorted().map(JSONValue.string)),
            "recommendations": .array(
                recorded.recommendations.map {
                    [
                        "id": .string($0.id), "sha256": .string($0.sha256), "status": .string($0.status), "title": .string($0.title),
                        "url": .string($0.url), "version": .string($0.version),
                    ]
                }),
            "release": .string(site.config.release.value),
        ]
        return OutputFile(path: "manifest.json", json: value, pretty: true)
    }

    /// `texts.json`: every recommendation's text and duties, by id (in alphabetical order).
    static func texts(_ site: Site) -> OutputFile {
        var seen = Set<String>()
        let recommendations = site.recommendations.filter { seen.insert($0.id.value).inserted }
            .sorted { $0.id.value.unicodeScalars.lexicographicallyPrecedes($1.id.value.unicodeScalars) }
        let value = JSONValue.object(
            recommendations.map { recommendation in
                let recorded = text(recommendation)
                return (
                    recommendation.id.value,
                    [
                        "duties": .array(recorded.duties.map { ["duty": .string($0.duty), "party": .string($0.party)] }),
                        "text": .string(recorded.text),
                    ]
                )
            })
        return OutputFile(path: "texts.json", json: value, pretty: true)
    }
}
