import ArgumentParser
import Diagnostics
import Foundation
import Publishing

struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Bygger utgaven fra site.yml inn i det publiserte nettstedet i en git-gren og sender det (til GitHub Pages eller en webserver).",
        discussion: """
            Kjøres i en klone av innholdsrepoet. Henter grenen (første gang lages den), legger filene dens i utmappen, bygger \
            utgaven inn i dem slik build gjør (tidligere utgaver blir liggende urørt), committer og sender grenen uten --force. \
            Er grenen endret av en annen publisering i mellomtiden, prøves det på nytt. \
            Status 1: innholdet har feil (ingenting sendt). 2: feil bruk, en ødelagt mal, en mappe som ikke kan skrives, eller en git-kommando som mislyktes.
            """
    )

    @Option(help: "Innholdsmappen.") var content = "Content"
    @Option(help: .theme) var templates: String?
    @Option(help: "Utmappen: tømmes og får grenens filer og den nye utgaven.") var output = "public"
    @Option(help: "Grenen nettstedet publiseres i.") var branch = "gh-pages"
    @Option(help: "Git-remoten grenen hentes fra og sendes til.") var remote = "origin"

    func run() throws {
        var options = GitPublish.Options()
        options.build.content = content
        options.build.templates = templates
        options.build.output = output
        options.branch = branch
        options.remote = remote
        let outcome: GitPublish.Outcome
        do {
            // Each step is printed as it starts, before what git or the build may say on stderr.
            outcome = try GitPublish.publish(
                options,
                log: {
                    print($0)
                    fflush(nil)
                }, report: { Terminal.error($0.formatted(.text)) })
        } catch {
            for diagnostic in error.diagnostics.sorted() { Terminal.error(diagnostic.description + "\n") }
            Terminal.error("feil: \(error.description)\nIngenting ble publisert av denne kjøringen.\n")
            Terminal.exit(2)
        }
        switch outcome {
        case .published(let release, let commit, let files):
            print(
                "Publiserte utgave \(release) (\(files) filer) på \(remote)/\(branch) som \(commit.prefix(12)); hele nettstedet ligger i \(output)/."
            )
        case .unchanged(let release):
            print("Utgave \(release) var allerede publisert slik; \(remote)/\(branch) er som før.")
        case .contentErrors:
            Terminal.error("Ingenting ble publisert: rett feilene over og publiser på nytt.\n")
            throw ExitCode(1)
        }
    }
}
