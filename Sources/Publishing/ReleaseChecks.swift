import Content
import Diagnostics
import Foundation
import Rendering

/// What `build` checks against the releases already in the output folder, because readers and
/// consumers rely on them: a recommendation id never vanishes (`id-removed`), and a checklist
/// whose questions changed gets a new version (`checklist-version-unchanged`).
enum ReleaseChecks {
    /// Every recommendation id of an earlier release must still be in the content: withdrawn
    /// (`trukket`) if it no longer applies, so that its page says why and what replaced it.
    static func removedIDs(_ site: Site, history: ReleaseHistory, content: String) -> [Diagnostic] {
        let present = Set(site.recommendations.map(\.id.value))
        var reported = Set<String>()
        var diagnostics: [Diagnostic] = []
        for release in history.releases {
            for old in release.recommendations where !present.contains(old.id) {
                guard reported.insert(old.id).inserted else { continue }
                // Where its file was: `anbefalinger/<set>/<slug>/` came from `recommendations/<set>/<slug>.md`.
                let parts = old.url.split(separator: "/")
                let file = parts.count == 3 ? "recommendations/\(parts[1])/\(parts[2]).md" : "recommendations"
                diagnostics.append(
                    Diagnostic(
                        .idRemoved, at: .start(of: "\(content)/\(file)"),
                        "anbefalingen `\(old.id)` (\(old.title)) fra utgave \(release.release) finnes ikke lenger; en id skal aldri forsvinne: behold filen med `status: trukket` og `withdrawn_reason:`, og nevn `\(old.id)` i `supersedes:` i anbefalingen som eventuelt erstatter den"
                    ))
            }
        }
        return diagnostics
    }

    /// A checklist whose questions differ from the previous release's, with the same version.
    static func changedChecklists(_ site: Site, history: ReleaseHistory, output: String) -> [Diagnostic] {
        guard let previous = history.previous(before: site),
            let data = FileManager.default.contents(atPath: "\(output)/v/\(previous.release)/api/checklists.json"),
            let bundle = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let before = bundle["checklists"] as? [[String: Any]]
        else { return [] }
        return site.checklists.compactMap { checklist -> Diagnostic? in
            let version = checklist.version.value
            guard let earlier = before.first(where: { $0["id"] as? String == checklist.id.value }),
                earlier["version"] as? String == version.description,
                let earlierQuestions = earlier["questions"] as? NSArray,
                let current = API.checklistQuestionsForComparison(checklist, site),
                !current.isEqual(earlierQuestions)
            else { return nil }
            let next = Version("\(version.major).\(version.minor + 1)" + (version.patch == nil ? "" : ".0")) ?? version
            return Diagnostic(
                .checklistVersionUnchanged, at: checklist.version.location,
                "spørsmålene i sjekklisten er endret siden utgave \(previous.release), men `version` er fortsatt \(version); øk versjonen (f.eks. til \(next)), så systemene som bruker sjekklisten ser at den er ny"
            )
        }
    }
}
