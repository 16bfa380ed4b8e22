import Content
import Markdown

/// Who does what drawn as a swimlane: one lane per party in the order given, each duty a box in
/// its lane, each handover an arrow from lane to lane labelled with its `when`. Inline SVG made at
/// build time, so the page needs no script and no library to show it, and prints.
///
/// Two drawings of the same thing, one shown at a time by `style.css`: `wide` (the party names in
/// a column at the left; screens from 40rem, and print) and `narrow` (each name above its duties;
/// phones). A drawing is scaled to the width it is given, so one made for 640 px would shrink its
/// text to 6 px on a 320 px phone, and one that scrolled sideways would need a keyboard stop of
/// its own; the narrow one, 270 units wide, keeps its 15-unit text at about 14 px on a 320 px phone.
///
/// The drawing is `aria-hidden`: the who-does-what table and the handover list beside it say the
/// same, with links, and stay the text everyone reads; a description of the drawing (`role="img"`)
/// would read it all out a second time. No shape has an id, so the drawing can take none of the
/// page's (`PageIDs`), and two drawings on a page never clash. Colours come from `style.css` (the
/// site's custom properties); the attributes on the shapes draw it in black and white, which is
/// how it prints and how it looks under a stylesheet that knows nothing of it. Nothing in it is
/// told by colour alone: lanes are bands, duties boxes, a handover an arrow from a dot to a head,
/// and a party without a duty a dashed box.
///
/// There are no font metrics at build time, so text is measured by its characters, each given a
/// width at least that of DejaVu Sans (the widest of the usual sans-serif fonts): lines may end
/// early, but never run out of their box.
struct Swimlane: Sendable {
    /// A party's lane: its id (which duties and handovers name) and the name it shows.
    struct Lane: Sendable, Equatable {
        var id: String
        var name: String
    }

    /// A duty as plain text (see `init(_:site:parties:)` for a recommendation's inline Markdown).
    struct Duty: Sendable, Equatable {
        var lane: String
        var text: String
    }

    struct Handover: Sendable, Equatable {
        var from: String
        var to: String
        var when: String?
    }

    enum Layout: Sendable, CaseIterable {
        /// Party names in a column at the left, 640 units wide.
        case wide
        /// Party names above their duties, 270 units wide.
        case narrow
    }

    /// The lanes, each party once, in the order given.
    let lanes: [Lane]
    /// The duties of those lanes, in the order given.
    let duties: [Duty]
    /// The handovers between two different lanes. One from a party to itself has nowhere to go,
    /// and one to a party without a lane belongs to another drawing: both are left out.
    let handovers: [Handover]
    /// Each duty's words, measured once for both drawings.
    private let dutyWords: [Words]

    /// A drawing of `lanes` only (a subset of a recommendation's parties, say): duties and handovers
    /// of other parties are left out. A lane given twice is drawn once, where it is first given.
    init(lanes: [Lane], duties: [Duty], handovers: [Handover]) {
        var seen = Set<String>()
        self.lanes = lanes.filter { seen.insert($0.id).inserted }
        self.duties = duties.filter { seen.contains($0.lane) }
        self.handovers = handovers.filter { $0.from != $0.to && seen.contains($0.from) && seen.contains($0.to) }
        dutyWords = self.duties.map { Words($0.text) }
    }

    /// A recommendation's drawing: its responsible parties in the order given, then any party a
    /// handover names that has no duty (drawn with a dashed «no duty» box, so the gap shows).
    /// `parties`: only these lanes, in this order (the two parties of a transition, say).
    init(_ recommendation: Recommendation, site: Site, parties: [String]? = nil) {
        let order =
            parties
            ?? recommendation.responsible.map(\.party.value) + recommendation.handover.flatMap { [$0.from.value, $0.to.value] }
        let drawn = Set(order)
        self.init(
            lanes: order.map { Lane(id: $0, name: site.partyName($0)) },
            duties: recommendation.responsible.filter { drawn.contains($0.party.value) }.map {
                Duty(lane: $0.party.value, text: Markdown.inlinePlainText($0.duty.value))
            },
            handovers: recommendation.handover.map { Handover(from: $0.from.value, to: $0.to.value, when: $0.when?.value) })
    }

    /// Whether there is something to draw: two lanes or more, and a duty. One lane is the table
    /// row again, and with no duty there are only empty lanes.
    var isDrawn: Bool { lanes.count >= 2 && !duties.isEmpty }

    /// Both drawings in their wrapper, hidden from assistive technology; nil when `isDrawn` is false.
    var html: String? {
        guard isDrawn else { return nil }
        return "<div class=\"swimlane\" aria-hidden=\"true\">\n" + svg(.wide) + "\n" + svg(.narrow) + "\n</div>"
    }
}

