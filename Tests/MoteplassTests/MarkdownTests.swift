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

    /// cmark-gfm counts columns on a paragraph's later lines from where its first line starts;
    /// the analysis puts them where the text was written (found by the Markdown fuzzer: a lazy
    /// line after a quote was reported past its own end).
    @Test func textOnAParagraphsLaterLinesIsPositionedWhereItWasWritten() {
        func starts(_ body: String) -> [String] {
            Markdown.analyze(body).text.runs.map { "\($0.text)@\($0.position.line):\($0.position.column)" }
        }
        #expect(starts("> Sitat\nlat linje") == ["Sitat@1:3", "lat linje@2:1"])
        #expect(starts("> > Indre\n> lat") == ["Indre@1:5", "lat@2:3"])
        #expect(starts("  To\n      innrykk") == ["To@1:3", "innrykk@2:7"])
        #expect(starts("- Punkt\n  videre") == ["Punkt@1:3", "videre@2:3"])
        #expect(starts("Tab\n\tfør *ord*") == ["Tab@1:1", "før @2:2", "ord@2:7"])
        #expect(starts("Overskrift\npå to linjer\n===") == ["Overskrift@1:1", "på to linjer@2:1"])
        #expect(starts("- Punkt\n lat linje") == ["Punkt@1:3", "lat linje@2:2"])
        #expect(starts("> > Indre\n>   lat *ord*") == ["Indre@1:5", "lat @2:5", "ord@2:10"])
        #expect(starts("Først\n*uthevet* og `kode` så") == ["Først@1:1", "uthevet@2:2", " og @2:10", " så@2:20"])
        #expect(starts("Først\n` kode`2 og ``mer`` så") == ["Først@1:1", "2 og @2:8", " så@2:20"])
        // A link is where its `[` is, not on the line its text ends on.
        let wrapped = Markdown.analyze("Se [siden om\nrådet](id:X) og\n[en *to*\ntre](id:Y) ![bilde\nher](b.png)")
        #expect(wrapped.links.map(\.position) == [MarkdownPosition(line: 1, column: 4), MarkdownPosition(line: 3, column: 1)])
        #expect(
            wrapped.text.runs.map { "\($0.text)@\($0.position.line):\($0.position.column)" } == [
                "Se @1:1", "siden om@1:5", "rådet@2:1", " og@2:13", "en @3:2", "to@3:6", "tre@4:1", " @4:11", "bilde@4:14", "her@5:1",
            ])
        // Text after a code span or raw HTML that runs over lines.
        #expect(starts("Se `kode\nog mer` her <b\nclass=x> der") == ["Se @1:1", " her @2:8", " der@3:9"])
        #expect(starts("> Se `kode\nog mer` her") == ["Se @1:3", " her@2:8"])
        #expect(starts("- Se `kode\n  og` her\n ``mer\n ``kode`` der") == ["Se @1:3", " her@2:6", "kode`` der@4:4"])
        #expect(starts("> a\n> Se <b\nclass=x> der") == ["a@1:3", "Se @2:3", " der@3:9"])
        #expect(starts("Se [u[X]stet\n](id:x). Og") == ["Se @1:1", "u[X]stet@1:5", ". Og@2:8"])
        #expect(starts("Se [\n  mangler](x).") == ["Se @1:1", "mangler@2:3", ".@2:14"])
        #expect(starts("Se [u `a\nb` c\n](id:x). Og") == ["Se @1:1", "u @1:5", " c@2:3", ". Og@3:8"])
        #expect(starts("[a\nb](x) og *\\\nc `d` e") == ["a@1:2", "b@2:1", " og *@2:6", "c @3:1", " e@3:6"])
        // An autolink is where its `<` is (cmark-gfm counts its column through the paragraph).
        let autolinks = Markdown.analyze("> Først\n> så &amp; <https://x.no> og <a@b.no>\n\n<https://y.no>")
        #expect(
            autolinks.links.map(\.position) == [
                MarkdownPosition(line: 2, column: 12), MarkdownPosition(line: 2, column: 30), MarkdownPosition(line: 4, column: 1),
            ])
        #expect(starts("a\nb <https://x.no>etter") == ["a@1:1", "b @2:1", "https://x.no@2:4", "etter@2:17"])
        // After a hard break by a backslash, cmark-gfm counts the next line as part of the same.
        #expect(starts("a  \nb\\\nc *d*\\\n  e\ngata 1\\\\\nf") == [
            "a@1:1", "b@2:1", "c @3:1", "d@3:4", "e@4:3", "gata 1\\@5:1", "f@6:1",
        ])
        #expect(starts("Tekst\n\n\\\nførst etter bruddet") == ["Tekst@1:1", "først etter bruddet@4:1"])
        #expect(starts("   Først\n\\\n\\\netter to brudd") == ["Først@1:4", "etter to brudd@4:1"])
        #expect(starts("x `a\nb`\n\\\nd [e](f\n)\n\\\ng") == ["x @1:1", "d @4:1", "e@4:4", "g@7:1"])
        // cmark-gfm does not count a line break in a link's destination or title either.
        #expect(starts("Se [her](x\n\"tittel\") nå\nog [der](y \"a\nb\nc\") *så*") == [
            "Se @1:1", "her@1:5", " nå@2:10", "og @3:1", "der@3:5", " @5:4", "så@5:6",
        ])
        let analysis = Markdown.analyze("   Først\nså [lenke](id:X) og <i>", firstLine: 10)
        #expect(analysis.links.map(\.position) == [MarkdownPosition(line: 11, column: 4)])
        #expect(analysis.rawHTML.map(\.position) == [MarkdownPosition(line: 11, column: 21)])
    }

    /// cmark-gfm puts a text that starts with backticks opening no code span after them (found
    /// by the Markdown fuzzer).
    @Test func textStartingWithLoneBackticksStartsAtThem() {
        let runs = Markdown.analyze("`k\n\n``k` x\n\nFørst\n`k og *ord*").text.runs
        #expect(runs.map { "\($0.text)@\($0.position.line):\($0.position.column)" } == [
            "`k@1:1", "``k` x@3:1", "Først@5:1", "`k og @6:1", "ord@6:8",
        ])
    }

    /// A table right below a paragraph's text interrupts it; cmark-gfm 0.29.0.gfm.6 then gives
    /// the paragraph line 0 and counts the header row's columns through the paragraph; and it
    /// counts every row's columns from where the table's first line starts (both found by the
    /// Markdown fuzzer).
    @Test func aTableThatInterruptsAParagraphLeavesBothWhereTheyWereWritten() {
        func starts(_ body: String, firstLine: Int = 1) -> [String] {
            Markdown.analyze(body, firstLine: firstLine).text.runs.map { "\($0.text)@\($0.position.line):\($0.position.column)" }
        }
        #expect(
            starts("Tekst\n| a | b |\n|---|---|\n| 1 | 2 |", firstLine: 5) == ["Tekst@5:1", "a@6:3", "b@6:7", "1@8:3", "2@8:7"])
        #expect(starts("x\ny  \n  | a | b |\n|---|---|") == ["x@1:1", "y@2:1", "a@3:5", "b@3:9"])
        #expect(starts("x `a\nb` y\n| a | b |\n|---|---|") == ["x @1:1", " y@2:3", "a@3:3", "b@3:7"])
        #expect(starts("> Sitat\n> | æ | b |\n> |---|---|") == ["Sitat@1:3", "æ@2:5", "b@2:9"])
        #expect(starts("- Punkt\n  | a |\n  |---|\n  | 1 |") == ["Punkt@1:3", "a@2:5", "1@4:5"])
        #expect(starts("# Tittel\n |\nHvem | Hva\n|---|---|\n| Nå| x |\n   | y | z") == [
            "Tittel@1:3", "|@2:2", "Hvem@3:1", "Hva@3:8", "Nå@5:3", "x@5:7", "y@6:6", "z@6:10",
        ])
        #expect(starts("  | a |\n|---|\n| 1 |") == ["a@1:5", "1@3:3"])
        #expect(starts("[Lenke](x)\n| a |\n|---|") == ["Lenke@1:2", "a@2:3"])
        let split = Markdown.analyze("Se [her\nog der](x)\n| a |\n|---|")
        #expect(split.links.map(\.position) == [MarkdownPosition(line: 1, column: 4)])
        #expect(starts("a | b\n--|--\nc | d") == ["a@1:1", "b@1:5", "c@3:1", "d@3:5"])
        let analysis = Markdown.analyze("Først\n| [a](id:X) | b |\n|---|---|\n")
        #expect(analysis.links.map(\.position) == [MarkdownPosition(line: 2, column: 3)])
    }

    @Test func inlineHTMLHasNoParagraph() {
        #expect(Markdown.inlineHTML("Bestiller **selv** time.") == "Bestiller <strong>selv</strong> time.")
        // Two paragraphs in a `<p class="duty-text">` were invalid HTML: inline text is one.
        #expect(Markdown.inlineHTML("To\n\navsnitt") == "To\navsnitt")
        // A combining mark first makes one character with the `>` of `<p>` (found by the fuzzer).
        #expect(Markdown.inlineHTML("\u{5BA}*x*") == "\u{5BA}<em>x</em>")
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

    /// Text is found where it was written although cmark-gfm makes one text of what was written
    /// with escapes and entities, skips link reference definitions, and ends an autolink before a
    /// link (the Markdown fuzzer found the link's destination taken for the autolink's end).
    @Test func textIsFoundWhereItWasWrittenThroughEscapesAndEntities() {
        func starts(_ body: String) -> [String] {
            Markdown.analyze(body).text.runs.map { "\($0.text)@\($0.position.line):\($0.position.column)" }
        }
        #expect(starts("x\\*y &amp; z &ouml;rn") == ["x*y & z örn@1:1"])
        #expect(starts("&amp;lt; og \\\\ her") == ["&lt; og \\ her@1:1"])
        #expect(starts("[a]: /u\nfoo [a] bar") == ["foo @2:1", "a@2:6", " bar@2:8"])
        #expect(starts("| a \\| b | c |\n|---|---|\n| d | e |") == ["a | b@1:3", "c@1:12", "d@3:3", "e@3:7"])
        let autolink = Markdown.analyze("Se <https://x.no> kg [siden](a.md#b). Slutt")
        #expect(autolink.links.map(\.position.column) == [4, 22])
        #expect(autolink.text.runs.map { "\($0.text)@\($0.position.column)" } == ["Se @1", "https://x.no@5", " kg @18", "siden@23", ". Slutt@37"])
        // cmark-gfm puts this table row on the next line: rows are placed by their text.
        #expect(starts("s\n|-\n]\\\\|\n&m;") == ["s@1:1", "]|@3:1", "&m;@4:1"])
        #expect(starts("x\n-|\n]\\\\|\n]|") == ["x@1:1", "]|@3:1", "]@4:1"])
        // An escape or an entity is never read as what it is written with: `\\<b>` is a backslash, then
        // raw HTML at the `<`; `&amp;` is one `&`. Raw HTML is as written; an autolink's text fills it.
        let escaped = Markdown.analyze("\\\\<b>x &amp;&amp; <a title=\"\\*&amp;\"> <https://a\\*b&amp;c> y")
        #expect(escaped.rawHTML.map { "\($0.html)@\($0.position.column)" } == ["<b>@3", "<a title=\"\\*&amp;\">@19"])
        #expect(escaped.text.runs.map { "\($0.text)@\($0.position.column)" } == ["\\@1", "x && @6", " @38", "https://a\\*b&c@40", " y@59"])
        // An autolink whose text holds an entity (`&mp;` is ∓) is still found at its `<`.
        let entityLink = Markdown.analyze("<tt:&mp;>[")
        #expect(entityLink.links.map(\.position.column) == [1])
        #expect(entityLink.text.runs.map { "\($0.text)@\($0.position.column)" } == ["tt:∓@2", "[@10"])
        // A duty that is one paragraph as written keeps a line inside a code span as written.
        #expect(Markdown.inlineHTML("`kode\n|---|---|` her") == "<code>kode |---|---|</code> her")
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
