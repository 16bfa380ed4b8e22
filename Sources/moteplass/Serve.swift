import ArgumentParser
import Dispatch
import Foundation
import Preview
import Publishing

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Forhåndsviser nettstedet på 127.0.0.1 og bygger det på nytt når innholdet eller malene endres.",
        discussion: """
            Skriver ingenting (heller ikke i public/): sidene lages når de blir bedt om. Åpne sider lastes på nytt når en fil lagres; \
            har innholdet feil, viser sidene forrige gode utgave med feilene over. Stopp med Ctrl-C. \
            Status 2: porten er i bruk, eller mappene finnes ikke.
            """
    )

    @Option(help: "Innholdsmappen.") var content = "Content"
    @Option(help: .theme) var templates: String?
    @Option(help: "Porten på 127.0.0.1.") var port: UInt16 = 8000
    @Flag(inversion: .prefixedNo, help: "Vis utkast (status utkast), med banneret sitt.") var drafts = true
    @Flag(help: "Se etter endringer hvert 100. ms i stedet for med inotify (for mapper på nettverksdisk).") var poll = false

    func run() async throws {
        for (folder, option) in [(content, "--content"), (templates, "--templates")] {
            guard let folder, !LocalFileSystem().isDirectory(folder) else { continue }
            Terminal.error("feil: mappen \(folder) finnes ikke (angi en annen med \(option))\n")
            Terminal.exit(2)
        }
        var options = PreviewServer.Options()
        options.content = content
        options.templates = templates
        options.port = port
        options.includeDrafts = drafts
        options.polling = poll
        let server = PreviewServer(options) { Terminal.error($0) }
        // Ctrl-C (and a polite kill) stop the preview.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let stops = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        for stop in stops {
            stop.setEventHandler {
                Terminal.error("Stoppet.\n")
                Terminal.exit(0)
            }
            stop.resume()
        }
        do {
            try await server.run { address in
                print("Forhåndsvisning på \(address) (Ctrl-C stopper)")
                fflush(nil)
            }
        } catch {
            Terminal.error("feil: \(error.description)\n")
            Terminal.exit(2)
        }
        // The signal sources must live as long as the server (an optimised build would end
        // their lifetime after their last use above).
        withExtendedLifetime(stops) {}
    }
}
