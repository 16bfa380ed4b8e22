import Diagnostics
import Foundation
import Publishing
import Rendering
import Testing

@Suite struct TemplateTests {
    /// A copy of the project's templates in a temporary folder, to break on purpose.
    static func copyOfTemplates() throws -> String {
        let folder = try Support.temporaryFolder() + "/Templates"
        try FileManager.default.copyItem(atPath: Support.templates, toPath: folder)
        return folder
    }

    @Test func theProjectsTemplatesLoad() throws {
        _ = try TemplateSet.load(from: Support.templates)
    }

    @Test func aSyntaxErrorNamesTheTemplateAndLine() throws {
        let folder = try Self.copyOfTemplates()
        defer { Support.removeTemporaryFolder(folder + "/..") }
        try Data("<p>\n{{#duties}}\n{{/dutie}}\n".utf8).write(to: URL(fileURLWithPath: folder + "/party.mustache"))
        let error = try #require(throws: TemplateSet.LoadError.self) { try TemplateSet.load(from: folder) }
        #expect(
            error.diagnostics.map(\.description) == [
                "\(folder)/party.mustache:3:1: error[template-syntax]: `{{/dutie}}` lukker ikke `{{#duties}}`, som må lukkes med `{{/duties}}` først"
            ])
    }

    @Test func aMissingPartialIsReportedWhereItIsUsed() throws {
        let folder = try Self.copyOfTemplates()
        defer { Support.removeTemporaryFolder(folder + "/..") }
        try FileManager.default.removeItem(atPath: folder + "/status-badge.mustache")
        let error = try #require(throws: TemplateSet.LoadError.self) { try TemplateSet.load(from: folder) }
        #expect(error.diagnostics.allSatisfy { $0.rule == "template-missing" })
        #expect(error.diagnostics.contains { $0.location.file == folder + "/recommendation.mustache" })
    }

    @Test func aMissingPageTemplateIsReported() throws {
        let folder = try Self.copyOfTemplates()
        defer { Support.removeTemporaryFolder(folder + "/..") }
        try FileManager.default.removeItem(atPath: folder + "/meeting.mustache")
        let error = try #require(throws: TemplateSet.LoadError.self) { try TemplateSet.load(from: folder) }
        #expect(error.diagnostics.map(\.short) == ["\(folder)/meeting.mustache:1:1 template-missing"])
    }

    /// The layout gets the header as `headerHTML`, so no partial reference finds it missing.
    @Test func aMissingHeaderIsReported() throws {
        let folder = try Self.copyOfTemplates()
        defer { Support.removeTemporaryFolder(folder + "/..") }
        try FileManager.default.removeItem(atPath: folder + "/header.mustache")
        let error = try #require(throws: TemplateSet.LoadError.self) { try TemplateSet.load(from: folder) }
        #expect(
            error.diagnostics.map(\.description) == [
                "\(folder)/header.mustache:1:1: error[template-missing]: malen `header.mustache` mangler; den gir toppen av hver side"
            ])
    }

    @Test func anEditedTemplateChangesTheSiteWithoutSwift() throws {
        let folder = try Self.copyOfTemplates()
        let output = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(folder + "/.."); Support.removeTemporaryFolder(output) }
        let footer = try String(contentsOfFile: folder + "/footer.mustache", encoding: .utf8)
        try Data(footer.replacingOccurrences(of: "</footer>", with: "<p>Redigert av redaktøren</p></footer>").utf8)
            .write(to: URL(fileURLWithPath: folder + "/footer.mustache"))
        try Support.build(content: Support.fixture("clean"), output: output, templates: folder)
        #expect(try Support.read(output + "/latest/index.html").contains("<p>Redigert av redaktøren</p>"))
    }

    @Test func aBrokenTemplateStopsTheBuildBeforeAnythingIsWritten() throws {
        let folder = try Self.copyOfTemplates()
        let output = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(folder + "/.."); Support.removeTemporaryFolder(output) }
        try Data("{{#x}}".utf8).write(to: URL(fileURLWithPath: folder + "/layout.mustache"))
        #expect(throws: Pipeline.UsageError.self) {
            try Support.build(content: Support.fixture("clean"), output: output, templates: folder)
        }
        #expect(Support.files(in: output).isEmpty)
    }
}
