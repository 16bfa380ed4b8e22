import ArgumentParser
import Foundation
import Publishing

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lager et nytt innholdsrepository for en organisasjon, klart til å bygges.",
        discussion: """
            Skriver Content/ (site.yml med plassholdere, parties.yml, index.md, et eksempel på en anbefaling med status utkast \
            og NFAs vurderingsskjema), .github/workflows/ (kontroll av pull requests og publisering), .gitignore og README.md. \
            Mappen må være ny eller tom (ellers status 2, og ingenting skrives).
            """
    )

    @Argument(help: "Mappen det nye repositoriet skal ligge i.") var folder: String
    @Option(help: "Utgivelsesdatoen i site.yml (ÅÅÅÅ-MM-DD); uten den dagens dato.") var date: String?

    func run() throws {
        let releaseDate = date ?? Self.today()
        guard releaseDate.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil else {
            Terminal.error("feil: --date \(releaseDate): skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2026-01-15\n")
            Terminal.exit(2)
        }
        do {
            try NewFolder.write(Starter.files(releaseDate: releaseDate, toolVersion: moteplassVersion), to: folder)
        } catch {
            Terminal.error("feil: \(error.description)\n")
            Terminal.exit(2)
        }
        print("Skrev et nytt innholdsrepository i \(folder). Fyll inn plassholderne i \(folder)/Content/site.yml (se \(folder)/README.md).")
    }

    /// Today in Norway, where the editors are.
    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Oslo")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
