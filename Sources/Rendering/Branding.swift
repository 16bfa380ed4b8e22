import Content
import Foundation

/// A site's own look on top of the theme, from `site.yml`: its logo, accent colour and contact line.
///
/// The Content-Security-Policy allows no inline style, so the accent is a small stylesheet of
/// its own (`assets/accent.css`, linked after the theme's) that sets the theme's header and link
/// colours; the logo is copied to `assets/logo.<svg|png>`.
enum Branding {
    static let accentStylesheet = "assets/accent.css"

    static func logoPath(_ site: Site) -> String? {
        site.logo.map { "assets/logo.\($0.fileExtension)" }
    }

    /// The files the branding adds to a release, beside the theme's assets.
    static func files(_ site: Site) -> [OutputFile] {
        var files: [OutputFile] = []
        if let logo = site.logo, let path = logoPath(site) {
            files.append(OutputFile(path: path, contents: logo.contents))
        }
        if let accent = site.config.accentColour?.value {
            files.append(OutputFile(path: accentStylesheet, text: ":root {\n  --brand: \(accent);\n  --link: \(accent);\n}\n"))
        }
        return files
    }
}
