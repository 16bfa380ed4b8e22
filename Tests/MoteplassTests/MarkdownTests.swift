import Diagnostics
import Testing

@testable import Markdown

@Suite struct MarkdownTests {
    @Test func rendersTheGFMExtensions() {
        let html = Markdown.html(
            """
            | a | b |
            |---|:-:|
            | 1 | 2 |

            ~~borte~~ og https://example.org

            - [x] ferdig
            - [ ] igjen
            """)
        #expect(html.contains("<table>"))
        #expect(html.contains("<th class=\"align-center\">b</th>"))
        #expect(!html.contains("align=\""))
        #expect(html.contains("<del>borte</del>"))
        #expect(html.contains("<a href=\"https://example.org\">https://example.org</a>"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Gjort\" /> ferdig"))
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\" aria-label=\"Ikke gjort\" /> igjen"))
    }

    @Test func dropsRawHTMLBlocksAndInlineTags() {
        let html = Markdown.html("<div class=\"x\">blokk</div>\n\nEn <b>fet</b> <script>alert(1)</script> tekst.\n")
        #expect(!html.contains("<div"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("raw HTML omitted"))
        #expect(html.contains("En fet"))
    }

    @Test func neutralisesScriptLinks() {
        let html = Markdown.html("[klikk](javascript:alert(1))")
        #expect(!html.contains("javascript:"))
    }

    @Test func headingsStartAtLevelTwoAndGetAnchors() {
        let html = Markdown.html("# Tittel\n\n## Hvem gjør hva?\n\n## Hvem gjør hva?\n")
        #expect(
            html
                == "<h2 id=\"tittel\">Tittel</h2>\n<h2 id=\"hvem-gjor-hva\">Hvem gjør hva?</h2>\n<h2 id=\"hvem-gjor-hva-2\">Hvem gjør hva?</h2>\n"
        )
    }

    @Test func headingsNeverSkipALevel() {
        let html = Markdown.html("#### A\n\n## B\n\n###### C\n\n> ##### D\n\n# E\n\n### F\n")
        let levels = html.components(separatedBy: "<h").dropFirst().compactMap { $0.first }
        #expect(String(levels) == "223423")
        #expect(html.contains("<blockquote>\n<h4"))
    }

    @Test func aHeadingWhoseTitleSpellsARepeatsIDGetsAnotherOne() {
        let html = Markdown.html("## Tiltak\n\n## Tiltak\n\n## Tiltak 2\n\n## Tiltak\n")
        #expect(ids(in: html) == ["tiltak", "tiltak-2", "tiltak-2-2", "tiltak-3"])
    }

    @Test func headingsDoNotTakeTheIDsOfThePageAroundThem() {
        let html = Markdown.html("## Hovedinnhold\n\n## Hovedinnhold\n\n## Annet\n", reservedIDs: ["hovedinnhold", "hovedinnhold-2"])
        #expect(ids(in: html) == ["hovedinnhold-3", "hovedinnhold-4", "annet"])
    }

    private func ids(in html: String) -> [String] {
        html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func anAutolinkThatSwallowedABackslashIsPublishedAsText() {
        // `\` at the end of a line is a hard line break, but cmark-gfm's autolink takes it into
        // the address (`http://www.example.com%5C`), which no browser can open.
        let html = Markdown.html("A www.example.com\\\nB https://example.org\\x og https://example.org/sti\\x\n")
        #expect(html.contains("A www.example.com\\\nB https://example.org\\x og <a href=\"https://example.org/sti%5Cx\">"))
        #expect(!html.contains("%5C\">www") && !html.contains("example.org%5C"))
    }

    @Test func onlyAddressesWithAHostThatIsNoHostAreRefused() {
        for good in [
            "https://example.org", "http://www.example.com/a\\b", "https://user@example.org:8080/x?y#z", "mailto:a@b.no",
            "../side.md", "#del", "https://[::1]/", "https://blåbær.no/", "https://example.org:/",
        ] {
            #expect(LinkAddress.isPublishable(good), "\(good)")
        }
        for bad in [
            "http://www.example.com\\", "https://exa%5Cmple.org/", "https://", "http://a b/", "https://example.org:99999/", "https://x|y/",
        ] {
            #expect(!LinkAddress.isPublishable(bad), "\(bad)")
        }
    }

    @Test func rewritesLinksThroughTheGivenFunction() {
        let html = Markdown.html("[a](id:MO-FS-07) [*b*](../x.md#del) [c](https://example.org)") { destination in
            if destination.hasPrefix("id:") { return .replace("../anbefaling/index.html") }
            return destination.hasSuffix(".md#del") ? .unlink : .keep
        }
        #expect(
            html
                == "<p><a href=\"../anbefaling/index.html\">a</a> <em>b</em> <a href=\"https://example.org\">c</a></p>\n"
        )
    }

    @Test func analysisColumnsCountCharactersNotBytes() {
        let analysis = Markdown.analyze("Blåbær og [lenke](id:X).\n")
        #expect(analysis.links.first?.position == MarkdownPosition(line: 1, column: 11))
    }

    @Test func analysisGroupsTextRunsByBlock() {
        let analysis = Markdown.analyze("Første *avsnitt*\nfortsetter.\n\n- Et punkt\n")
        #expect(analysis.text.runs.map(\.text) == ["Første ", "avsnitt", "fortsetter.", "Et punkt"])
        #expect(analysis.text.runs.map(\.endsBlock) == [false, false, true, true])
        #expect(
            analysis.text.runs.map(\.position) == [
                MarkdownPosition(line: 1, column: 1), MarkdownPosition(line: 1, column: 9), MarkdownPosition(line: 2, column: 1),
                MarkdownPosition(line: 4, column: 3),
            ])
    }

    @Test func inlineHTMLHasNoParagraph() {
        #expect(Markdown.inlineHTML("Bestiller **selv** time.") == "Bestiller <strong>selv</strong> time.")
        // Two paragraphs in a `<p class="duty-text">` were invalid HTML: inline text is one.
        #expect(Markdown.inlineHTML("To\n\navsnitt") == "To\navsnitt")
    }

    @Test func inlineTextThatLooksLikeBlocksStaysText() {
        let cases = [
            "1. januar sender sykehuset epikrise.": "1. januar sender sykehuset epikrise.",
            "2) Fastlegen": "2) Fastlegen",
            "# Oppgave": "# Oppgave",
            "- punkt": "- punkt",
            "> sitat": "&gt; sitat",
            "```\nkode\n```": "```\nkode\n```",
            "Tekst\n---": "Tekst\n---",
            "Tekst\n===": "Tekst\n===",
            "***": "***",
            "| a | b |\n| --- | :-: |\n| c | d |": "| a | b |\n| --- | :-: |\n| c | d |",
            "[1]: https://example.org\nTekst": "[1]: <a href=\"https://example.org\">https://example.org</a>\nTekst",
            "    innrykket": "innrykket",
            "Før\n\n<div>\nblokk\n</div>\n\netter": "Før\netter",
        ]
        for (source, expected) in cases {
            #expect(Markdown.inlineHTML(source) == expected, "\(source)")
        }
        #expect(Markdown.inlinePlainText("1. januar **sender** sykehuset\n- epikrise") == "1. januar sender sykehuset - epikrise")
        // Emphasis and links at the start of a line are still Markdown.
        #expect(
            Markdown.inlineHTML("*Viktig*: se [her](https://example.org)") == "<em>Viktig</em>: se <a href=\"https://example.org\">her</a>")
        #expect(Markdown.inlineHTML("__fet__ 10 %") == "<strong>fet</strong> 10 %")
    }

    /// Random lines of block syntax, inline syntax and text: the inline HTML never holds a block.
    @Test func inlineHTMLNeverHoldsABlock() {
        let pieces = [
            "# ", "## ", "> ", "- ", "+ ", "* ", "1. ", "2) ", "```", "~~~", "---", "===", "***", "___", "| a | b |", "|---|:-:|",
            "[x]: /y", "    ", "\t", "<div>", "</div>", "<!-- x -->", "<b>", "tekst", "æøå", "**", "_", "`", "[", "](", ")", "\n",
            "\n\n", " ", "id:X", "www.example.com", "\\", "&amp;", "1", ".",
        ]
        let blocks = ["<p", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<ol", "<ul", "<li", "<blockquote", "<pre", "<hr", "<table", "<div"]
        var generator = SeededGenerator(seed: 15)
        for _ in 0..<3000 {
            let source = (0..<Int.random(in: 1...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let html = Markdown.inlineHTML(source)
            #expect(!blocks.contains { html.contains($0) }, "\(source.debugDescription) → \(html.debugDescription)")
        }
    }

    @Test func analysisPositionsPointIntoTheFile() {
        let analysis = Markdown.analyze("Første linje.\n\nSe [her](id:X) og\n  <i>dette</i>.\n", firstLine: 10)
        #expect(analysis.links.map(\.destination) == ["id:X"])
        #expect(analysis.links.first?.position == MarkdownPosition(line: 12, column: 4))
        #expect(analysis.rawHTML.map(\.html) == ["<i>", "</i>"])
        #expect(analysis.rawHTML.first?.position.line == 13)
        #expect(analysis.text.runs.first?.text == "Første linje.")
    }

    @Test func whiteSpaceIsCollapsedAsCharactersWouldBe() {
        let pieces = [" ", "\n", "\t", "\r\n", "\u{A0}", "\u{2003}", "\u{3000}", "a", "æ", "ø", "Å", "😀", "e\u{301}", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(
                Markdown.collapsingWhiteSpace(text) == text.split(whereSeparator: \.isWhitespace).joined(separator: " "),
                "\(Array(text.unicodeScalars))")
        }
    }

    /// The shortcut for lines without Markdown gives exactly what cmark-gfm gives, and is taken for
    /// ordinary sentences.
    @Test func plainLinesRenderAsCMarkGFMWouldRenderThem() {
        #expect(Markdown.plainInlineHTML("Fastlegen bestiller time (innen 2 uker), «straks».") != nil)
        #expect(Markdown.plainInlineHTML("Se www.example.org") == nil)
        let pieces = [
            "a", "Z", "æ", "Ø", "å", "1", "2.", " ", "  ", ".", ",", ";", "(", ")", "?", "'", "\"", "-", "/", "%", "+", "=", "$",
            "\u{A0}", "\u{3000}", "–", "…", "«", "»", "e\u{301}", "😀", "w", "ww", "W", "\n", "\t", "*", "_", "[", "]", "<", ">", "&",
            "!", "#", "|", "~", ":", "@", "`", "\\", "{", "}", "^", "&amp;", "www.", "http://x", "a@b.no",
        ]
        var generator = SystemRandomNumberGenerator()
        var plain = 0
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 1...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            guard let shortcut = Markdown.plainInlineHTML(text) else { continue }
            plain += 1
            var rendered = Substring(Markdown.html(text))
            if rendered.hasPrefix("<p>"), rendered.hasSuffix("</p>\n") { rendered = rendered.dropFirst(3).dropLast(5) }
            #expect(shortcut == rendered, "\(Array(text.unicodeScalars))")
        }
        #expect(plain > 100)
    }

    /// The shortcut for plain lines gives the text cmark-gfm's tree gives.
    @Test func plainLinesGiveTheirTextAsCMarkGFMDoes() {
        let pieces = ["a", "Æ", "1", " ", "  ", ".", "\"", "'", "-", "\u{A0}", "\u{2003}", "–", "e\u{301}", "w", "*", "&", "\n", "[x](y)"]
        var random = SeededGenerator(seed: 3)
        var plain = 0
        for _ in 0..<3000 {
            let text = (0..<Int(1 + random.next() % 10)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            if Markdown.plainInlineHTML(text) != nil { plain += 1 }
            #expect(Markdown.plainText(text) == Markdown.plainText(text, extensions: Markdown.extensionNames), "\(text.debugDescription)")
        }
        #expect(plain > 300)
    }

    /// White space collapsed byte by byte, as Unicode's White_Space property says.
    @Test func whiteSpaceIsCollapsedAsUnicodeSaysItIsWhiteSpace() {
        func reference(_ text: String) -> String {
            text.unicodeScalars.split { $0.properties.isWhitespace }.map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
        }
        let alphabet: [Unicode.Scalar] =
            (0...0x200).compactMap(Unicode.Scalar.init) + (0x1680...0x1681).compactMap(Unicode.Scalar.init)
            + (0x2000...0x2060).compactMap(Unicode.Scalar.init) + ["\u{2FFF}", "\u{3000}", "\u{3001}", "\u{E000}", "\u{1F600}"]
        for scalar in alphabet {
            let text = " x\(scalar)\(scalar)y \(scalar)"
            #expect(Markdown.collapsingWhiteSpace(text) == reference(text), "U+\(String(scalar.value, radix: 16))")
        }
        var random = SeededGenerator(seed: 5)
        for _ in 0..<2000 {
            let text = String(
                String.UnicodeScalarView((0..<Int(random.next() % 20)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
            #expect(Markdown.collapsingWhiteSpace(text) == reference(text), "\(text.debugDescription)")
        }
    }

    @Test func plainTextDropsMarkup() {
        #expect(Markdown.plainText("# Tittel\n\nEn **fet** [lenke](x.md).\n") == "Tittel En fet lenke.")
        // Table cells are words apart, for the search index as for feeds.
        #expect(Markdown.searchText("| Hvem | Hva |\n|---|---|\n| Pasienten | Bestiller |\n") == "Hvem Hva Pasienten Bestiller")
    }

    /// Parsing on all cores gives what parsing one by one gives: tables, and strikethrough,
    /// whose `~` cmark-gfm keeps in a global table while it parses (`Markdown.withDocument`).
    @Test func parallelUseIsSafe() {
        let sources = (0..<2000).map { i in
            "| \(i) |\n|---|\n| x |\n\nGir ~~papirresept~~ e-resept, se https://example.org/\(i) og [lenke](id:X-\(i)).\n"
        }
        let serial = sources.prefix(5).map { Markdown.html($0) }
        #expect(serial.allSatisfy { $0.contains("<table>") && $0.contains("<del>papirresept</del>") })
        let parallel = sources.concurrentMap { Markdown.html($0) }
        #expect(parallel.filter { !$0.contains("<del>papirresept</del>") }.isEmpty)
        #expect(parallel.allSatisfy { $0.contains("<table>") })
        #expect(Array(parallel.prefix(5)) == serial)
        let analyses = sources.concurrentMap { Markdown.analyze($0).links.map(\.destination) }
        #expect(analyses.enumerated().allSatisfy { $0.element == ["id:X-\($0.offset)"] })
    }
}
