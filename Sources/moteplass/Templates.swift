import ArgumentParser
import BuiltIn
import Publishing

struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Det innebygde temaet: maler, stilark og skript.",
        subcommands: [TemplatesExport.self]
    )
}

struct TemplatesExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Skriver det innebygde temaet ut i en mappe, som utgangspunkt for et eget utseende.",
        discussion: """
            Legg filene du endrer i Templates/ ved siden av innholdsmappen (de erstatter temaets filer med samme navn), \
            eller bruk hele mappen med --templates. Mappen må være ny eller tom (ellers status 2, og ingenting skrives).
            """
    )

    @Argument(help: "Mappen temaet skrives til.") var folder: String

    func run() throws {
        do {
            try NewFolder.write(BuiltIn.theme, to: folder)
        } catch {
            Terminal.error("feil: \(error.description)\n")
            Terminal.exit(2)
        }
        print("Skrev det innebygde temaet (\(BuiltIn.theme.count) filer) til \(folder).")
    }
}
