import Content
import Diagnostics

/// `reference-unknown`: `supersedes` and a meeting's `related` name recommendations that exist.
struct ReferenceRule: ValidationRule {
    func check(_ site: Site) -> [Diagnostic] {
        // A recommendation that failed to load would look missing; its own errors come first.
        guard !site.incompleteFiles.contains(where: { $0.hasPrefix("recommendations/") }) else { return [] }
        let ids = site.recommendations.map(\.id.value)
        var diagnostics: [Diagnostic] = []
        func verify(_ id: Located<String>, _ field: String) {
            guard site.recommendation(id: id.value) == nil else { return }
            diagnostics.append(
                Diagnostic(
                    .referenceUnknown, at: id.location,
                    "`\(field)` nevner `\(id.value)`, men ingen anbefaling har den id-en.\(Suggestion.hint(for: id.value, among: ids))"))
        }
        for recommendation in site.recommendations {
            recommendation.supersedes.forEach { verify($0, "supersedes") }
        }
        for meeting in site.meetings {
            meeting.related.forEach { verify($0, "related") }
        }
        return diagnostics
    }
}
