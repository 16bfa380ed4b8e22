import Content

/// The drawing beside the table on `overganger/`: the parties that hand over in a column on the
/// left, those that take over on the right (each in the order of `parties.yml`), and an arrow for
/// each transition, thicker the more recommendations cover it.
///
/// Inline SVG made at build time (no script, nothing loaded), with whole-number coordinates so
/// that it is the same on every build. It is `aria-hidden`: the table says the same and is the
/// accessible source; phones, where the drawing would be too small to read, show the table only.
/// Dark strokes and text on light boxes, so it prints in black and white. Beyond `maxArrows` pairs
/// the arrows become a thicket that shows nothing the table does not, so there is no drawing.
enum TransitionDiagram {
    static let maxArrows = 40
    static let width = 640
    static let boxWidth = 220
    static let boxHeight = 28
    static let rowHeight = 40
    static let top = 34
    /// Longer names are cut (with «…») to fit their box; the table has them whole.
    static let maxCharacters = 26

    static func svg(_ transitions: Transitions, site: Site) -> String? {
        guard !transitions.all.isEmpty, transitions.all.count <= maxArrows else { return nil }
        var position: [String: Int] = [:]
        for (index, party) in site.parties.enumerated() where position[party.id.value] == nil { position[party.id.value] = index }
        func ordered(_ ids: Set<String>) -> [String] {
            ids.sorted { (position[$0] ?? .max, NaturalKey($0)) < (position[$1] ?? .max, NaturalKey($1)) }
        }
        let givers = ordered(Set(transitions.all.map(\.from)))
        let takers = ordered(Set(transitions.all.map(\.to)))
        let rows = max(givers.count, takers.count)
        let height = top + rows * rowHeight
        // The shorter column is centred beside the longer one.
        func centres(_ column: [String]) -> [String: Int] {
            let offset = (rows - column.count) * rowHeight / 2
            return Dictionary(
                column.enumerated().map { ($1, top + offset + $0 * rowHeight + boxHeight / 2) }, uniquingKeysWith: { first, _ in first })
        }
        let left = centres(givers)
        let right = centres(takers)
        let rightX = width - boxWidth - 1

        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" aria-hidden=\"true\">\n"
        svg += "<text x=\"1\" y=\"18\" class=\"diagram-heading\">Gir fra seg ansvaret</text>\n"
        svg += "<text x=\"\(width - 1)\" y=\"18\" text-anchor=\"end\" class=\"diagram-heading\">Tar over ansvaret</text>\n"
        for transition in transitions.all {
            guard let y1 = left[transition.from], let y2 = right[transition.to] else { continue }
            let stroke = 1 + min(transition.entries.count, 4)
            let tipX = rightX - 2
            svg +=
                "<line x1=\"\(1 + boxWidth)\" y1=\"\(y1)\" x2=\"\(tipX - 10)\" y2=\"\(y2)\" stroke-width=\"\(stroke)\" class=\"diagram-arrow\"/>\n"
            svg += "<polygon points=\"\(tipX),\(y2) \(tipX - 12),\(y2 - 6) \(tipX - 12),\(y2 + 6)\" class=\"diagram-arrowhead\"/>\n"
        }
        for (x, column, centres) in [(1, givers, left), (rightX, takers, right)] {
            for party in column {
                guard let y = centres[party] else { continue }
                svg +=
                    "<rect x=\"\(x)\" y=\"\(y - boxHeight / 2)\" width=\"\(boxWidth)\" height=\"\(boxHeight)\" rx=\"5\" class=\"diagram-box\"/>\n"
                svg += "<text x=\"\(x + 10)\" y=\"\(y + 5)\">\(Escaping.xml(shortened(site.partyName(party))))</text>\n"
            }
        }
        return svg + "</svg>"
    }

    static func shortened(_ name: String) -> String {
        name.count <= maxCharacters ? name : String(name.prefix(maxCharacters - 1)) + "…"
    }
}
