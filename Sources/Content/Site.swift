import Diagnostics
import Foundation

/// All the content of a site, sorted and cross-referenced: what validation and rendering work on.
///
/// Built once after loading; lookups by id, path and party are dictionary reads, so rendering
/// a page never scans the whole site.
public struct Site: Sendable {
    public let config: SiteConfig
    /// The logo `site.yml` names, read by the loader: a release carries it as `assets/logo.<ext>`.
    public let logo: Logo?

    public struct Logo: Sendable {
        /// `svg` or `png`.
        public let fileExtension: String
        public let contents: Data
    }
    /// In the order of `parties.yml`.
    public let parties: [Party]
    public let index: Page
    /// By `order`, then title.
    public let sets: [RecommendationSet]
    /// By set order, then id (natural order).
    public let recommendations: [Recommendation]
    /// By date and start time.
    public let meetings: [Meeting]
    public let checklists: [Checklist]
    /// By `order`, then title.
    public let pages: [Page]
    /// The groups of `synonyms.yml`: words and phrases that mean the same for searching.
    public let synonyms: [[Located<String>]]
    /// The tasks of `tasks.yml` in its order; `nil` when there is no such file (then any slug in
    /// a duty's `task:` is a task, named by its slug).
    public let tasks: [NamedTask]?
    /// Content files (relative paths) that exist but could not be decoded: cross-file rules must
    /// not report links to them as broken.
    public let incompleteFiles: Set<String>

    private let partyIndex: [String: Int]
    private let recommendationIndex: [String: Int]
    private let setIndex: [String: Int]
    private let recommendationsBySet: [String: [Int]]
    private let dutiesByParty: [String: [Duty]]
    private let meetingsByRecommendation: [String: [Int]]
    private let supersededBy: [String: [Int]]
    private let taskIndex: [String: Int]
    private let dutiesByTask: [String: [Duty]]
    private let targetsByPath: [String: LinkTarget]
    private let targetsByID: [String: LinkTarget]
    /// The slugs of the sets and checklists a release publishes.
    private let releasedSets: Set<String>
    private let releasedChecklists: Set<String>

