import Foundation
import Testing

@testable import Rendering

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The swimlane drawing of who does what (`Swimlane`): its parts, where they lie, and its text.
@Suite struct SwimlaneTests {
    typealias Lane = Swimlane.Lane
    typealias Duty = Swimlane.Duty
    typealias Handover = Swimlane.Handover

    static let pasient = Lane(id: "pasient", name: "Pasienten")
    static let sykehus = Lane(id: "sykehus", name: "Sykehuset")
    static let fastlege = Lane(id: "fastlege", name: "Fastlegen")
    static let legevakt = Lane(id: "legevakt", name: "Legevakten")

    /// Four lanes (the last without a duty), a party with two duties, and handovers down, up, past
    /// a lane, without `when`, to the party itself and to a party without a lane.
    static let sample = Swimlane(
        lanes: [sykehus, pasient, fastlege, legevakt],
        duties: [
            Duty(lane: "pasient", text: "Bestiller selv time hos fastlegen."),
            Duty(lane: "sykehus", text: "Skriver i epikrisen hvem som bestiller timen."),
            Duty(lane: "fastlege", text: "Prioriterer timen."),
            Duty(lane: "sykehus", text: "Ringer fastlegen når pasienten trenger det."),
        ],
        handovers: [
            Handover(from: "sykehus", to: "fastlege", when: "Ved utskrivning"),
            Handover(from: "fastlege", to: "pasient", when: "Når prøvesvarene er klare"),
            Handover(from: "pasient", to: "legevakt", when: nil),
            Handover(from: "fastlege", to: "fastlege", when: "Aldri"),
            Handover(from: "sykehus", to: "kad", when: "Om natten"),
        ])

    /// The text of every element with `className` in `svg`, in order (its lines joined by spaces).
    static func texts(_ svg: String, _ className: String) -> [String] {
        svg.components(separatedBy: "<text class=\"\(className)\"").dropFirst().map { element in
            let body = element.components(separatedBy: "</text>")[0]
            return body.components(separatedBy: "<tspan").dropFirst().map { span in
                String(span.split(separator: ">", maxSplits: 1)[1].prefix { $0 != "<" })
            }.joined(separator: " ")
        }
    }

    static func count(_ svg: String, _ fragment: String) -> Int {
        svg.components(separatedBy: fragment).count - 1
    }

    @Test(arguments: Swimlane.Layout.allCases) func lanesAreDrawnOncePerPartyInTheOrderGiven(_ layout: Swimlane.Layout) {
        let drawing = Swimlane(
            lanes: [Self.fastlege, Self.sykehus, Self.fastlege, Self.pasient],
            duties: [Duty(lane: "sykehus", text: "Sender epikrise.")], handovers: [])
        let svg = drawing.svg(layout)
        #expect(Self.count(svg, "<g class=\"swimlane-lane\">") == 3)
        #expect(Self.texts(svg, "swimlane-name") == ["Fastlegen", "Sykehuset", "Pasienten"])
        let bands = drawing.geometry(layout).bands
        #expect(bands.map(\.lane) == [0, 1, 2])
        #expect(zip(bands, bands.dropFirst()).allSatisfy { $0.y + $0.height <= $1.y }, "lanes lie one under the other")
    }

