import Content
import Diagnostics
import Foundation
import Mustache
import Templating
import Testing

@testable import Rendering

/// The template engine (`Templating`), checked against swift-mustache, the dialect it follows:
/// Mustache's own cases with their expected text, every page of the project's content and of the
/// crafted fixture, and thousands of random templates, each drawn by both and compared byte for byte.
@Suite struct TemplatingTests {
    // MARK: Helpers

    /// Draws `template` (named `main`, beside `partials`) with `data` in both engines; nil where
    /// an engine refuses the templates.
    static func draw(_ template: String, _ data: [String: TemplateValue], partials: [String: String] = [:]) -> (
        ours: String?, theirs: String?
    ) {
        let sources =
            [TemplateLibrary.Source(name: "main", path: "main.mustache", text: template)]
            + partials.sorted { $0.key < $1.key }.map { TemplateLibrary.Source(name: $0.key, path: "\($0.key).mustache", text: $0.value) }
        let ours = (try? TemplateLibrary(sources, folder: "."))?.render("main", data).map { String(decoding: $0, as: UTF8.self) }
        var library = MustacheLibrary()
        do {
            for source in sources { try library.register(source.text, named: source.name) }
        } catch {
            return (ours, nil)
        }
        return (ours, library.render(mustacheValue(.object(data)), withTemplate: "main"))
    }

    /// A block whose override draws a partial holding the same block: inside, the block draws its
    /// own contents, where it drew the override again without end (the template fuzzer's stack
    /// overflow). Only ours: swift-mustache is not asked.
    @Test func anOverrideDoesNotDrawItselfAgain() throws {
        let sources = [
            TemplateLibrary.Source(name: "main", path: "main.mustache", text: "{{<layout}}{{$main}}[{{>a}}]{{/main}}{{/layout}}"),
            TemplateLibrary.Source(name: "a", path: "a.mustache", text: "({{$main}}standard{{/main}})"),
            TemplateLibrary.Source(name: "layout", path: "layout.mustache", text: "<{{$main}}default{{/main}}>"),
        ]
        let drawn = try #require(try TemplateLibrary(sources, folder: ".").render("main", [:]))
        #expect(String(decoding: drawn, as: UTF8.self) == "<[(standard)]>")
    }