    public init(
        config: SiteConfig, parties: [Party], index: Page, sets: [RecommendationSet], recommendations: [Recommendation],
        meetings: [Meeting], checklists: [Checklist], pages: [Page], synonyms: [[Located<String>]] = [],
        tasks: [NamedTask]? = nil, incompleteFiles: Set<String> = [], logo: Logo? = nil
    ) {
        self.config = config
        self.logo = logo
        self.synonyms = synonyms
        self.tasks = tasks
        self.incompleteFiles = incompleteFiles
        self.parties = parties
        self.index = index
        let sets = sets.sorted { ($0.order?.value ?? .max, $0.title.value, $0.slug) < ($1.order?.value ?? .max, $1.title.value, $1.slug) }
        self.sets = sets
        let setPosition = Dictionary(sets.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let keys = recommendations.map { (setPosition[$0.setSlug] ?? .max, NaturalKey($0.id.value)) }
        self.recommendations = keys.indices.sorted { i, j in
            keys[i].0 != keys[j].0 ? keys[i].0 < keys[j].0 : keys[i].1 < keys[j].1
        }.map { recommendations[$0] }
        self.meetings = meetings.sorted {
            ($0.date.value, $0.start?.value.description ?? "", $0.id.value) < (
                $1.date.value, $1.start?.value.description ?? "", $1.id.value
            )
        }
        self.checklists = checklists.sorted { ($0.title.value, $0.id.value) < ($1.title.value, $1.id.value) }
        self.pages = pages.sorted {
            ($0.order?.value ?? .max, $0.title.value, $0.slug) < ($1.order?.value ?? .max, $1.title.value, $1.slug)
        }

        func firstIndex<T>(_ items: [T], _ key: (T) -> String) -> [String: Int] {
            Dictionary(items.enumerated().map { (key($1), $0) }, uniquingKeysWith: { a, _ in a })
        }
        partyIndex = firstIndex(parties) { $0.id.value }
        recommendationIndex = firstIndex(self.recommendations) { $0.id.value }
        setIndex = firstIndex(self.sets) { $0.slug }

        var bySet: [String: [Int]] = [:]
        var duties: [String: [Duty]] = [:]
        var supersededBy: [String: [Int]] = [:]
        var byTask: [String: [Duty]] = [:]
        for (i, recommendation) in self.recommendations.enumerated() {
            bySet[recommendation.setSlug, default: []].append(i)
            // By index: a copy of each duty (all its located strings) costs more than the indexing.
            for j in recommendation.responsible.indices {
                duties[recommendation.responsible[j].party.value, default: []].append(Duty(recommendation: i, responsibility: j))
                if let task = recommendation.responsible[j].task {
                    byTask[task.value, default: []].append(Duty(recommendation: i, responsibility: j))
                }
            }
            for old in recommendation.supersedes {
                supersededBy[old.value, default: []].append(i)
            }
        }
        recommendationsBySet = bySet
        dutiesByParty = duties
        dutiesByTask = byTask
        self.supersededBy = supersededBy
        taskIndex = firstIndex(tasks ?? []) { $0.id.value }

        var meetingsByRecommendation: [String: [Int]] = [:]
        for (i, meeting) in self.meetings.enumerated() {
            for id in Set(meeting.related.map(\.value)) {
                meetingsByRecommendation[id, default: []].append(i)
            }
        }
        self.meetingsByRecommendation = meetingsByRecommendation

        var byPath: [String: LinkTarget] = [index.document.relativePath: .index]
        var byID: [String: LinkTarget] = [:]
        for set in self.sets {
            byPath[set.document.relativePath] = .set(set.slug)
            byID[set.id.value] = byID[set.id.value] ?? .set(set.slug)
        }
        for recommendation in self.recommendations {
            byPath[recommendation.document.relativePath] = .recommendation(recommendation.id.value)
            byID[recommendation.id.value] = byID[recommendation.id.value] ?? .recommendation(recommendation.id.value)
        }
        for meeting in self.meetings {
            byPath[meeting.document.relativePath] = .meeting(meeting.slug)
            byID[meeting.id.value] = byID[meeting.id.value] ?? .meeting(meeting.slug)
        }
        for checklist in self.checklists {
            byPath[checklist.document.relativePath] = .checklist(checklist.slug)
            byID[checklist.id.value] = byID[checklist.id.value] ?? .checklist(checklist.slug)
        }
        for page in self.pages {
            byPath[page.document.relativePath] = .page(page.slug)
        }
        targetsByPath = byPath
        targetsByID = byID
        releasedSets = Set(self.sets.filter { Self.released($0.status) }.map(\.slug))
        releasedChecklists = Set(self.checklists.filter { Self.released($0.status) }.map(\.slug))
    }

    // MARK: Lookups

    public func party(_ id: String) -> Party? {
        partyIndex[id].map { parties[$0] }
    }

    /// The party's display name, or the id itself when it is unknown.
    public func partyName(_ id: String) -> String {
        party(id)?.name.value ?? id
    }

    public func recommendation(id: String) -> Recommendation? {
        recommendationIndex[id].map { recommendations[$0] }
    }

    public func set(slug: String) -> RecommendationSet? {
        setIndex[slug].map { sets[$0] }
    }

    public func recommendations(inSet slug: String) -> [Recommendation] {
        (recommendationsBySet[slug] ?? []).map { recommendations[$0] }
    }

    /// How many duties a party has across all recommendations.
    public func dutyCount(of partyID: String) -> Int {
        dutiesByParty[partyID]?.count ?? 0
    }

    /// Every duty of a party across all recommendations, in recommendation order.
    public func duties(of partyID: String) -> [(recommendation: Recommendation, responsibility: Responsibility)] {
        (dutiesByParty[partyID] ?? []).map { duty in
            let recommendation = recommendations[duty.recommendation]
            return (recommendation, recommendation.responsible[duty.responsibility])
        }
    }

    /// The task named `id` in `tasks.yml`.
    public func task(_ id: String) -> NamedTask? {
        guard let index = taskIndex[id], let tasks else { return nil }
        return tasks[index]
    }

    /// Whether `tasks.yml` names the task.
    public func hasTask(_ id: String) -> Bool {
        taskIndex[id] != nil
    }

    /// The task's title from `tasks.yml`, or its id when the file does not name it.
    public func taskTitle(_ id: String) -> String {
        task(id)?.title.value ?? id
    }

    /// The ids of every task that a duty names or `tasks.yml` lists: the file's order first, then
    /// the others in natural order.
    public var taskIDs: [String] {
        let listed = (tasks ?? []).map(\.id.value)
        let known = Set(listed)
        var seen = Set<String>()
        let listedOnce = listed.filter { seen.insert($0).inserted }
        return listedOnce + dutiesByTask.keys.filter { !known.contains($0) }.sorted { NaturalKey($0) < NaturalKey($1) }
    }

    /// Every duty that names the task, in recommendation order.
    public func duties(withTask id: String) -> [(recommendation: Recommendation, responsibility: Responsibility)] {
        (dutiesByTask[id] ?? []).map { duty in
            let recommendation = recommendations[duty.recommendation]
            return (recommendation, recommendation.responsible[duty.responsibility])
        }
    }

    /// Whether a recommendation is in force: adopted (`vedtatt` or `retningslinje`), published by a
    /// release (not in a draft set), and not superseded by another recommendation in force.
    /// (`høring` is a proposal, `utkast` a draft, `trukket` withdrawn.)
    public func isInForce(_ recommendation: Recommendation) -> Bool {
        isAdoptedAndReleased(recommendation)
            && !(supersededBy[recommendation.id.value] ?? []).contains { index in
                recommendations[index] !== recommendation && isAdoptedAndReleased(recommendations[index])
            }
    }

    private func isAdoptedAndReleased(_ recommendation: Recommendation) -> Bool {
        let status = recommendation.status.value
        return (status == .vedtatt || status == .retningslinje) && isInRelease(recommendation)
    }

    public func meetings(relatedTo recommendationID: String) -> [Meeting] {
        (meetingsByRecommendation[recommendationID] ?? []).map { meetings[$0] }
    }

    /// The recommendations that list `recommendationID` in their `supersedes`.
    public func recommendations(superseding recommendationID: String) -> [Recommendation] {
        (supersededBy[recommendationID] ?? []).map { recommendations[$0] }
    }

    /// What an internal link points to: an `id:` link or a relative path to a `.md` file.
    public func resolve(link destination: String, from document: Document) -> LinkResolution {
        let (target, fragment) = LinkResolution.split(destination)
        if target.hasPrefix("id:") {
            let id = String(target.dropFirst(3))
            guard let resolved = targetsByID[id] else {
                if incompleteFiles.contains(where: { !$0.hasPrefix("pages/") && $0.hasSuffix(".md") }) { return .unavailable }
                return .broken(
                    "ingen anbefaling, sett, møte eller sjekkliste har id-en `\(id)`.\(Suggestion.hint(for: id, among: targetsByID.keys))"
                )
            }
            return .resolved(resolved, fragment: fragment)
        }
        if target.isEmpty || LinkResolution.hasScheme(target) { return .external }
        if target.hasPrefix("/") {
            return .broken("lenken begynner med `/`; skriv stien relativt til denne filen, f.eks. `../pages/mandat.md`")
        }
        guard target.hasSuffix(".md") else { return .external }
        guard let path = LinkResolution.join(folderOf: document.relativePath, target) else {
            return .broken("stien `\(target)` går ut av innholdsmappen")
        }
        guard let resolved = targetsByPath[path] else {
            if incompleteFiles.contains(path) { return .unavailable }
            return .broken("filen `\(path)` finnes ikke i innholdsmappen.\(Suggestion.hint(for: path, among: targetsByPath.keys))")
        }
        return .resolved(resolved, fragment: fragment)
    }

    /// Whether a release build (without `--drafts`) publishes the page `target` points to: drafts,
    /// and recommendations in a draft set, are left out.
    public func isInRelease(_ target: LinkTarget) -> Bool {
        switch target {
        case .index, .meeting, .page: true
        case .set(let slug): releasedSets.contains(slug)
        case .recommendation(let id):
            // Looked at where it lies: a copy of the recommendation (or, through a method
            // reference, of the whole site) was a noticeable part of validating.
            if let index = recommendationIndex[id] { isInRelease(recommendations[index]) } else { false }
        case .checklist(let slug): releasedChecklists.contains(slug)
        }
    }

    private static func released(_ status: Located<Status>?) -> Bool {
        status?.value.isPublished(includeDrafts: false) ?? false
    }

    private func isInRelease(_ recommendation: borrowing Recommendation) -> Bool {
        Self.released(recommendation.status) && releasedSets.contains(recommendation.setSlug)
    }

    /// Whether a recommendation in force should have been reviewed before the release date.
    public func isReviewOverdue(_ recommendation: Recommendation) -> Bool {
        guard let review = recommendation.review?.value else { return false }
        let status = recommendation.status.value
        return review.lastDay < config.releaseDate.value && status != .trukket && status != .utkast
    }

    /// The site as a release publishes it: drafts (`utkast`) left out unless `includeDrafts`.
    public func published(includeDrafts: Bool) -> Site {
        if includeDrafts { return self }
        return Site(
            config: config, parties: parties, index: index, sets: sets.filter { Self.released($0.status) },
            recommendations: recommendations.filter(isInRelease), meetings: meetings,
            checklists: checklists.filter { Self.released($0.status) }, pages: pages, synonyms: synonyms,
            tasks: tasks, incompleteFiles: incompleteFiles, logo: logo
        )
    }

    /// Indices into `recommendations` and the recommendation's `responsible`.
    private struct Duty: Sendable {
        let recommendation: Int
        let responsibility: Int
    }
}

/// A page a content link can point to.
public enum LinkTarget: Sendable, Hashable {
    case index
    case set(String)
    case recommendation(String)
    case meeting(String)
    case checklist(String)
    case page(String)
}

/// What a link in Markdown means.
public enum LinkResolution: Sendable, Equatable {
    /// A web address, `mailto:`, an anchor on the same page …: left as written.
    case external
    case resolved(LinkTarget, fragment: String?)
    /// An internal link that leads nowhere; the text says why, in Norwegian.
    case broken(String)
    /// The target may exist in a file that could not be loaded: not reported as broken.
    case unavailable