// MARK: - Layout

extension Swimlane {
    /// Where everything goes, in whole units (so the SVG's numbers are the same on every machine).
    struct Geometry: Equatable {
        struct Band: Equatable {
            var lane: Int
            var y: Int
            var height: Int
            /// The party's name, wrapped, and where its first line's baseline lies.
            var nameLines: [String]
            var nameX: Int
            var nameY: Int
        }

        struct Box: Equatable {
            var lane: Int
            var x: Int
            var y: Int
            var width: Int
            var height: Int
            var lines: [String]
            /// The dashed box of a lane without a duty.
            var isPlaceholder: Bool
        }

        struct Label: Equatable {
            var x: Int
            var y: Int
            var width: Int
            var height: Int
            var lines: [String]
        }

        /// A handover: from a dot on the left edge of the giving lane's first box, out to its own
        /// slot in the gutter, along to the receiving lane's first box, into a head.
        struct Arrow: Equatable {
            var handover: Int
            var slotX: Int
            var boxX: Int
            var startY: Int
            var endY: Int
            /// `when`, in the gap next to the giving lane, on the side the arrow leaves by.
            var label: Label?
        }

        var width: Int
        var height: Int
        /// The width of the column of names at the left (0 in the narrow layout).
        var nameColumn: Int
        var bands: [Band]
        var boxes: [Box]
        var arrows: [Arrow]
    }

    static let fontSize = 15
    static let lineHeight = 20
    /// From the top of a line to its baseline.
    static let baseline = 15
    static let placeholderText = "Ingen oppgave i denne anbefalingen"

