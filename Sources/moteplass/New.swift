import ArgumentParser
import Content
import Foundation
import Publishing

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lager en ny fil for en anbefaling eller et møte, med alle påkrevde felter fylt ut.",
        discussion: "Det som må fylles inn, meldes av `moteplass validate` til det er gjort. En fil som finnes, blir aldri overskrevet.",
        subcommands: [NewRecommendation.self, NewMeeting.self]
    )
}

struct NewRecommendation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommendation", abstract: "En ny anbefaling i et sett, med settets neste id og status utkast.")

    @Option(help: "Innholdsmappen.") var content = "Content"
    @Option(help: "Settet (mappenavnet under recommendations/, f.eks. fastlege-sykehus).") var set: String
    @Option(help: "Tittelen; filnavnet lages av den (æ→ae, ø→o, å→a).") var title: String
    @Option(help: "Datoen for endringsloggens første linje (ÅÅÅÅ-MM-DD); uten den skrives ingen dato.") var date: String?

    func run() throws {
        let site = NewFile.site(content)
        NewFile.write(into: content) { () throws(NewContent.Refusal) in
            try NewContent.recommendation(in: site, set: set, title: title, date: date)
        }
    }
}

struct NewMeeting: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "meeting", abstract: "Et nytt møte på en dato.")

    @Option(help: "Innholdsmappen.") var content = "Content"
    @Option(help: "Møtedatoen (ÅÅÅÅ-MM-DD).") var date: String
    @Option(help: "Tittelen; filnavnet lages av datoen og den.") var title: String

    func run() throws {
        let site = NewFile.site(content)
        NewFile.write(into: content) { () throws(NewContent.Refusal) in try NewContent.meeting(in: site, date: date, title: title) }
    }
}

enum NewFile {
    static func site(_ content: String) -> Site {
        let loaded: ContentLoader.Result
        do {
            loaded = try ContentLoader.load(from: content)
        } catch {
            Terminal.error("feil: \(error.description)\n")
            Terminal.exit(2)
        }
        guard let site = loaded.site else {
            Terminal.error("feil: \(content)/site.yml eller index.md kan ikke leses; kjør `moteplass validate` og rett feilene først\n")
            Terminal.exit(2)
        }
        return site
    }

    static func write(into content: String, _ make: () throws(NewContent.Refusal) -> NewContent.File) {
        do {
            let file = try make()
            try NewContent.write(file, into: content)
            print("Skrev \(content)/\(file.path). Fyll inn det `moteplass validate` melder, og sett status når teksten er klar.")
        } catch {
            Terminal.error("feil: \(error.description)\n")
            Terminal.exit(2)
        }
    }
}
