import Diagnostics
import Templating

/// The template engine on any text: parsed, checked and, when that succeeds, drawn with a
/// fixed view of every kind of value. Whether the output is what swift-mustache draws is
/// `TemplatingTests`' question; this asks whether any text can break the engine.
///
/// The input is up to four templates separated by NUL bytes: `main`, `a`, `b` and `layout`,
/// which may include each other. What must hold: no crash or hang; a template the library
/// refuses has at least one diagnostic, each in one of the templates at a line and column that
/// exist; one it accepts draws every template, as valid UTF-8, the same twice.
public enum TemplateFuzz {
    static let names = ["main", "a", "b", "layout"]

    static let view: [String: TemplateValue] = {
        let item: [String: TemplateValue] = ["name": .string("første"), "n": .int(1), "flag": .bool(true), "list": .list([])]
        let other: [String: TemplateValue] = ["name": .string("<b>&\"'"), "n": .int(0), "flag": .bool(false)]
        return [
            "a": .string("æøå 😀"), "b": .bool(true), "c": .bool(false), "n": .int(3), "z": .int(0), "m": .int(-1),
            "x": .string(""), "html": .string("<i>&amp;\"'</i>"),
            "list": .list([.object(item), .object(other)]), "items": .list([.string("en"), .string("to")]), "empty": .list([]),
            "obj": .object(["name": .string("navn"), "inner": .object(["deep": .string("dypt")]), "list": .list([.int(1), .int(2)])]),
        ]
    }()

    public static func check(_ input: [UInt8]) throws(FuzzFailure) {
        let texts = input.split(separator: 0, maxSplits: names.count - 1, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        let sources = zip(names, texts).map { TemplateLibrary.Source(name: $0, path: "\($0).mustache", text: $1) }
        let library: TemplateLibrary
        do {
            library = try TemplateLibrary(sources, folder: "Maler")
        } catch {
            guard !error.diagnostics.isEmpty else { throw FuzzFailure("refused without a diagnostic") }
            for diagnostic in error.diagnostics {
                guard let source = sources.first(where: { $0.path == diagnostic.location.file }) else {
                    throw FuzzFailure("a diagnostic in no template: \(diagnostic)")
                }
                try Expect.position(
                    line: diagnostic.location.line, column: diagnostic.location.column, in: Expect.lines(source.text, carriageReturns: false),
                    "\(diagnostic)")
            }
            return
        }
        // Sections over lists and partials drawn several times multiply the output; a template
        // text with many of them may rightly take longer than a fuzzer waits.
        let multipliers = input.count(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "<") })
        guard multipliers <= 12 else { return }
        for source in sources {
            guard let drawn = library.render(source.name, view) else { throw FuzzFailure("\(source.name) was accepted but not drawn") }
            guard String(validating: drawn, as: UTF8.self) != nil else { throw FuzzFailure("\(source.name) was drawn as invalid UTF-8") }
            guard library.render(source.name, [view, ["a": .string("indre")]]) != nil, library.render(source.name, view) == drawn else {
                throw FuzzFailure("\(source.name) was drawn differently the second time")
            }
        }
    }
}