    /// `a.md#b` → (`a.md`, `b`).
    static func split(_ destination: String) -> (String, String?) {
        let utf8 = destination.utf8
        guard let hash = utf8.firstIndex(of: UInt8(ascii: "#")) else { return (destination, nil) }
        let fragment = String(destination[utf8.index(after: hash)...])
        return (String(destination[..<hash]), fragment.isEmpty ? nil : fragment)
    }

    /// Whether the text starts with a URL scheme (`https:`, `mailto:`): a letter, then letters,
    /// digits, `+`, `-` or `.`, then `:`.
    static func hasScheme(_ text: String) -> Bool {
        for (offset, byte) in text.utf8.enumerated() {
            let isLetter = (byte | 0x20) &- UInt8(ascii: "a") < 26
            if offset == 0 {
                guard isLetter else { return false }
            } else if byte == UInt8(ascii: ":") {
                return true
            } else if !(isLetter || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "."))
            {
                return false
            }
        }
        return false
    }

    /// Resolves `relative` against the folder of `file` (both inside the content folder);
    /// `nil` when `..` climbs out of it.
    static func join(folderOf file: String, _ relative: String) -> String? {
        var path = Array(file.utf8)
        func dropLastComponent() { path.removeSubrange((path.lastIndex(of: UInt8(ascii: "/")) ?? 0)...) }
        dropLastComponent()
        for component in relative.utf8.split(separator: UInt8(ascii: "/")) {
            if component.elementsEqual(".".utf8) { continue }
            if component.elementsEqual("..".utf8) {
                guard !path.isEmpty else { return nil }
                dropLastComponent()
            } else {
                if !path.isEmpty { path.append(UInt8(ascii: "/")) }
                path.append(contentsOf: component)
            }
        }
        return String(decoding: path, as: UTF8.self)
    }
}
