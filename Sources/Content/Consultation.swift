/// A recommendation or checklist that is or was on consultation (høring): one that has a
/// `hearing:` block, or whose status is `høring` (with no block: a consultation whose deadline
/// the content does not give, which `hearing-missing` warns about).
public struct Consultation: Sendable {
    public enum Subject: Sendable {
        case recommendation(Recommendation)
        case checklist(Checklist)
    }

    public let subject: Subject
    /// Whether the consultation is open as of the release date: the status is `høring` and the
    /// deadline, if one is given, is not past.
    public let isOpen: Bool

    public var hearing: Hearing? {
        switch subject {
        case .recommendation(let recommendation): recommendation.hearing
        case .checklist(let checklist): checklist.hearing
        }
    }

    public var status: Status {
        switch subject {
        case .recommendation(let recommendation): recommendation.status.value
        case .checklist(let checklist): checklist.status.value
        }
    }

    public var id: String {
        switch subject {
        case .recommendation(let recommendation): recommendation.id.value
        case .checklist(let checklist): checklist.id.value
        }
    }

    public var title: String {
        switch subject {
        case .recommendation(let recommendation): recommendation.title.value
        case .checklist(let checklist): checklist.title.value
        }
    }

    /// A stable key, unique across both kinds (a checklist and a recommendation may share an id):
    /// `anbefaling-MO-FS-07`, `sjekkliste-vurderingsskjema`. Calendar UIDs and feed ids use it.
    public var key: String {
        switch subject {
        case .recommendation(let recommendation): "anbefaling-" + recommendation.id.value
        case .checklist(let checklist): "sjekkliste-" + checklist.id.value
        }
    }

    /// The page of the recommendation or checklist, relative to the release root.
    public var path: String {
        switch subject {
        case .recommendation(let recommendation): Route.path(of: recommendation)
        case .checklist(let checklist): Route.path(of: checklist)
        }
    }

    /// "Anbefaling" or "Sjekkliste", as lists show it.
    public var kindLabel: String {
        switch subject {
        case .recommendation: "Anbefaling"
        case .checklist: "Sjekkliste"
        }
    }
}

extension Site {
    /// Whether content with `status` and `hearing` is still `høring` after its deadline, as of the
    /// release date (the build's only clock).
    public func isHearingOverdue(status: Status, hearing: Hearing?) -> Bool {
        guard status == .høring, let hearing else { return false }
        return !hearing.isOpen(on: config.releaseDate.value)
    }

    /// Every consultation of the site, recommendations first, each kind in site order.
    public var consultations: [Consultation] {
        let releaseDate = config.releaseDate.value
        func make(_ subject: Consultation.Subject, status: Status, hearing: Hearing?) -> Consultation? {
            guard hearing != nil || status == .høring else { return nil }
            let open = status == .høring && (hearing?.isOpen(on: releaseDate) ?? true)
            return Consultation(subject: subject, isOpen: open)
        }
        return recommendations.compactMap { make(.recommendation($0), status: $0.status.value, hearing: $0.hearing) }
            + checklists.compactMap { make(.checklist($0), status: $0.status.value, hearing: $0.hearing) }
    }

    /// The open consultations, the deadline soonest first (those without one last), and the
    /// others, the latest deadline first.
    public var consultationsByState: (open: [Consultation], closed: [Consultation]) {
        let all = consultations
        let open = all.filter(\.isOpen).sorted { a, b in
            switch (a.hearing?.deadline.value, b.hearing?.deadline.value) {
            case let (x?, y?): x != y ? x < y : naturalLess(a.key, b.key)
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): naturalLess(a.key, b.key)
            }
        }
        let closed = all.filter { !$0.isOpen }.sorted { a, b in
            let x = a.hearing?.deadline.value
            let y = b.hearing?.deadline.value
            return x != y ? (x ?? ContentDate(year: 1000)) > (y ?? ContentDate(year: 1000)) : naturalLess(a.key, b.key)
        }
        return (open, closed)
    }
}
