import BuiltIn
import Foundation
import Publishing
import Testing

/// `moteplass init`; Tests/Init/check.py checks the rest from the outside (the pages with the
/// Nu HTML Checker, the workflows parsed and their download step run).
@Suite struct InitTests {
    @Test func aNewRepositoryValidatesWithOnlyItsPlaceholdersAndTheChecklistsHearingAndBuildsWithoutTemplates() throws {
        let root = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(root) }
        let made = try Support.run(["init", "ny", "--date", "2026-01-15"], in: root)
        #expect(made.status == 0, "\(made.stderr)")
        let validated = try Support.run(["validate", "--content", "ny/Content"], in: root)
        #expect(validated.status == 0)
        let lines = validated.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6 && lines.last == "0 feil, 5 advarsler i 6 filer")
        // The checklist is `høring`, and the source material gives no deadline: a warning to fill in too.
        #expect(lines.first?.hasPrefix("ny/Content/checklists/omfordeling-av-oppgaver.md:5:9: warning[hearing-missing]: ") == true)
        for (line, number) in zip(lines.dropFirst(), [4, 5, 6, 10]) {
            #expect(line.hasPrefix("ny/Content/site.yml:\(number):") && line.contains(": warning[site-placeholder]: "), "\(line)")
        }
        #expect(try Support.run(["validate", "--content", "ny/Content", "--strict"], in: root).status == 1)
        #expect(
            !FileManager.default.fileExists(atPath: root + "/Templates") && !FileManager.default.fileExists(atPath: root + "/ny/Templates"))
        let built = try Support.run(["build", "--content", "ny/Content", "--output", "public"], in: root)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(FileManager.default.fileExists(atPath: root + "/public/v/0.1/sjekkliste/omfordeling-av-oppgaver/index.html"))
        #expect(!FileManager.default.fileExists(atPath: root + "/public/v/0.1/anbefalinger/eksempel/eksempel-pa-anbefaling/index.html"))
        let drafts = try Support.run(["build", "--content", "ny/Content", "--output", "drafts", "--drafts"], in: root)
        #expect(drafts.status == 0)
        let example = try Support.read(root + "/drafts/v/0.1/anbefalinger/eksempel/eksempel-pa-anbefaling/index.html")
        #expect(example.contains("Dette er et eksempel, laget av <code>moteplass init</code>"))
    }

    @Test func theFilesComeFromInitFilesWithTheirFieldsFilledIn() throws {
        let files = Starter.files(releaseDate: "2026-01-15", toolVersion: "9.8.7")
        #expect(files.map(\.path) == BuiltIn.starter.map(\.path))
        let text = Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
        #expect(text["Content/site.yml"]?.contains("release_date: 2026-01-15\n") == true)
        #expect(text[".github/workflows/validate.yml"]?.contains("MOTEPLASS_VERSION: \"9.8.7\"") == true)
        #expect(text[".github/workflows/publish.yml"]?.contains("/download/v9.8.7\n") == true)
        #expect(!text.values.contains { $0.contains("{{release_date}}") || $0.contains("{{moteplass_version}}") })
        #expect(text.keys.contains(".gitignore") && text["README.md"]?.contains("redaktorveiledning.md") == true)
    }

    @Test func initRefusesAFolderThatIsNotEmptyAndWritesNothing() throws {
        let root = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(root) }
        try FileManager.default.createDirectory(atPath: root + "/finnes/Content", withIntermediateDirectories: true)
        let result = try Support.run(["init", "finnes"], in: root)
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "feil: finnes: mappen finnes og er ikke tom (`Content`); velg en ny eller tom mappe, så blir ingenting overskrevet\n")
        #expect(Support.files(in: root) == [])
        #expect((try FileManager.default.contentsOfDirectory(atPath: root)) == ["finnes"])
        try Data().write(to: URL(fileURLWithPath: root + "/fil"))
        let file = try Support.run(["init", "fil"], in: root)
        #expect(file.status == 2 && file.stderr == "feil: fil: finnes allerede og er en fil, ikke en mappe; velg et annet navn\n")
    }

    @Test func initWritesIntoAnEmptyFolder() throws {
        let root = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(root) }
        try FileManager.default.createDirectory(atPath: root + "/tom", withIntermediateDirectories: true)
        #expect(try Support.run(["init", "tom"], in: root).status == 0)
        #expect(Support.files(in: root + "/tom").count == BuiltIn.starter.count)
        #expect((try FileManager.default.contentsOfDirectory(atPath: root)) == ["tom"])
    }
}
