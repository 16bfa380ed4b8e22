import Content
import Diagnostics
import Foundation
import Rendering

/// `checklist-version-unchanged`: systems that consume the bundle rely on a checklist's `id` and
/// `version` (SPEC §6), so a checklist whose questions changed since the previous release in the
/// output folder must have a new `version`.
enum ChecklistStability {
    /// The warnings for `site` against the previous release's `api/checklists.json`, if the
    /// output folder holds one (a release other than the one being built).
    static func check(_ site: Site, output: String) -> [Diagnostic] {
        let publisher = Publisher(output: output)
        guard let releases = try? publisher.readReleases(),
            let previous = releases.first(where: { $0.version != site.config.release.value }),
            let data = FileManager.default.contents(atPath: "\(publisher.output)/v/\(previous.version)/api/checklists.json"),
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
                "spørsmålene i sjekklisten er endret siden utgave \(previous.version), men `version` er fortsatt \(version); øk versjonen (f.eks. til \(next)), så systemene som bruker sjekklisten ser at den er ny"
            )
        }
    }
}
