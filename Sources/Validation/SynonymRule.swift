import Content
import Diagnostics
import Stemming

/// `synonym-repeated`: a word or phrase of `synonyms.yml` that is already in another group of
/// the file. Search joins such groups into one, which is seldom what the editor meant. (A group
/// that shares a word with a party's name or aliases joins that party's group on purpose:
/// `[KAD, kommunal akutt døgnenhet]` extends the party `kad`.)
struct SynonymRule: ValidationRule {
    func check(_ site: Site) -> [Diagnostic] {
        /// The line of the group each word was first seen in.
        var groupLine: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        for group in site.synonyms {
            for word in group {
                if let line = groupLine[Self.normalised(word.value)] {
                    diagnostics.append(
                        Diagnostic(
                            .synonymRepeated, at: word.location,
                            "`\(word.value)` står allerede i gruppen på linje \(line); et ord kan stå i bare én gruppe (søket slår gruppene sammen), så samle ordene i én gruppe"
                        ))
                }
            }
            for word in group where groupLine[Self.normalised(word.value)] == nil {
                groupLine[Self.normalised(word.value)] = group[0].location.line
            }
        }
        return diagnostics
    }

    /// Lower case, folded (`Utskrivning` and `utskrivning`, `ø` and `o` are one word), spaces collapsed.
    static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).map { Folding.fold(String($0)) }.joined(separator: " ")
    }
}