    /// The same value as swift-mustache reads it.
    static func mustacheValue(_ value: TemplateValue) -> Any {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag
        case .int(let number): number
        case .list(let items): items.map(mustacheValue)
        case .object(let values): values.mapValues(mustacheValue)
        }
    }

    static func errors(_ templates: [String: String]) -> [String] {
        let sources = templates.sorted { $0.key < $1.key }.map {
            TemplateLibrary.Source(name: $0.key, path: "\($0.key).mustache", text: $0.value)
        }
        do {
            _ = try TemplateLibrary(sources, folder: "Maler")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    // MARK: Mustache's cases

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let template: String
        let data: [String: TemplateValue]
        let expected: String
        var partials: [String: String] = [:]
        var testDescription: String { name }
    }

    static let person: [String: TemplateValue] = [
        "name": .string("Kari <Nordmann> & \"co\" 'x'"), "age": .int(42), "yes": .bool(true), "no": .bool(false),
        "empty": .string(""), "a": .object(["b": .object(["c": .string("abc")]), "x": .string("ax")]), "x": .string("outer"),
        "list": .list([.object(["x": .string("1")]), .object(["x": .string("2")]), .object(["n": .string("3")])]),
        "none": .list([]), "words": .list([.string("en"), .string("to")]),
    ]

    static let cases: [Case] = [
        Case(name: "text alone", template: "Hei, verden!\n", data: person, expected: "Hei, verden!\n"),
        Case(name: "escaped", template: "{{name}}", data: person, expected: "Kari &lt;Nordmann&gt; &amp; &quot;co&quot; &#39;x&#39;"),
        Case(name: "triple", template: "{{{name}}}", data: person, expected: "Kari <Nordmann> & \"co\" 'x'"),
        Case(name: "ampersand", template: "{{& name}}", data: person, expected: "Kari <Nordmann> & \"co\" 'x'"),
        Case(name: "numbers and flags", template: "{{age}} {{yes}} {{no}}", data: person, expected: "42 true false"),
        Case(name: "missing is nothing", template: "[{{nothing}}][{{a.nothing}}][{{nothing.b}}]", data: person, expected: "[][][]"),
        Case(name: "spaces in tags", template: "{{ age }}{{{ age }}}{{& age }}", data: person, expected: "424242"),
        Case(name: "dotted names", template: "{{a.b.c}} {{#a}}{{b.c}} {{x}}{{/a}}", data: person, expected: "abc abc ax"),
        Case(name: "dotted names do not climb", template: "{{#a}}{{#b}}{{x}}|{{.x}}|{{b.x}}{{/b}}{{/a}}", data: person, expected: "ax||"),
        Case(name: "list", template: "{{#list}}<{{x}}>{{/list}}", data: person, expected: "<1><2><outer>"),
        Case(name: "list of text", template: "{{#words}}{{.}},{{/words}}", data: person, expected: "en,to,"),
        Case(name: "empty list", template: "[{{#none}}x{{/none}}][{{^none}}tom{{/none}}]", data: person, expected: "[][tom]"),
        Case(
            name: "flags", template: "{{#yes}}ja{{/yes}}{{#no}}nei{{/no}}{{^no}}ikke{{/no}}{{^yes}}x{{/yes}}", data: person,
            expected: "jaikke"),
        Case(name: "empty text is a value", template: "{{#empty}}a{{/empty}}{{^empty}}b{{/empty}}", data: person, expected: "a"),
        Case(name: "missing inverted", template: "{{^nothing}}ingen{{/nothing}}", data: person, expected: "ingen"),
        Case(
            name: "transforms", template: "{{count(list)}} {{#empty(none)}}tom{{/empty(none)}}{{^empty(list)}} full{{/empty(list)}}",
            data: person,
            expected: "3 tom full"),
        Case(
            name: "nested transforms", template: "{{plusone(count(list))}} {{#even(count(list))}}e{{/even(count(list))}}", data: person,
            expected: "4 "),
        Case(
            name: "first and last in a list", template: "{{#words}}{{^first()}}, {{/first()}}{{.}}{{#last()}}.{{/last()}}{{/words}}",
            data: person,
            expected: "en, to."),
        Case(name: "index in a list", template: "{{#list}}{{index()}}{{/list}}", data: person, expected: "012"),
        Case(
            name: "first item", template: "{{#first(words)}}{{.}}{{/first(words)}} {{#reversed(words)}}{{.}}{{/reversed(words)}}",
            data: person,
            expected: "en toen"),
        Case(name: "comment", template: "a{{! en kommentar\n over to linjer }}b", data: person, expected: "ab"),
        Case(
            name: "standalone section lines", template: "<ul>\n{{#words}}\n<li>{{.}}</li>\n{{/words}}\n</ul>\n", data: person,
            expected: "<ul>\n<li>en</li>\n<li>to</li>\n</ul>\n"),
        Case(name: "indented standalone lines", template: "a\n  {{#yes}}\n  b\n  {{/yes}}  \nc", data: person, expected: "a\n  b\nc"),
        Case(name: "standalone comment", template: "a\n  {{! c }}\nb", data: person, expected: "a\nb"),
        Case(name: "not standalone", template: " {{#yes}}x{{/yes}} \n", data: person, expected: " x \n"),
        Case(name: "windows line ends", template: "a\r\n{{#yes}}\r\nb\r\n{{/yes}}\r\nc", data: person, expected: "a\r\nb\r\nc"),
        Case(name: "standalone at the end", template: "a\n{{#yes}}\nb\n{{/yes}}", data: person, expected: "a\nb\n"),
        Case(name: "set delimiters", template: "{{=<% %>=}}<% age %> {{age}} <%={{ }}=%>{{age}}", data: person, expected: "42 {{age}} 42"),
        Case(name: "partial", template: "[{{>p}}]", data: person, expected: "[Kari]", partials: ["p": "{{#a}}Kari{{/a}}"]),
        Case(
            name: "partial sees the list item", template: "{{#list}}{{>p}}{{/list}}", data: person, expected: "12outer3",
            partials: ["p": "{{x}}{{n}}"]),
        Case(name: "standalone partial", template: "a\n{{>p}}\nb", data: person, expected: "a\nP\nb", partials: ["p": "P\n"]),
        Case(
            name: "parent with blocks", template: "{{<base}}\n{{$title}}Ny{{/title}}\n{{/base}}", data: person,
            expected: "<h1>Ny</h1>\n<p>standard</p>\n",
            partials: ["base": "<h1>{{$title}}Tittel{{/title}}</h1>\n<p>{{$body}}standard{{/body}}</p>\n"]),
        Case(
            name: "blocks reach partials", template: "{{<base}}{{$b}}inni{{/b}}{{/base}}", data: person, expected: "[inni]",
            partials: ["base": "[{{>inner}}]", "inner": "{{$b}}ute{{/b}}"]),
        Case(
            name: "the outermost override wins", template: "{{<middle}}{{$b}}ytterst{{/b}}{{/middle}}", data: person, expected: "ytterst",
            partials: ["middle": "{{<base}}{{$b}}midten{{/b}}{{/base}}", "base": "{{$b}}base{{/b}}"]),
        Case(
            name: "block defaults see values", template: "{{<base}}{{/base}}", data: person, expected: "42",
            partials: ["base": "{{$b}}{{age}}{{/b}}"]),
        Case(
            name: "overrides see the values where they are drawn", template: "{{<base}}{{$b}}{{x}}{{/b}}{{/base}}", data: person,
            expected: "12outer", partials: ["base": "{{#list}}{{$b}}{{/b}}{{/list}}"]),
    ]

    @Test(arguments: cases) func drawsMustachesCasesAsExpected(_ example: Case) throws {
        let (ours, theirs) = Self.draw(example.template, example.data, partials: example.partials)
        #expect(ours == example.expected)
        #expect(ours == theirs, "swift-mustache draws \(theirs.debugDescription)")
    }

    /// The Mustache specification's rule, which swift-mustache also follows for partials' own lines.
    @Test func anIndentedStandalonePartialIndentsEachOfItsLines() {
        let (ours, _) = Self.draw("<div>\n  {{>p}}\n</div>", ["v": .string("a\nb")], partials: ["p": "<p>\n{{v}}\n</p>\n"])
        #expect(ours == "<div>\n  <p>\n  a\nb\n  </p>\n</div>")
    }

    // MARK: Mistakes

    @Test func aSectionClosedWithAnotherNameIsReportedAtTheClosingTag() {
        #expect(
            Self.errors(["a": "<p>\n{{#duties}}\n  {{/dutie}}\n"]) == [
                "a.mustache:3:3: error[template-syntax]: `{{/dutie}}` lukker ikke `{{#duties}}`, som må lukkes med `{{/duties}}` først"
            ])
    }

    @Test func anUnclosedSectionIsReportedWhereItOpens() {
        #expect(
            Self.errors(["a": "x\n {{^empty(list)}}\ny"]) == [
                "a.mustache:2:2: error[template-syntax]: `{{^empty(list)}}` er ikke lukket med `{{/empty(list)}}`"
            ])
        #expect(Self.errors(["a": "{{#a}}{{/a}}{{/b}}"]) == ["a.mustache:1:13: error[template-syntax]: `{{/b}}` lukker ingen åpen seksjon"])
    }

    @Test func anUnfinishedTagOrABadNameIsReported() {
        #expect(Self.errors(["a": "æøå {{title"]) == ["a.mustache:1:5: error[template-syntax]: en tagg er ikke avsluttet med }}"])
        #expect(
            Self.errors(["a": "{{tit le}}"]) == [
                "a.mustache:1:1: error[template-syntax]: tegnet `l` kan ikke stå i et navn i en tagg (bare bokstaver a–z, sifre og . - _ ?)"
            ])
        #expect(Self.errors(["a": "{{{x}}"]) == ["a.mustache:1:1: error[template-syntax]: `{{{x` må avsluttes med }}}"])
    }

    @Test func anUnknownTransformIsReportedWithTheKnownOnes() throws {
        let errors = Self.errors(["a": "\n{{#capitalized(x)}}{{/capitalized(x)}}"])
        #expect(errors.count == 1)
        #expect(
            errors.first?.hasPrefix(
                "a.mustache:2:1: error[template-syntax]: transformasjonen `capitalized` finnes ikke; bruk en av `empty`, `count`") == true)
    }

    @Test func aMissingPartialIsReportedWhereItIsUsed() {
        #expect(
            Self.errors(["a": "x {{> nope}}"]) == [
                "a.mustache:1:3: error[template-missing]: malen `a` bruker `nope`, men `nope.mustache` finnes ikke i Maler"
            ])
    }

    @Test func templatesThatIncludeEachOtherInACircleAreRefused() {
        #expect(
            Self.errors(["a": "{{>b}}", "b": "x\n{{#y}}{{<a}}{{/a}}{{/y}}", "c": "{{>c}}"]) == [
                "a.mustache:1:1: error[template-syntax]: malene tar med hverandre i ring (a → b → a), så siden ville aldri bli ferdig",
                "c.mustache:1:1: error[template-syntax]: malene tar med hverandre i ring (c → c), så siden ville aldri bli ferdig",
            ])
    }

    @Test func onlyBlocksMayStandInsideAParent() {
        #expect(
            Self.errors(["a": "{{<b}}{{x}}{{/b}}", "b": ""]) == [
                "a.mustache:1:1: error[template-syntax]: inni {{<b}} … kan det bare stå blokker ({{$navn}} … {{/navn}})"
            ])
    }

    // MARK: The project's pages

    /// Every page of the project's content and of the crafted fixture, drawn from the project's
    /// templates by both engines.
    @Test(arguments: [Support.realContent, Support.fixture("clean")])
    func everyPageIsDrawnAsSwiftMustacheDrawsIt(_ content: String) throws {
        let site = try #require(try ContentLoader.load(from: content).site).published(includeDrafts: false)
        let templates = try TemplateSet.load(from: Support.templates)
        let plan = RenderPlan(site, templates: templates)
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: Support.templates) where file.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: Support.templates + "/" + file, encoding: .utf8)
            try library.register(text.hasSuffix("\n") ? String(text.dropLast()) : text, named: String(file.dropLast(".mustache".count)))
        }
        #expect(plan.jobs.count > 20)
        // A theme without one of them is refused before anything is drawn (`template-missing`),
        // not built with empty pages.
        #expect(Set(plan.jobs.map(\.template)).subtracting(TemplateSet.pageTemplates).isEmpty)
        for job in plan.jobs {
            // Ours with the page's values stacked as a build draws it, swift-mustache with them in one object.
            let frames = plan.frames(of: job)
            let ours = String(decoding: templates.render(job.template, frames), as: UTF8.self)
            let merged = frames.reduce(View()) { outer, inner in outer.merging(inner) { _, inner in inner } }
            var theirs = library.render(Self.mustacheValue(.object(merged)), withTemplate: job.template) ?? ""
            if !theirs.hasSuffix("\n") { theirs += "\n" }
            #expect(ours == theirs, "\(job.output) is drawn differently")
        }
    }

    // MARK: Random templates

    /// Random templates over random values, with every kind of tag, standalone lines and not,
    /// partials and parents: both engines must agree on each. Seeded, so a failure repeats.
    @Test func randomTemplatesAreDrawnAsSwiftMustacheDrawsThem() {
        var random = SeededGenerator(seed: 20_261_201)
        var disagreements: [String] = []
        var drawn = 0
        for _ in 0..<3000 {
            var generator = TemplateGenerator(random: random)
            let template = generator.template(depth: 0)
            let partial = generator.template(depth: 2, partials: false)
            let base = generator.base()
            let data = generator.data()
            random = generator.random
            let (ours, theirs) = Self.draw(template, data, partials: ["p": partial, "base": base])
            if ours != nil { drawn += 1 }
            if ours != theirs, disagreements.count < 5 {
                disagreements.append(
                    "\(template.debugDescription) with p = \(partial.debugDescription): \(ours.debugDescription) ≠ \(theirs.debugDescription)"
                )
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
        // Most of them are valid templates, not mistakes that both refuse.
        #expect(drawn > 2500)
    }
}

/// Random templates in the dialect both engines share, and values for them.
///
/// It leaves out what swift-mustache draws as a Swift description (a list or an object in a
/// variable tag) and what it indents differently from the Mustache specification (partials
/// standing alone on an indented line), where this engine follows the specification.
struct TemplateGenerator {
    var random: SeededGenerator

    private static let texts = ["a", "b c", " ", "  ", "\t", "\n", "\n", "\r\n", "<&>\"'", "{x", "}", "æø", "x\n  ", "\n\n"]
    private static let variables = ["s", "n", "t", "f", "o.s", ".s", "missing", "o.missing", "count(l)", "empty(l)", "i"]
    private static let sections = ["s", "t", "f", "o", "l", "e", "missing", "empty(l)", "empty(e)", "o.l", "first(l)", "n"]

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    private mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    mutating func template(depth: Int, partials: Bool = true) -> String {
        var text = ""
        for _ in 0..<Int(random.next() % 6) {
            text += piece(depth: depth, partials: partials)
        }
        return text
    }

    private mutating func piece(depth: Int, partials: Bool) -> String {
        switch random.next() % 12 {
        case 0, 1, 2: return pick(Self.texts)
        case 3: return "{{" + pick(Self.variables) + "}}"
        case 4: return chance(50) ? "{{{" + pick(Self.variables) + "}}}" : "{{& " + pick(Self.variables) + " }}"
        case 5, 6:
            guard depth < 3 else { return pick(Self.texts) }
            let name = pick(Self.sections)
            let open = chance(50) ? "#" : "^"
            let (before, after) = (pick(["", "\n", " ", "\n  "]), pick(["", "\n", "  \n"]))
            return before + "{{\(open)\(name)}}" + after + template(depth: depth + 1, partials: partials) + pick(["", "\n", " "])
                + "{{/\(name)}}" + pick(["", "\n", " \n"])
        case 7: return pick(["{{! c }}", "\n{{! c }}\n", " {{!\n}} "])
        case 8:
            guard partials else { return "{{" + pick(Self.variables) + "}}" }
            return pick(["x{{>p}}", "\n{{>p}}\n", "x{{> p }}y"])
        case 9:
            guard partials else { return pick(Self.texts) }
            return pick(["x", "\n"]) + "{{<base}}" + pick(["", "\n"]) + "{{$b1}}" + template(depth: 2, partials: false) + "{{/b1}}"
                + pick(["", "\n", "\n{{$b2}}" + pick(Self.texts) + "{{/b2}}\n"]) + "{{/base}}"
        case 10: return "{{#l}}" + pick(["{{#first()}}F{{/first()}}", "{{^last()}},{{/last()}}", "{{index()}}", "{{s}}"]) + "{{/l}}"
        default: return "{{#s}}{{.}}{{/s}}"
        }
    }

    mutating func base() -> String {
        pick(["", "x"]) + "{{$b1}}" + template(depth: 2, partials: false) + "{{/b1}}" + pick(["\n", "", "y"]) + "{{$b2}}d{{/b2}}"
            + pick(["", "\n"])
    }

    mutating func data() -> [String: TemplateValue] {
        func scalar(_ generator: inout TemplateGenerator) -> TemplateValue {
            generator.pick([.string("v<"), .string(""), .string("w\nz"), .int(3), .bool(true), .bool(false)])
        }
        // Every `s` is text, so that `{{#s}}{{.}}{{/s}}` never draws an object.
        var item: [String: TemplateValue] = [:]
        if chance(70) { item["s"] = pick([.string("v<"), .string(""), .string("w\nz")]) }
        for key in ["n", "t", "f"] where chance(70) { item[key] = scalar(&self) }
        var root: [String: TemplateValue] = [
            "s": .string(pick(["tekst & mer", "", "a\nb"])), "n": .int(Int(random.next() % 3)), "t": .bool(true), "f": .bool(false),
            "e": .list([]), "i": .int(7),
        ]
        root["o"] = .object(["s": pick([.string("o&"), .string("")]), "n": scalar(&self), "l": .list([.object(item)])])
        root["l"] = .list((0..<Int(random.next() % 4)).map { _ in .object(item) })
        if chance(30) { root["s"] = nil }
        return root
    }
}
