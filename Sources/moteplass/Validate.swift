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
        do {
            let (site, report) = try Pipeline.check(content: content)
            print(report.formatted(format), terminator: "")
            // Exit while the site is still held: freeing 10,000 recommendations one by one would
            // take longer than printing, and the process ends anyway.
            withExtendedLifetime(site) {
                Terminal.exit(report.failed(strict: strict) ? 1 : 0)
            }
        } catch {
            Terminal.fail(error)
        }
    }
}
