import Diagnostics
import Foundation

/// `synonyms.yml` (optional): groups of words and phrases that mean the same for searching,
/// `- [utskrivning, utskriving, utskrivelse]`. Read into the site; search expands a query word
/// or phrase to its whole group, and the validator warns of a word in two groups.
enum Synonyms {
    static let example = "`- [KAD, kommunal akutt døgnenhet]`"

    static func decode(_ node: YAMLNode?, _ file: SourceFile) -> ([[Located<String>]], [Diagnostic]) {
        guard let node, !node.isNull else { return ([], []) }
        guard let groups = node.items else {
            return (
                [],
                [
                    Diagnostic(
                        .fieldType, at: node.location,
                        "synonyms.yml skal være en liste av grupper, én gruppe per linje, f.eks. \(example); den er \(node.kindDescription)")
                ]
            )
        }
        var found: [[Located<String>]] = []
        var problems: [Diagnostic] = []
        for group in groups {
            guard let items = group.items else {
                problems.append(
                    Diagnostic(
                        .fieldType, at: group.location,
                        "hver gruppe i synonyms.yml skal være en liste av ord som betyr det samme, f.eks. \(example); denne er \(group.kindDescription)"
                    ))
                continue
            }
            var words: [Located<String>] = []
            for item in items {
                guard case .scalar(let text, let location, false, let positions) = item,
                    !text.trimmingCharacters(in: .whitespaces).isEmpty
                else {
                    problems.append(
                        Diagnostic(
                            .fieldType, at: item.location,
                            "hvert punkt i en synonymgruppe skal være et ord eller uttrykk (en tekst), ikke \(item.kindDescription)"))
                    continue
                }
                words.append(Located(text, at: location, positions: positions))
            }
            found.append(words)
        }
        return (found, problems)
    }
}
