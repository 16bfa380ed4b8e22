import Foundation
import Testing

/// The `moteplass` executable as CI and editors call it: output formats and exit statuses (SPEC §4).
@Suite struct CommandLineTests {
    static let broken: [String: String] = [
        "recommendations/s/r.md":
            "---\nid: MO-T-01\ntitle: T\nversion: 1.0\nstatus: vedtatt\nadopted: 2017\nowner: forum\nresponsible:\n  - party: fastlege\n---\nTekst.\n"
    ]

    @Test func validatePrintsCompilerStyleDiagnosticsAndExitsWithOne() throws {
        let content = try Support.contentFolder(Support.minimalSite.merging(Self.broken) { _, new in new })
        defer { Support.removeTemporaryFolder(content) }
        let result = try Support.run(["validate", "--content", content])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                \(content)/recommendations/s/r.md:9:5: error[responsible-duty-missing]: punktet for `fastlege` mangler `duty:`; legg til `duty:` med hva fastlegen skal gjøre
                1 feil, 0 advarsler i 5 filer

                """)
    }

    @Test func validateSpeaksJSONAndGitHub() throws {
        let content = try Support.contentFolder(Support.minimalSite.merging(Self.broken) { _, new in new })
        defer { Support.removeTemporaryFolder(content) }
        let json = try Support.run(["validate", "--content", content, "--format", "json"])
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["errors"] as? Int == 1)
        #expect(object?["warnings"] as? Int == 0)
        let first = (object?["diagnostics"] as? [[String: Any]])?.first
        #expect(first?["line"] as? Int == 9)
        #expect(first?["column"] as? Int == 5)
        #expect(first?["rule"] as? String == "responsible-duty-missing")
        #expect(first?["severity"] as? String == "error")
        let github = try Support.run(["validate", "--content", content, "--format", "github"])
        #expect(
            github.stdout.hasPrefix(
                "::error file=\(content)/recommendations/s/r.md,line=9,col=5,title=responsible-duty-missing::punktet for `fastlege`"))
    }

    @Test func buildWithContentErrorsWritesNothing() throws {
        let content = try Support.contentFolder(Support.minimalSite.merging(Self.broken) { _, new in new })
        let output = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(content); Support.removeTemporaryFolder(output) }
        let result = try Support.run(["build", "--content", content, "--output", output + "/public", "--templates", Support.templates])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[responsible-duty-missing]"))
        #expect(!FileManager.default.fileExists(atPath: output + "/public"))
    }

    @Test func buildWithContentErrorsLeavesAnEarlierBuildExactlyAsItWas() throws {
        let output = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(output) }
        let first = try Support.run(
            ["build", "--content", Support.fixture("clean"), "--output", output, "--templates", Support.templates])
        #expect(first.status == 0)
        func snapshot() throws -> [String: Data] {
            try Dictionary(
                uniqueKeysWithValues: Support.files(in: output).map { ($0, try Data(contentsOf: URL(fileURLWithPath: output + "/" + $0))) })
        }
        let before = try snapshot()
        #expect(before.keys.contains("latest/index.html"))
        let broken = try Support.run(["build", "--content", Support.fixture("rules"), "--output", output, "--templates", Support.templates])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("error[responsible-missing]"))
        #expect(try snapshot() == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: output).sorted() == [
                "404.html", "index.html", "latest", "v", "versions.json",
            ])
    }

    @Test func theRealContentValidatesAndBuilds() throws {
        let output = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(output) }
        // No errors, and only the warnings that are true of the source material: it records no
        // body that anchored MO-FS-07 (`endorsement-missing`), and the checklist is `høring`
        // (SPEC §3.4) with no deadline or address for answers, which are not to be invented
        // (`hearing-missing`).
        let validate = try Support.run(["validate", "--content", Support.realContent, "--format", "json"])
        #expect(validate.status == 0, "\(validate.stdout)")
        let report = try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [String: Any]
        let diagnostics = (report?["diagnostics"] as? [[String: Any]] ?? []).map {
            "\(($0["file"] as? String ?? "").dropFirst(Support.realContent.count + 1)) \($0["rule"] as? String ?? "")"
        }
        #expect(
            diagnostics == [
                "checklists/omfordeling-av-oppgaver.md hearing-missing",
                "recommendations/fastlege-sykehus/timebestilling.md endorsement-missing",
            ])
        let build = try Support.run(["build", "--content", Support.realContent, "--output", output, "--templates", Support.templates])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: output + "/latest/index.html"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let missing = try Support.run(["validate", "--content", "/finnes/ikke"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("innholdsmappen `/finnes/ikke` finnes ikke"))
        let badTemplates = try Support.run([
            "build", "--content", Support.realContent, "--templates", "/finnes/ikke", "--output", "/tmp/ubrukt",
        ])
        #expect(badTemplates.status == 2)
        let unknownFormat = try Support.run(["validate", "--format", "xml"])
        #expect(unknownFormat.status != 0)
    }

    /// `--version` prints the one version constant, as the release archive is named after it.
    @Test func versionPrintsTheVersionConstant() throws {
        let source = try String(
            contentsOf: Support.packageRoot.appendingPathComponent("Sources/moteplass/Version.swift"), encoding: .utf8)
        let line = try #require(source.split(separator: "\n").first { $0.hasPrefix("let moteplassVersion = ") })
        let version = line.split(separator: "\"")[1]
        #expect(version.split(separator: ".").count == 3 && version.allSatisfy { $0.isNumber || $0 == "." })
        let result = try Support.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "moteplass \(version)\n")
    }

    @Test func anOutputFolderWithOtherFilesIsRefused() throws {
        let output = try Support.temporaryFolder()
        defer { Support.removeTemporaryFolder(output) }
        try Data("viktig".utf8).write(to: URL(fileURLWithPath: output + "/notater.txt"))
        let result = try Support.run(["build", "--content", Support.realContent, "--output", output, "--templates", Support.templates])
        #expect(result.status == 2)
        #expect(try Support.read(output + "/notater.txt") == "viktig")
        #expect(Support.files(in: output) == ["notater.txt"])
    }
}