    func geometry(_ layout: Layout) -> Geometry {
        let width = layout == .wide ? 640 : 270
        let nameColumn = layout == .wide ? 190 : 0
        let lineHeight = Self.lineHeight
        let laneIndex = Dictionary(lanes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let spans = handovers.map { (from: laneIndex[$0.from] ?? 0, to: laneIndex[$0.to] ?? 0) }

        // The longest arrow takes the outermost slot, so a shorter one within its span never crosses it.
        let bySpan = handovers.indices.sorted { a, b in
            let (lengthA, lengthB) = (abs(spans[a].to - spans[a].from), abs(spans[b].to - spans[b].from))
            return lengthA != lengthB ? lengthA > lengthB : a < b
        }
        var slot = [Int](repeating: 0, count: handovers.count)
        for (position, handover) in bySpan.enumerated() { slot[handover] = position }
        let step = handovers.isEmpty ? 0 : layout == .wide ? min(16, 96 / handovers.count) : min(12, 40 / handovers.count)
        func slotX(_ handover: Int) -> Int { nameColumn + 12 + slot[handover] * step }
        let boxX = handovers.isEmpty ? nameColumn + 10 : nameColumn + 12 + (handovers.count - 1) * step + 20
        let boxWidth = width - 10 - boxX
        let textWidth = boxWidth - 20
        // A handover's label lies in a gap between two lanes its arrow passes (gap `g` lies below lane
        // `g`): one that no arrow further in crosses, if it can, and otherwise the nearest to the
        // giving lane. (The arrows further out pass to the left of a label, so they never cross it.)
        let labelGap = handovers.indices.map { handover in
            let (from, to) = spans[handover]
            let gaps = from < to ? Array(from..<to) : Array((to..<from).reversed())
            let crossings = gaps.map { gap in
                handovers.indices.count { other in
                    slot[other] > slot[handover] && min(spans[other].from, spans[other].to) <= gap
                        && gap < max(spans[other].from, spans[other].to)
                }
            }
            return gaps[crossings.indices.min { crossings[$0] < crossings[$1] } ?? 0]
        }

        var bands: [Geometry.Band] = []
        var boxes: [Geometry.Box] = []
        var labels = [Geometry.Label?](repeating: nil, count: handovers.count)
        var firstBox: [Int] = []
        var y = 0
        for (index, lane) in lanes.enumerated() {
            let top = y
            let nameX = layout == .wide ? 10 : boxX
            let nameLines = Self.wrap(lane.name, width: (layout == .wide ? nameColumn - 20 : width - 10 - boxX), bold: true)
            var inner = top + 10
            let nameY = inner + Self.baseline
            if layout == .narrow { inner += nameLines.count * lineHeight + 4 }
            firstBox.append(boxes.count)
            var texts = duties.indices.filter { duties[$0].lane == lane.id }.map { (Self.wrap(dutyWords[$0], width: textWidth, bold: false), false) }
            if texts.isEmpty { texts = [(Self.wrap(Self.placeholderText, width: textWidth, bold: false), true)] }
            for (lines, isPlaceholder) in texts {
                let height = lines.count * lineHeight + 14
                boxes.append(
                    Geometry.Box(
                        lane: index, x: boxX, y: inner, width: boxWidth, height: height, lines: lines, isPlaceholder: isPlaceholder))
                inner += height + 8
            }
            var bottom = inner - 8 + 10
            if layout == .wide { bottom = max(bottom, top + 20 + nameLines.count * lineHeight) }
            bands.append(Geometry.Band(lane: index, y: top, height: bottom - top, nameLines: nameLines, nameX: nameX, nameY: nameY))
            y = bottom
            guard index < lanes.count - 1 else { break }
            // The gap to the next lane, tall enough for the labels that lie in it, one under the other.
            let gapLabels = handovers.indices.filter { labelGap[$0] == index }.sorted { slot[$0] < slot[$1] }
            y += 6
            for handover in gapLabels {
                guard let when = handovers[handover].when, !Self.words(when).isEmpty else { continue }
                let x = slotX(handover) + 6
                let lines = Self.wrap(when, width: width - 10 - x - 8, bold: true)
                let widest = lines.map { Self.textWidth($0, bold: true) }.max() ?? 0
                labels[handover] = Geometry.Label(x: x, y: y, width: widest + 8, height: lines.count * lineHeight + 4, lines: lines)
                y += lines.count * lineHeight + 4 + 4
            }
        }

        // Where arrows meet a box: spread evenly down its left edge, in the order of the handovers.
        var attached = [[Int]](repeating: [], count: boxes.count)
        for (handover, span) in spans.enumerated() {
            attached[firstBox[span.from]].append(handover)
            attached[firstBox[span.to]].append(handover)
        }
        func attachment(_ handover: Int, lane: Int) -> Int {
            let box = boxes[firstBox[lane]]
            let here = attached[firstBox[lane]]
            let position = here.firstIndex(of: handover) ?? 0
            return box.y + box.height * (position + 1) / (here.count + 1)
        }
        let arrows = spans.enumerated().map { handover, span in
            Geometry.Arrow(
                handover: handover, slotX: slotX(handover), boxX: boxX,
                startY: attachment(handover, lane: span.from), endY: attachment(handover, lane: span.to), label: labels[handover])
        }
        return Geometry(width: width, height: y, nameColumn: nameColumn, bands: bands, boxes: boxes, arrows: arrows)
    }
}

// MARK: - Drawing

extension Swimlane {
    /// One drawing as an inline `<svg>` element (HTML's, so without a namespace declaration).
    func svg(_ layout: Layout) -> String {
        let geometry = geometry(layout)
        let (width, height) = (geometry.width, geometry.height)
        var svg = Markup()
        svg += "<svg class=\"swimlane-drawing swimlane-\(layout == .wide ? "wide" : "narrow")\" width=\"\(width)\" height=\"\(height)\""
        svg += " viewBox=\"0 0 \(width) \(height)\" font-size=\"\(Self.fontSize)\">"
        for band in geometry.bands {
            svg += "<g class=\"swimlane-lane\">"
            svg += "<rect class=\"swimlane-band\" x=\"0.5\" y=\"\(band.y).5\" width=\"\(width - 1)\" height=\"\(band.height - 1)\""
            svg += " fill=\"#fff\" stroke=\"#000\"/>"
            if geometry.nameColumn > 0 {
                let x = geometry.nameColumn
                svg += "<path class=\"swimlane-rule\" d=\"M\(x).5 \(band.y)v\(band.height)\" stroke=\"#000\"/>"
            }
            Self.text(band.nameLines, x: band.nameX, y: band.nameY, className: "swimlane-name", bold: true, into: &svg)
            for box in geometry.boxes where box.lane == band.lane {
                svg += "<g class=\"\(box.isPlaceholder ? "swimlane-empty" : "swimlane-duty")\">"
                svg += "<rect class=\"swimlane-box\" x=\"\(box.x).5\" y=\"\(box.y).5\""
                svg += " width=\"\(box.width - 1)\" height=\"\(box.height - 1)\""
                svg += " rx=\"4\" fill=\"#fff\" stroke=\"#000\"\(box.isPlaceholder ? " stroke-dasharray=\"6 4\"" : "")/>"
                Self.text(
                    box.lines, x: box.x + 10, y: box.y + 7 + Self.baseline,
                    className: box.isPlaceholder ? "swimlane-text swimlane-note" : "swimlane-text", bold: false, into: &svg)
                svg += "</g>"
            }
            svg += "</g>"
        }
        for arrow in geometry.arrows {
            let (x, start, end, boxX) = (arrow.slotX, arrow.startY, arrow.endY, arrow.boxX)
            svg += "<g class=\"swimlane-handover\">"
            svg += "<path class=\"swimlane-arrow\" d=\"M\(boxX) \(start)H\(x)V\(end)H\(boxX - 8)\""
            svg += " fill=\"none\" stroke=\"#000\" stroke-width=\"2\"/>"
            svg += "<circle class=\"swimlane-head\" cx=\"\(boxX)\" cy=\"\(start)\" r=\"3.5\" fill=\"#000\"/>"
            svg += "<path class=\"swimlane-head\" d=\"M\(boxX) \(end)l-10 -6v12z\" fill=\"#000\"/>"
            if let label = arrow.label {
                svg += "<rect class=\"swimlane-label-box\" x=\"\(label.x)\" y=\"\(label.y)\""
                svg += " width=\"\(label.width)\" height=\"\(label.height)\" fill=\"#fff\"/>"
                Self.text(label.lines, x: label.x + 4, y: label.y + 2 + Self.baseline, className: "swimlane-label", bold: true, into: &svg)
            }
            svg += "</g>"
        }
        svg += "</svg>"
        return svg.text
    }