    @Test(arguments: Swimlane.Layout.allCases) func eachDutyIsOneBoxInItsLane(_ layout: Swimlane.Layout) {
        let svg = Self.sample.svg(layout)
        #expect(Self.count(svg, "<g class=\"swimlane-duty\">") == 4)
        // In the order of the lanes, each lane's in the order given (lines joined again).
        #expect(
            Self.texts(svg, "swimlane-text") == [
                "Skriver i epikrisen hvem som bestiller timen.", "Ringer fastlegen når pasienten trenger det.",
                "Bestiller selv time hos fastlegen.", "Prioriterer timen.",
            ])
        let geometry = Self.sample.geometry(layout)
        #expect(geometry.boxes.map(\.lane) == [0, 0, 1, 2, 3])
        for box in geometry.boxes {
            let band = geometry.bands[box.lane]
            #expect(band.y < box.y && box.y + box.height < band.y + band.height, "a box lies inside its lane")
            #expect(box.x > geometry.nameColumn && box.x + box.width < geometry.width)
            for line in box.lines {
                #expect(Swimlane.textWidth(line, bold: false) <= box.width - 20, "«\(line)» runs out of its box")
            }
        }
    }

    @Test func aLaneWithoutADutyHasADashedBoxSayingSo() {
        let svg = Self.sample.svg(.wide)
        #expect(Self.count(svg, "<g class=\"swimlane-empty\">") == 1)
        #expect(Self.count(svg, "stroke-dasharray") == 1)
        #expect(Self.texts(svg, "swimlane-text swimlane-note") == [Swimlane.placeholderText])
        #expect(Self.sample.geometry(.wide).boxes.filter(\.isPlaceholder).map(\.lane) == [3])
    }

    @Test(arguments: Swimlane.Layout.allCases) func eachHandoverIsOneArrowFromItsLaneToTheOtherLabelledWithItsWhen(
        _ layout: Swimlane.Layout
    ) {
        // The handover to the party itself, and the one to a party without a lane, are left out.
        #expect(Self.sample.handovers.map(\.to) == ["fastlege", "pasient", "legevakt"])
        let svg = Self.sample.svg(layout)
        #expect(Self.count(svg, "<g class=\"swimlane-handover\">") == 3)
        #expect(Self.count(svg, "class=\"swimlane-arrow\"") == 3)
        #expect(Self.texts(svg, "swimlane-label").sorted() == ["Ved utskrivning", "Når prøvesvarene er klare"].sorted())
        let geometry = Self.sample.geometry(layout)
        let lanes = ["sykehus": 0, "pasient": 1, "fastlege": 2, "legevakt": 3]
        func inside(_ y: Int, lane: Int) -> Bool {
            let band = geometry.bands[lane]
            return band.y < y && y < band.y + band.height
        }
        for arrow in geometry.arrows {
            let handover = Self.sample.handovers[arrow.handover]
            let (from, to) = (lanes[handover.from]!, lanes[handover.to]!)
            #expect(inside(arrow.startY, lane: from), "\(handover.from) → \(handover.to) starts in its giving lane")
            #expect(inside(arrow.endY, lane: to), "\(handover.from) → \(handover.to) ends in its receiving lane")
            #expect(arrow.slotX > geometry.nameColumn && arrow.slotX < arrow.boxX)
            #expect((arrow.label == nil) == (handover.when == nil))
            if let label = arrow.label {
                // In a gap between two lanes the arrow passes, beside the arrow.
                let gap = geometry.bands.indices.dropLast().first {
                    geometry.bands[$0].y + geometry.bands[$0].height <= label.y
                        && label.y + label.height <= geometry.bands[$0 + 1].y
                }
                #expect(gap.map { min(from, to) <= $0 && $0 < max(from, to) } == true, "the label of \(handover.from) → \(handover.to)")
                #expect(label.x > arrow.slotX && label.x + label.width <= geometry.width)
            }
        }
        // Two arrows never share a slot, and arrows that start or end at one box meet it apart.
        #expect(Set(geometry.arrows.map(\.slotX)).count == 3)
        let ends = geometry.arrows.flatMap { [$0.startY, $0.endY] }
        #expect(Set(ends).count == ends.count)
    }

    @Test func aLabelIsPutWhereNoArrowCrossesIt() {
        // The long arrow (pasient → legevakt) passes every gap; the inner ones pass the first two.
        let drawing = Swimlane(
            lanes: [Self.pasient, Self.sykehus, Self.fastlege, Self.legevakt],
            duties: [Duty(lane: "pasient", text: "Ringer.")],
            handovers: [
                Handover(from: "pasient", to: "legevakt", when: "Om natten"),
                Handover(from: "pasient", to: "fastlege", when: "Om dagen"),
            ])
        let geometry = drawing.geometry(.wide)
        let bottomOfFastlege = geometry.bands[2].y + geometry.bands[2].height
        #expect(geometry.arrows[0].label.map { $0.y >= bottomOfFastlege } == true, "«Om natten» in the last gap")
        #expect(geometry.arrows[1].label.map { $0.y < geometry.bands[1].y } == true, "«Om dagen» next to pasient")
    }

    @Test func textIsEscapedAndTheDrawingIsWellFormedXML() throws {
        let drawing = Swimlane(
            lanes: [Lane(id: "a", name: "A<B & \"C\" 'D'"), Self.fastlege],
            duties: [Duty(lane: "a", text: "<script>alert(\"x\")</script> & mer")],
            handovers: [Handover(from: "a", to: "fastlege", when: "Når <&\"> skjer")])
        let html = try #require(drawing.html)
        #expect(!html.contains("<script"))
        #expect(html.contains("A&lt;B &amp; &quot;C&quot; &#39;D&#39;"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("Når &lt;&amp;&quot;&gt; skjer"))
        #if canImport(FoundationXML) || canImport(Darwin)
            for layout in Swimlane.Layout.allCases {
                let svg = drawing.svg(layout).replacingOccurrences(of: "<svg ", with: "<svg xmlns=\"http://www.w3.org/2000/svg\" ")
                let parser = XMLParser(data: Data(svg.utf8))
                #expect(parser.parse(), "\(layout): \(parser.parserError.map(String.init(describing:)) ?? "")")
            }
        #endif
    }

    @Test func aWordTooLongForALineIsSplitWithAHyphen() {
        let lines = Swimlane.wrap("Ved Donaudampfschiffahrtsgesellschaftskapteinsuniformsknapper.", width: 120, bold: false)
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { Swimlane.textWidth($0, bold: false) <= 120 })
        #expect(lines.dropLast().dropFirst().allSatisfy { $0.hasSuffix("-") })
        #expect(lines.last?.hasSuffix("knapper.") == true)
        #expect(
            lines.map { $0.hasSuffix("-") ? String($0.dropLast()) : $0 + " " }.joined().dropLast()
                == "Ved Donaudampfschiffahrtsgesellschaftskapteinsuniformsknapper.")
    }

    @Test func textIsMeasuredAtLeastAsWideAsDejaVuSans() {
        // DejaVu Sans at 15 px: «m» 14.6, «W» 14.8, «a» 9.2, «i» 4.2, « » 4.8 (advance widths).
        #expect(Swimlane.textWidth("m", bold: false) >= 15)
        #expect(Swimlane.textWidth("W", bold: false) >= 15)
        #expect(Swimlane.textWidth("a", bold: false) >= 10)
        #expect(Swimlane.textWidth("i", bold: false) >= 5)
        #expect(Swimlane.textWidth(" ", bold: false) >= 5)
        #expect(Swimlane.textWidth("漢", bold: false) >= 15)
        #expect(Swimlane.textWidth("Fastlegen", bold: true) > Swimlane.textWidth("Fastlegen", bold: false))
    }

    /// `words` splits fast at bytes where it can: for any text it must split exactly where the
    /// characters' `isWhitespace` does. `wrap` adds widths up as a line grows: every line must
    /// measure, as a whole, within the width, and the lines must hold the words in order.
    @Test func wordsAndWrapAgreeWithMeasuringTheWholeText() {
        let pieces = [
            "a", "Fastlegen", "æøå", "ÆØÅ", "é", "e\u{301}", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}",
            "\u{2003}", "\u{3000}", "\u{1C}", " \u{301}", "\u{AD}", "漢字", "👩‍⚕️", "🇳🇴", "m", "W", "-", "timebestilling-etter-utskrivning",
            "ﬁ", "K", "Å",
        ]
        var random = SeededGenerator(seed: 17)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(Swimlane.words(text) == text.split(whereSeparator: \.isWhitespace).map(String.init), "\(text.unicodeScalars.map(\.value))")
            let width = Int.random(in: 40...300, using: &random), bold = Bool.random(using: &random)
            let lines = Swimlane.wrap(text, width: width, bold: bold)
            #expect(lines.joined(separator: " ").filter { $0 != "-" } == Swimlane.words(text).joined(separator: " ").filter { $0 != "-" } || lines.contains { $0.hasSuffix("-") })
            for line in lines {
                #expect(Swimlane.textWidth(line, bold: bold) <= width, "\(line) at \(width)")
            }
        }
    }

    @Test func nothingIsDrawnForOneLaneOrWithoutADuty() {
        #expect(Swimlane(lanes: [Self.fastlege], duties: [Duty(lane: "fastlege", text: "Gjør alt.")], handovers: []).html == nil)
        #expect(
            Swimlane(lanes: [Self.fastlege, Self.sykehus], duties: [], handovers: [Handover(from: "sykehus", to: "fastlege")]).html == nil)
        #expect(
            Swimlane(lanes: [Self.fastlege, Self.fastlege], duties: [Duty(lane: "fastlege", text: "Gjør alt.")], handovers: []).html == nil)
        #expect(
            Swimlane(lanes: [Self.fastlege, Self.sykehus], duties: [Duty(lane: "fastlege", text: "Gjør alt.")], handovers: []).html != nil)
    }

    @Test func theDrawingIsHiddenFromScreenReadersAndHasNoIDs() throws {
        let html = try #require(Self.sample.html)
        #expect(html.hasPrefix("<div class=\"swimlane\" aria-hidden=\"true\">"))
        #expect(Self.count(html, "<svg class=\"swimlane-drawing swimlane-wide\"") == 1)
        #expect(Self.count(html, "<svg class=\"swimlane-drawing swimlane-narrow\"") == 1)
        #expect(!html.contains(" id="))
        #expect(!html.contains("href"))
    }

    @Test func theSameInputGivesTheSameBytes() {
        let again = Swimlane(lanes: Self.sample.lanes, duties: Self.sample.duties.reversed().reversed(), handovers: Self.sample.handovers)
        #expect(again.html == Self.sample.html)
        // Whole units only: no number in the drawing depends on how a machine rounds.
        let numbers = Self.sample.svg(.wide).split(separator: "\"").filter { $0.first?.isNumber == true }
        #expect(numbers.allSatisfy { $0.allSatisfy { $0.isNumber || $0 == " " || $0 == "." } })
        #expect(!Self.sample.svg(.wide).contains(".0\""))
    }

    @Test func aRecommendationPageShowsTheDrawingInItsWhoDoesWhatAndAWithdrawnOneNone() throws {
        func recommendation(_ id: String, status: String) -> String {
            """
            ---
            id: \(id)
            title: Tegnet \(id)
            version: 1.0
            status: \(status)
            adopted: 2020
            owner: forum
            withdrawn_reason: Utdatert.
            responsible:
              - party: fastlege
                duty: Henviser.
              - party: sykehus
                duty: Sender epikrise.
            ---
            Tekst.
            """
        }
        let (release, cleanup) = try PageIDTests.build([
            "recommendations/s/gjeldende.md": recommendation("S-1", status: "vedtatt"),
            "recommendations/s/trukket.md": recommendation("S-2", status: "trukket"),
        ])
        defer { cleanup() }
        let page = try Support.read(release + "anbefalinger/s/gjeldende/index.html")
        let section = try #require(page.components(separatedBy: "<section class=\"who-does-what\"").dropFirst().first)
        #expect(section.components(separatedBy: "</section>")[0].contains("<div class=\"swimlane\" aria-hidden=\"true\">"))
        #expect(Self.count(page, "<svg ") == 2)
        // A withdrawn recommendation's duties are not read (nor listed), so there is nothing to draw.
        let withdrawn = try Support.read(release + "anbefalinger/s/trukket/index.html")
        #expect(withdrawn.contains("Anbefalingen er trukket"))
        #expect(!withdrawn.contains("swimlane"))
    }

    @Test func aRecommendationIsDrawnFromItsPlainDutiesAndHandovers() throws {
        let recommendation = """
            ---
            id: S-1
            title: Tegnet
            version: 1.0
            status: vedtatt
            adopted: 2020
            owner: forum
            responsible:
              - party: fastlege
                duty: Henviser **straks**, se [forumet](id:S-1).
              - party: sykehus
                duty: Sender epikrise.
            handover:
              - from: sykehus
                to: fastlege
                when: Ved utskrivning
              - from: fastlege
                to: forum
            ---
            Tekst.
            """
        let (site, _, _) = try Support.check(["recommendations/s/r.md": recommendation])
        let loaded = try #require(site?.recommendation(id: "S-1"))
        let drawing = Swimlane(loaded, site: try #require(site))
        #expect(drawing.lanes.map(\.name) == ["Fastlegen", "Sykehuset", "Forumet"])
        #expect(drawing.duties.map(\.text) == ["Henviser straks, se forumet.", "Sender epikrise."])
        #expect(drawing.handovers.count == 2)
        // Only the two parties of a transition, in the order asked for.
        let transition = Swimlane(loaded, site: try #require(site), parties: ["sykehus", "fastlege"])
        #expect(transition.lanes.map(\.id) == ["sykehus", "fastlege"])
        #expect(transition.duties.map(\.lane) == ["fastlege", "sykehus"])
        #expect(transition.handovers == [Handover(from: "sykehus", to: "fastlege", when: "Ved utskrivning")])
    }
}
