import Content
import Diagnostics
import Foundation
import Validation

/// One content file of any type, through the loader and the validator, in a small complete site.
///
/// The input's first byte picks the file (`files`, modulo their count), the rest is its bytes.
/// Every other file of the site is valid and refers to the others (parties, a set, a
/// recommendation that a meeting, a page and the front page link to), so the cross-file rules
/// have something to check. Each file type has its own copy of the site in `root`, so a run
/// writes one file and loads one folder.
///
/// What must hold: no crash or hang; every diagnostic's rule is in the catalogue, its message
/// is not empty, and its position lies inside its file (a line that exists, a column on it or
/// just after its end); a file with no error is in the site; no site only with an error.
public final class ContentFuzz: Sendable {
    /// Where each file type lies, and the valid text it has in the base site.
    static let files: [(path: String, text: String)] = [
        ("site.yml", "title: T\nbase_url: https://t.example/\nrelease: \"1\"\nrelease_date: 2020-01-01\norganisation: O\n"),
        (
            "parties.yml",
            "- id: fastlege\n  name: Fastlegen\n  aliases: [fastlege, fastlegen]\n- id: sykehus\n  name: Sykehuset\n  aliases: [sykehuset]\n- id: forum\n  name: Forumet\n"
        ),
        ("index.md", "---\ntitle: T\n---\nSe [rådet](id:S-01) og [siden](pages/p.md).\n"),
        ("recommendations/s/_set.md", "---\nid: S\ntitle: Sett\nstatus: vedtatt\nowner: forum\nadopted: 2019\n---\nOm [rådet](r.md).\n"),
        (
            "recommendations/s/r.md",
            """
            ---
            id: S-01
            title: Rådet
            version: 1.0.0
            status: vedtatt
            adopted: 2019-03
            owner: forum
            responsible:
              - party: fastlege
                duty: Bestiller **time**, se [siden](../../pages/p.md#om).
              - party: sykehus
                duty: Sender epikrisen.
            handover:
              - from: sykehus
                to: fastlege
                when: Ved utskrivning
            tags: [a, b]
            changelog:
              - version: 1.0.0
                date: 2019-03
                summary: Vedtatt.
            ---
            # Om

            | Hvem | Hva |
            |:-----|----:|
            | Fastlegen | bestiller |

            Sykehuset sender epikrisen til fastlegen.

            """
        ),
        (
            "meetings/2020-01-01-m.md",
            "---\nid: M-2020-01-01\ntitle: Møtet\ndate: 2020-01-01\nstart: \"08:00\"\nend: \"09:00\"\nrelated: [S-01]\nprogramme:\n  - time: 08:00–08:30\n    title: Velkommen\n---\nOm møtet.\n"
        ),
        (
            "checklists/c.md",
            "---\nid: c\ntitle: Skjema\nversion: 1.0.0\nstatus: vedtatt\nowner: forum\nquestions:\n  - id: a\n    text: Hva?\n    answer: text\n  - id: b\n    text: Klart?\n    answer: yes-no-unsure\n    required: false\n---\nSkjemaet.\n"
        ),
        ("pages/p.md", "---\ntitle: Om\norder: 1\n---\n## Om\n\nSe [rådet](../recommendations/s/r.md).\n"),
    ]

    /// The folder holding one site per file type, made by `init`.
    public let root: String

    /// The checker used by the harness: its sites in a folder of the temporary directory, removed
    /// when the fuzzer exits.
    static let shared: ContentFuzz = {
        do {
            let fuzz = try ContentFuzz(root: NSTemporaryDirectory() + "moteplass-fuzz-content-\(getpid())")
            atexit { try? FileManager.default.removeItem(atPath: ContentFuzz.shared.root) }
            return fuzz
        } catch {
            preconditionFailure("cannot write the fuzzed sites: \(error)")
        }
    }()

    /// Writes the sites into `root` (which the caller removes when done).
    public init(root: String) throws {
        self.root = root
        for kind in Self.files.indices {
            for (path, text) in Self.files {
                let url = URL(fileURLWithPath: "\(root)/\(kind)/\(path)")
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
        }
    }

    public func check(_ input: [UInt8]) throws(FuzzFailure) {
        guard let first = input.first else { return }
        let kind = Int(first) % Self.files.count
        let folder = "\(root)/\(kind)"
        let fuzzed = Self.files[kind].path
        let bytes = Array(input.dropFirst())
        guard (try? Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/\(fuzzed)"))) != nil else {
            preconditionFailure("cannot write \(folder)/\(fuzzed)")
        }
        let loaded: ContentLoader.Result
        do {
            loaded = try ContentLoader.load(from: folder)
        } catch {
            throw FuzzFailure("the folder could not be loaded: \(error.description)")
        }
        let diagnostics = loaded.diagnostics + (loaded.site.map { Validator.validate($0) } ?? [])
        if let site = loaded.site {
            _ = site.published(includeDrafts: false)
        }

        let rules = Set(Rule.catalogue.map(\.id))
        for diagnostic in diagnostics {
            guard rules.contains(diagnostic.rule) else { throw FuzzFailure("unknown rule in \(diagnostic)") }
            guard !diagnostic.message.isEmpty else { throw FuzzFailure("empty message in \(diagnostic)") }
            guard diagnostic.location.file.hasPrefix(folder + "/") else { throw FuzzFailure("file outside the site in \(diagnostic)") }
            let path = String(diagnostic.location.file.dropFirst(folder.count + 1))
            let text: String?
            if path == fuzzed {
                // As the loader reads it: a BOM is not a character of the first line.
                text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
            } else {
                text = Self.files.first { $0.path == path }?.text
            }
            if let text {
                try Expect.position(
                    line: diagnostic.location.line, column: diagnostic.location.column, in: Expect.lines(text), "\(diagnostic)")
            } else if (diagnostic.location.line, diagnostic.location.column) != (1, 1) {
                throw FuzzFailure("a file that is not there, but a position inside it: \(diagnostic)")
            }
        }

        let errors = diagnostics.filter { $0.severity == .error }
        guard let site = loaded.site else {
            if errors.isEmpty { throw FuzzFailure("no site, but no error either: \(diagnostics)") }
            return
        }
        // A file without errors is never left out.
        if fuzzed.hasSuffix(".md"), !errors.contains(where: { $0.location.file == "\(folder)/\(fuzzed)" }) {
            let documents =
                [site.index.document] + site.pages.map(\.document) + site.sets.map(\.document) + site.recommendations.map(\.document)
                + site.meetings.map(\.document) + site.checklists.map(\.document)
            if !documents.contains(where: { $0.relativePath == fuzzed }) {
                throw FuzzFailure("\(fuzzed) has no error but is not in the site: \(diagnostics)")
            }
        }
    }
}
