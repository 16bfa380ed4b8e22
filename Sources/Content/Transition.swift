/// One transition: an ordered pair of parties where responsibility passes from one (`from`) to
/// the other (`to`), with every recommendation in force that has a `handover` between them.
///
/// Ordered, because handing over is not symmetric: *sykehus → fastlege* (at discharge) is another
/// transition than *fastlege → sykehus* (at a referral), with other recommendations.
public struct Transition: Sendable {
    public let from: String
    public let to: String
    /// In site order (set, then id), each recommendation once.
    public let entries: [Entry]

    /// A recommendation that has a handover from `from` to `to`, and those handovers (more than
    /// one when it names the pair at several moments), in the order written.
    public struct Entry: Sendable {
        public let recommendation: Recommendation
        public let handovers: [Handover]
    }

    /// The transition's folder name under `overganger/` (see `Route.path(ofTransitionFrom:to:)`).
    public var slug: String { Transition.slug(from: from, to: to) }

    /// `sykehus-fastlege`: the two party ids joined by a hyphen, or by two (`sykehus--moteplass-arbeidsforum`)
    /// when either id holds a hyphen itself. Party ids are slugs, which never hold `--`, so a name
    /// with `--` splits only there and one without it has exactly one hyphen: every name means one
    /// pair, and a pair's name changes only when a party's id does.
    public static func slug(from: String, to: String) -> String {
        from.contains("-") || to.contains("-") ? from + "--" + to : from + "-" + to
    }
}

/// Every transition of a site: the pairs of parties that the recommendations in force hand over
/// between (`Site.isInForce`), computed once for the pages, the API and the search.
///
/// A handover from a party to itself is no transition and has no page.
public struct Transitions: Sendable {
    /// By the order of `parties.yml`: the giving party first, then the receiving one.
    public let all: [Transition]
    private let index: [String: Int]
    private let byParty: [String: [Int]]

    public init(_ site: Site) {
        var entries: [String: [Transition.Entry]] = [:]
        for recommendation in site.recommendations where !recommendation.handover.isEmpty && site.isInForce(recommendation) {
            var pairs: [String] = []
            var handovers: [String: [Handover]] = [:]
            for handover in recommendation.handover where handover.from.value != handover.to.value {
                let key = Self.key(handover.from.value, handover.to.value)
                if handovers[key] == nil { pairs.append(key) }
                handovers[key, default: []].append(handover)
            }
            for key in pairs {
                entries[key, default: []].append(Transition.Entry(recommendation: recommendation, handovers: handovers[key] ?? []))
            }
        }
        // Parties in the order of parties.yml; an id not listed there (the preview shows a site
        // with errors) after them, in natural order.
        let position = Dictionary(site.parties.enumerated().map { ($1.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        func order(_ id: String) -> (Int, NaturalKey) { (position[id] ?? .max, NaturalKey(id)) }
        let transitions = entries.values.map { entries in
            Transition(from: entries[0].handovers[0].from.value, to: entries[0].handovers[0].to.value, entries: entries)
        }
        all = transitions.sorted { a, b in
            let (fromA, fromB) = (order(a.from), order(b.from))
            if fromA != fromB { return fromA < fromB }
            return order(a.to) < order(b.to)
        }
        index = Dictionary(all.enumerated().map { (Self.key($1.from, $1.to), $0) }, uniquingKeysWith: { first, _ in first })
        var byParty: [String: [Int]] = [:]
        for (i, transition) in all.enumerated() {
            byParty[transition.from, default: []].append(i)
            byParty[transition.to, default: []].append(i)
        }
        self.byParty = byParty
    }

    /// The transition from `from` to `to`, if a recommendation in force has it.
    public func transition(from: String, to: String) -> Transition? {
        index[Self.key(from, to)].map { all[$0] }
    }

    /// The transitions a party gives or takes over in, in the order of `all`.
    public func involving(_ party: String) -> [Transition] {
        (byParty[party] ?? []).map { all[$0] }
    }

    private static func key(_ from: String, _ to: String) -> String { from + "\u{0}" + to }
}
