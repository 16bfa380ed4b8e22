import Diagnostics
import Foundation
import Testing

@testable import Validation

/// The branding in `site.yml`: a logo, an accent colour checked for contrast, a contact line.
/// The clean fixture has all three (its golden pages show them); the rule corpus breaks each rule.
@Suite struct BrandingTests {
    static let site = Support.minimalSite["site.yml"]!

    @Test func theContrastIsWCAGs() {
        #expect(AccentColourRule.contrast((0, 0, 0), (255, 255, 255)) == 21)
        // #767676 on white is the lightest grey that passes AA: 4.54:1.
        let grey = AccentColourRule.contrast((0x76, 0x76, 0x76), (255, 255, 255))
        #expect(grey > 4.54 && grey < 4.55)
        #expect(AccentColourRule.parse("#1F6f43").map { [$0.0, $0.1, $0.2] } == [31, 111, 67])
        for bad in ["1f6f43", "#1f6f4", "#1f6f4g", "#+f6f43", "#1f6f433"] {
            #expect(AccentColourRule.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func aColourJustDarkEnoughPassesAndOneJustTooLightIsNamedWithItsRatio() throws {
        // #6f6f6f: 4.63:1 on the light grey; #7a7a7a: 4.29:1 on white, 3.95:1 on the light grey.
        let dark = try Support.check(["site.yml": Self.site + "accent_colour: \"#6f6f6f\"\n"])
        #expect(dark.diagnostics.isEmpty)
        let light = try Support.check(["site.yml": Self.site + "accent_colour: \"#7a7a7a\"\n"])
        #expect(
            light.diagnostics.map(\.description) == [
                "site.yml:5:16: error[accent-contrast]: `accent_colour: #7a7a7a` gir for svak kontrast: 3.95:1 for lenker i fargen på lys grå bakgrunn (#f3f6f9); WCAG AA krever minst 4.5:1. Velg en mørkere farge"
            ])
    }

    @Test func aLogoMustBeAnImageInTheContentFolderAndOtherImagesAreUnused() throws {
        let missing = try Support.check(["site.yml": Self.site + "logo: bilder/logo.png\n"])
        #expect(missing.diagnostics.map(\.short) == ["site.yml:5:7 logo-invalid"])
        let found = try Support.check([
            "site.yml": Self.site + "logo: ./bilder/logo.png\n", "bilder/logo.png": "png", "annet.svg": "<svg/>",
        ])
        #expect(
            found.diagnostics.map(\.description) == [
                "annet.svg:1:1: warning[file-unexpected]: bildet `annet.svg` blir ikke brukt; bare logoen (`logo:` i site.yml) vises på nettstedet"
            ])
        #expect(found.site?.logo?.fileExtension == "png")
        #expect(found.site?.logo?.contents == Data("png".utf8))
    }

    @Test func aBuildCarriesTheLogoAndTheAccentStylesheet() throws {
        let output = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(output) }
        try Support.build(content: Support.fixture("clean"), output: output)
        let release = output + "/v/1.0/assets/"
        #expect(
            FileManager.default.contents(atPath: release + "logo.svg")
                == FileManager.default.contents(atPath: Support.fixture("clean") + "/logo.svg"))
        #expect(try Support.read(release + "accent.css") == ":root {\n  --brand: #1f6f43;\n  --link: #1f6f43;\n}\n")
    }
}
