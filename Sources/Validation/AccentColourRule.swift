import Content
import Diagnostics
import Foundation

/// `colour-invalid` and `accent-contrast`: `accent_colour` in `site.yml` is a colour `#rrggbb`,
/// dark enough for WCAG 2.1 AA.
///
/// The accent is the header's background under white text and the colour of links on the
/// page's white and light grey backgrounds (the theme's `--paper` and `--tint`), so each of
/// those pairs must reach 4.5:1; the lowest ratio found is named.
struct AccentColourRule: ValidationRule {
    /// The backgrounds and text the accent meets in the built-in theme: white and `--tint`.
    static let partners: [(name: String, rgb: (Double, Double, Double))] = [
        ("hvit tekst på fargen og lenker i fargen på hvit bakgrunn", (255, 255, 255)),
        ("lenker i fargen på lys grå bakgrunn (#f3f6f9)", (0xf3, 0xf6, 0xf9)),
    ]

    func check(_ site: Site) -> [Diagnostic] {
        guard let accent = site.config.accentColour else { return [] }
        guard let rgb = Self.parse(accent.value) else {
            return [
                Diagnostic(
                    .colourInvalid, at: accent.location,
                    "`accent_colour: \(accent.value)` er ikke en farge; skriv den som `\"#rrggbb\"` i anførselstegn, f.eks. `\"#0b3d66\"`")
            ]
        }
        let (ratio, partner) = Self.partners.map { (Self.contrast(rgb, $0.rgb), $0.name) }.min { $0.0 < $1.0 }!
        guard ratio < 4.5 else { return [] }
        // Rounded down, so that a ratio just under 4.5 is never shown as 4.50.
        let shown = Double(Int(ratio * 100)) / 100
        return [
            Diagnostic(
                .accentContrast, at: accent.location,
                "`accent_colour: \(accent.value)` gir for svak kontrast: \(shown):1 for \(partner); WCAG AA krever minst 4.5:1. Velg en mørkere farge"
            )
        ]
    }

    /// `#rrggbb` as its three channels, 0–255.
    static func parse(_ text: String) -> (Double, Double, Double)? {
        let digits = Array(text.utf8)
        let hex = Set("0123456789abcdefABCDEF".utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#"), digits.dropFirst().allSatisfy(hex.contains) else { return nil }
        var channels: [Double] = []
        for index in stride(from: 1, to: 7, by: 2) {
            guard let value = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            channels.append(Double(value))
        }
        return (channels[0], channels[1], channels[2])
    }

    /// The WCAG 2.1 contrast ratio of two colours, from their relative luminance.
    static func contrast(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> Double {
        func luminance(_ c: (Double, Double, Double)) -> Double {
            func linear(_ v: Double) -> Double {
                let s = v / 255
                return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2)
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }
}
