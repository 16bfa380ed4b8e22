import BuiltIn
import Foundation

/// `moteplass init`: a new content repository, ready to build.
///
/// The files are those of `Sources/BuiltIn/InitFiles/` (kept there as files, not in Swift
/// strings), with two values filled in: `{{release_date}}` in `site.yml` and
/// `{{moteplass_version}}`, the version the workflows download. What the organisation must
/// still decide is a placeholder the validator names (`site-placeholder`, a warning), so the
/// site builds at once but a pull request stops until it is filled in.
public enum Starter {
    public static func files(releaseDate: String, toolVersion: String) -> [BuiltIn.File] {
        BuiltIn.starter.map { file in
            guard var text = String(data: file.contents, encoding: .utf8) else { return file }
            text = text.replacingOccurrences(of: "{{release_date}}", with: releaseDate)
            text = text.replacingOccurrences(of: "{{moteplass_version}}", with: toolVersion)
            return BuiltIn.File(path: file.path, contents: Data(text.utf8))
        }
    }
}
