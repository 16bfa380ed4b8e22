import Content
import Diagnostics

/// `endorsement-missing`: an adopted recommendation (`vedtatt` or `retningslinje`) that gives duties
/// to parties of both the municipality and the specialist health service, but is not anchored on
/// both sides. The source material lays recommendations before the established bodies "med mål å
/// skape størst mulig konsensus"; one that binds both sides and is anchored on one binds the
/// other without its word. A joint body (`level: felles`) anchors for both.
struct EndorsementRule: ValidationRule {
    private static let sides: [Level] = [.kommune, .spesialisthelsetjeneste]

    func check(_ site: Site) -> [Diagnostic] {
        site.recommendations.compactMap { recommendation -> Diagnostic? in
            let status = recommendation.status.value
            guard status == .vedtatt || status == .retningslinje else { return nil }
            // Each side's parties, by name, in the order of `responsible`.
            var bound: [Level: [String]] = [:]
            for responsibility in recommendation.responsible {
                let id = responsibility.party.value
                guard let level = site.party(id)?.level?.value, Self.sides.contains(level) else { continue }
                let name = site.partyName(id).lowercased()
                if !(bound[level] ?? []).contains(name) { bound[level, default: []].append(name) }
            }
            guard bound.count == Self.sides.count else { return nil }
            let endorsed = Set(recommendation.endorsements.map(\.level.value))
            if endorsed.contains(.felles) { return nil }
            let missing = Self.sides.filter { !endorsed.contains($0) }
            guard !missing.isEmpty else { return nil }
            let sides = Self.sides.map { "\($0.label.lowercased()) (\(bound[$0, default: []].joined(separator: ", ")))" }
            let anchored = Self.sides.filter { endorsed.contains($0) }.map { $0.label.lowercased() }
            let which = anchored.isEmpty ? "ikke forankret på noen av sidene" : "bare forankret for \(anchored.joined(separator: " og "))"
            let advice =
                missing.count == Self.sides.count
                ? "legg til `endorsements:` med et punkt (`by`, `level`, `date`) for organet på hver side som har vedtatt den, `level: kommune` og `level: spesialisthelsetjeneste`, eller ett for et felles organ med `level: felles`"
                : "legg til et punkt i `endorsements:` med `by`, `level: \(missing.map(\.rawValue).joined())` og `date` for organet som har vedtatt den på den siden (eller et felles organ med `level: felles`)"
            return Diagnostic(
                .endorsementMissing, at: recommendation.endorsements.first?.by.location ?? recommendation.status.location,
                "anbefalingen gir oppgaver til både \(sides.joined(separator: " og ")), men er \(which); \(advice)"
            )
        }
    }
}
