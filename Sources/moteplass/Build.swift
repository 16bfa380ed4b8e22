import ArgumentParser
import Diagnostics
import Publishing

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Kontrollerer innholdet og bygger utgaven fra site.yml inn i utmappen.",
        discussion:
            "Skriver ingenting når innholdet har feil (status 1). Status 2: feil bruk, en ødelagt mal eller en mappe som ikke kan skrives."
    )

    @Option(help: "Innholdsmappen.") var content = "Content"
    @Option(help: .theme) var templates: String?
    @Option(help: "Utmappen.") var output = "public"
    @Flag(help: "Ta med utkast (status utkast).") var drafts = false
    @Flag(help: "Behandle advarsler som feil.") var strict = false

    func run() throws {
        var options = Pipeline.BuildOptions()
        options.content = content
        options.templates = templates
        options.output = output
        options.includeDrafts = drafts
        options.strict = strict
        let result: Pipeline.BuildResult
        do {
            result = try Pipeline.build(options)
        } catch {
            Terminal.fail(error)
        }
        if !result.report.diagnostics.isEmpty {
            Terminal.error(result.report.formatted(.text))
        }
        guard let release = result.release else {
            Terminal.error("Ingenting ble skrevet: rett feilene over og bygg på nytt.\n")
            throw ExitCode(1)
        }
        print("Bygget utgave \(release): \(result.fileCount) filer i \(output)/v/\(release)/ og \(output)/latest/")
    }
}
