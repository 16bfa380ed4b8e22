import ArgumentParser

/// `moteplass`: builds and checks the Møteplass Oslo site (SPEC §4).
@main
struct Moteplass: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moteplass",
        abstract: "Bygger og kontrollerer nettstedet for Møteplass Oslo.",
        version: "moteplass \(moteplassVersion)",
        subcommands: [Build.self, Validate.self, Serve.self, New.self, Publish.self, Init.self, Templates.self]
    )
}