    /// Lines of text, one `<tspan>` each, escaped.
    private static func text(_ lines: [String], x: Int, y: Int, className: StaticString, bold: Bool, into svg: inout Markup) {
        svg += "<text class=\"\(className)\"\(bold ? " font-weight=\"bold\"" : "")>"
        for (number, line) in lines.enumerated() {
            svg += "<tspan x=\"\(x)\" y=\"\(y + number * lineHeight)\">\(escaping: line)</tspan>"
        }
        svg += "</text>"
    }
}

/// Markup written straight into bytes, as string interpolation reads (`svg += "<g x=\"\(x)\">"`)
/// but without a `String` made and copied for each piece: a drawing is some hundred pieces, and
/// a large site draws tens of thousands.
struct Markup {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    static func += (markup: inout Markup, piece: Piece) { markup.bytes += piece.bytes }

    struct Piece: ExpressibleByStringInterpolation {
        fileprivate var bytes: [UInt8] = []

        init(stringLiteral literal: StaticString) { literal.withUTF8Buffer { bytes += $0 } }
        init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

        struct Interpolation: StringInterpolationProtocol {
            fileprivate var bytes: [UInt8] = []

            init(literalCapacity: Int, interpolationCount: Int) { bytes.reserveCapacity(literalCapacity + 8 * interpolationCount) }
            mutating func appendLiteral(_ literal: StaticString) { literal.withUTF8Buffer { bytes += $0 } }
            mutating func appendInterpolation(_ literal: StaticString) { literal.withUTF8Buffer { bytes += $0 } }
            mutating func appendInterpolation(_ number: Int) { bytes += String(number).utf8 }
            /// Text, with `&`, `<`, `>`, `"` and `'` escaped.
            mutating func appendInterpolation(escaping text: String) { bytes += Escaping.xml(text).utf8 }
        }
    }
}

// MARK: - Measuring text

extension Swimlane {
    /// `text` in lines no wider than `width` (as `textWidth` measures), split between words; a word
    /// wider than a line is split between its characters.
    static func wrap(_ text: String, width: Int, bold: Bool) -> [String] {
        wrap(Words(text), width: width, bold: bold)
    }

    /// A text's words, each measured once (a duty is wrapped for both drawings).
    struct Words: Sendable {
        let words: [String]
        let units: [Int]

        init(_ text: String) {
            words = Swimlane.words(text)
            units = words.map(Swimlane.units)
        }
    }

