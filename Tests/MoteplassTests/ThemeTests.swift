import BuiltIn
import Foundation
import Publishing
import Rendering
import Testing

/// The built-in theme (made from `Templates/` at build time), a site's `Templates/` over it, and
/// `moteplass templates export`.
@Suite struct ThemeTests {
    /// Every file under `folder`, by its path in it, with its bytes.
    static func tree(_ folder: String) throws -> [String: Data] {
        var tree: [String: Data] = [:]
        for path in Support.files(in: folder) {
            tree[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
        }
        return tree
    }

    /// The clean fixture copied to `<temporary>/site/Content`, with nothing beside it.
    static func site() throws -> (root: String, content: String) {
        let root = try Support.temporaryFolder()
        try FileManager.default.createDirectory(atPath: root + "/site", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Support.fixture("clean"), toPath: root + "/site/Content")
        return (root, root + "/site/Content")
    }

    static func build(_ content: String, into output: String, templates: String? = nil) throws {
        var options = Pipeline.BuildOptions()
        options.content = content
        options.output = output
        options.templates = templates
        let result = try Pipeline.build(options)
        #expect(result.release != nil, "\(content) did not build")
    }

    @Test func theBuiltInThemeIsTheTemplatesFolderByteForByte() throws {
        let embedded = Dictionary(uniqueKeysWithValues: BuiltIn.theme.map { ($0.path, $0.contents) })
        #expect(embedded == (try Self.tree(Support.templates)))
        #expect(embedded["layout.mustache"] != nil && embedded["assets/style.css"] != nil)
    }

    @Test func withoutTemplatesTheBuildIsTheSameAsWithTheProjectsTemplates() throws {
        let (root, content) = try Self.site()
        defer { Support.removeTemporaryFolder(root) }
        #expect(
            Pipeline.templateSource(
                {
                    var o = Pipeline.BuildOptions(); o.content = content; return o
                }()) == .builtIn(overrides: nil))
        try Self.build(content, into: root + "/built-in")
        try Self.build(content, into: root + "/folder", templates: Support.templates)
        let builtIn = try Self.tree(root + "/built-in"), folder = try Self.tree(root + "/folder")
        #expect(builtIn.count > 50)
        #expect(builtIn.keys.sorted() == folder.keys.sorted())
        for (path, bytes) in builtIn where folder[path] != bytes {
            Issue.record("\(path) differs between the built-in theme and --templates Templates")
        }
    }

    /// `Templates/footer.mustache` beside the content replaces the theme's footer, and only it:
    /// every page is the page without it, with the footer's new line in it.
    @Test func aTemplatesFolderBesideTheContentOverridesOnePartial() throws {
        let (root, content) = try Self.site()
        defer { Support.removeTemporaryFolder(root) }
        try Self.build(content, into: root + "/before")
        let footer = try Support.read(Support.templates + "/footer.mustache")
        let closing = "</div>\n</footer>"
        let added = "<p class=\"eget\">Drevet av {{siteTitle}}</p>\n"
        try FileManager.default.createDirectory(atPath: root + "/site/Templates", withIntermediateDirectories: true)
        try Data(footer.replacingOccurrences(of: closing, with: added + closing).utf8)
            .write(to: URL(fileURLWithPath: root + "/site/Templates/footer.mustache"))
        #expect(
            Pipeline.templateSource(
                {
                    var o = Pipeline.BuildOptions(); o.content = content; return o
                }())
                == .builtIn(overrides: root + "/site/Templates"))
        try Self.build(content, into: root + "/after")
        let before = try Self.tree(root + "/before"), after = try Self.tree(root + "/after")
        #expect(before.keys.sorted() == after.keys.sorted())
        var changed = 0
        for (path, bytes) in before {
            let old = String(decoding: bytes, as: UTF8.self)
            let expected = old.replacingOccurrences(of: closing, with: "<p class=\"eget\">Drevet av Testplass</p>\n" + closing)
            if expected != old { changed += 1 }
            #expect(String(decoding: after[path] ?? Data(), as: UTF8.self) == expected, "\(path)")
        }
        #expect(changed > 20)
    }

    @Test func aMistakeInAnOverridingTemplateNamesItsFile() throws {
        let (root, content) = try Self.site()
        defer { Support.removeTemporaryFolder(root) }
        try FileManager.default.createDirectory(atPath: root + "/site/Templates", withIntermediateDirectories: true)
        try Data("<footer>{{> finnes-ikke}}</footer>\n".utf8).write(to: URL(fileURLWithPath: root + "/site/Templates/footer.mustache"))
        var options = Pipeline.BuildOptions()
        options.content = content
        options.output = root + "/public"
        let error = try #require(throws: Pipeline.UsageError.self) { try Pipeline.build(options) }
        #expect(error.diagnostics.map(\.short) == ["\(root)/site/Templates/footer.mustache:1:9 template-missing"])
        #expect(error.diagnostics.first?.message.contains("eller \(TemplateSet.builtInFolder)") == true)
        #expect(!FileManager.default.fileExists(atPath: root + "/public"))
    }

    @Test(arguments: [
        ("Content", "Templates"), ("Content/", "Templates"), ("site/Content", "site/Templates"), ("/a/b/", "/a/Templates"),
        (".", "./../Templates"), ("site/..", "site/../../Templates"),
    ])
    func theSitesTemplatesLieBesideTheContentFolder(content: String, templates: String) {
        #expect(Pipeline.siteTemplates(content: content) == templates)
    }

    @Test func theExportedThemeIsTheTemplatesFolder() throws {
        let root = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(root) }
        let result = try Support.run(["templates", "export", root + "/tema"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.tree(root + "/tema") == (try Self.tree(Support.templates)))
        // Into an empty folder too; and the export built with is the theme built in.
        try FileManager.default.createDirectory(atPath: root + "/tom", withIntermediateDirectories: true)
        #expect(try Support.run(["templates", "export", root + "/tom"]).status == 0)
        #expect(try Self.tree(root + "/tom") == (try Self.tree(Support.templates)))
    }

    @Test func exportRefusesAFolderThatIsNotEmpty() throws {
        let root = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(root) }
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: root + "/notat.txt"))
        let result = try Support.run(["templates", "export", root])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "feil: \(root): mappen finnes og er ikke tom (`notat.txt`); velg en ny eller tom mappe, så blir ingenting overskrevet\n")
        #expect(Support.files(in: root) == ["notat.txt"])
    }
}
