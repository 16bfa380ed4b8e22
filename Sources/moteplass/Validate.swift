import ArgumentParser
import Diagnostics
import Publishing

extension DiagnosticFormat: ExpressibleByArgument {}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Kontrollerer innholdet uten å skrive noe.",
        discussion:
            "Status 0: ingen feil (advarsler er lov uten --strict). 1: innholdet har feil. 2: feil bruk eller en mappe som ikke kan leses."
    )

    @Option(help: "Innholdsmappen.") var content = "Content"
    @Option(help: "Utdataformat: text, json eller github.") var format: DiagnosticFormat = .text
    @Flag(help: "Behandle advarsler som feil.") var strict = false

    func run() throws {
        let report: DiagnosticReport
        do {
            report = try Pipeline.check(content: content).report
        } catch {
            Terminal.fail(error)
        }
        print(report.formatted(format), terminator: "")
        if report.failed(strict: strict) { throw ExitCode(1) }
    }
}