    /// `wrap` of words measured beforehand: a line's width is the sum of its characters' advances,
    /// kept as it grows, and its words are joined once, when it is full.
    static func wrap(_ text: Words, width: Int, bold: Bool) -> [String] {
        let space = units(" "), hyphen = units("-")
        var lines: [String] = []
        // The line so far: the end of a word split between characters, if it starts with one, then
        // the words `first..<` the current one; and its width.
        var piece = "", first = 0, lineUnits = 0
        func line(to end: Int) -> String {
            var line = piece
            line.reserveCapacity(text.words[first..<end].reduce(piece.utf8.count) { $0 + 1 + $1.utf8.count })
            for word in text.words[first..<end] {
                if !line.isEmpty { line += " " }
                line += word
            }
            return line
        }
        for index in text.words.indices {
            let wordUnits = text.units[index]
            let isEmpty = piece.isEmpty && first == index
            let candidate = isEmpty ? wordUnits : lineUnits + space + wordUnits
            if pixels(candidate, bold: bold) <= width {
                lineUnits = candidate
                continue
            }
            if !isEmpty { lines.append(line(to: index)) }
            (piece, first, lineUnits) = ("", index, wordUnits)
            guard pixels(wordUnits, bold: bold) > width else { continue }
            // Too long for any line: split between characters, with a hyphen where it is split.
            let characters = Array(text.words[index])
            (piece, lineUnits) = ("", 0)
            for (position, character) in characters.enumerated() {
                let advance = units(character)
                let end = position == characters.count - 1 ? 0 : hyphen
                if !piece.isEmpty, pixels(lineUnits + advance + end, bold: bold) > width {
                    lines.append(piece + "-")
                    (piece, lineUnits) = ("", 0)
                }
                piece.append(character)
                lineUnits += advance
            }
            first = index + 1
        }
        if !piece.isEmpty || first < text.words.count { lines.append(line(to: text.words.count)) }
        return lines
    }

    /// `text` split at white space, as its characters' `isWhitespace` says.
    static func words(_ text: String) -> [String] {
        // Below U+0300 (UTF-8 bytes below 0xCC) every scalar is a character of its own (but CR LF,
        // both white space), and the white space is U+0009–U+000D, U+0020, U+0085 and U+00A0: such
        // text is split at its bytes, the same as at its characters but much faster.
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0xCC }) else {
            return text.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        var words: [String] = []
        var start = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let space = byte == 0x20 || (0x09...0x0D).contains(byte) ? 1
                : byte == 0xC2 && index + 1 < bytes.count && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0) ? 2 : 0
            guard space > 0 else {
                index += 1
                continue
            }
            if start < index { words.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
            index += space
            start = index
        }
        if start < bytes.count { words.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return words
    }

    /// The width of `text` at `fontSize`, rounded up: each character at least as wide as in DejaVu
    /// Sans, the widest of the usual sans-serif fonts (bold: 13 % wider, as DejaVu Sans Bold is at
    /// most), and any character not listed as wide as the font is high.
    static func textWidth(_ text: String, bold: Bool) -> Int {
        pixels(units(text), bold: bold)
    }

    /// A width in hundredths of an em, in pixels at `fontSize`, rounded up (whole numbers, so that
    /// a line measures the same however it was added up).
    private static func pixels(_ units: Int, bold: Bool) -> Int {
        bold ? (units * fontSize * 113 + 9_999) / 10_000 : (units * fontSize + 99) / 100
    }

    /// The width of `text` in hundredths of an em.
    private static func units(_ text: String) -> Int {
        // All-ASCII text (most of it) is measured byte by byte.
        var total = 0
        for byte in text.utf8 {
            guard byte < 0x80 else { return text.reduce(0) { $0 + units($1) } }
            total += asciiAdvances[Int(byte)]
        }
        return total
    }

    /// The width of one character in hundredths of an em: most characters are one scalar, looked
    /// up; the rest (a letter and its combining mark) are compared as characters.
    private static func units(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first {
            if scalar.value < 0x80 { return asciiAdvances[Int(scalar.value)] }
            return otherAdvances[scalar.value] ?? advance(character)
        }
        return advance(character)
    }

    /// `advance` of each ASCII character, made once.
    private static let asciiAdvances = (0..<0x80).map { advance(Character(Unicode.Scalar(UInt8($0)))) }

    /// `advance` of the other one-scalar characters it lists.
    private static let otherAdvances: [UInt32: Int] = Dictionary(
        uniqueKeysWithValues: "æÆœŒ—…–åøéèêäöüáóçñÅØÉÄÖÜ".unicodeScalars.map { ($0.value, advance(Character($0))) })

    /// A character's width in hundredths of an em (DejaVu Sans, rounded up to a few classes).
    private static func advance(_ character: Character) -> Int {
        switch character {
        case "m", "w", "M", "W", "æ", "Æ", "œ", "Œ", "%", "@", "—", "…": 100
        case " ", "i", "j", "l", "I", "J", "'", ",", ".", ":", ";", "|": 34
        case "f", "r", "t", "(", ")", "[", "]", "-", "/", "\\", "!": 42
        case "\"", "*", "?", "_", "–": 54
        case "a"..."z", "0"..."9", "å", "ø", "é", "è", "ê", "ä", "ö", "ü", "á", "ó", "ç", "ñ", "{", "}", "$": 64
        case "A"..."Z", "Å", "Ø", "É", "Ä", "Ö", "Ü", "&": 80
        case "#", "+", "<", "=", ">", "~": 84
        default: 100
        }
    }
}
