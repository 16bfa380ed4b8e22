import Diagnostics
import Foundation

/// Lists the files of a content folder and says what each one is (SPEC §3 layout).
///
/// Hidden files are ignored; files in unexpected places are reported, as are names that are
/// not slugs and symbolic links that lead out of the folder.
struct FolderWalk {
    enum Kind: Sendable, Equatable {
        case config
        case index
        case set(String)
        case recommendation(String)
        case meeting
        case checklist
        case page
    }

    struct Entry: Sendable {
        let url: URL
        /// As reached from the working directory.
        let path: String
        /// Inside the content folder.
        let relativePath: String
        let kind: Kind
    }

    let root: URL
    let displayRoot: String
    private(set) var files: [Entry] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var visitedFolders: Set<String> = []
    private let realRoot: String

    init(root: URL, displayRoot: String) {
        self.root = root
        self.displayRoot = displayRoot
        self.realRoot = root.resolvingSymlinksInPath().path
    }

    mutating func run() {
        visit(folder: root, relative: [])
        files.sort { $0.relativePath < $1.relativePath }
    }

    private mutating func visit(folder: URL, relative: [String]) {
        let real = folder.resolvingSymlinksInPath().path
        guard visitedFolders.insert(real).inserted else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            let path = ([displayRoot] + relative).joined(separator: "/")
            diagnostics.append(Diagnostic(.fileUnreadable, at: .start(of: path), "mappen kan ikke leses: \(error.localizedDescription)"))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            let components = relative + [name]
            let relativePath = components.joined(separator: "/")
            let path = displayRoot + "/" + relativePath
            let filePath = folder.path + "/" + name
            var info = stat()
            if lstat(filePath, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                let target = url.resolvingSymlinksInPath().path
                guard target == realRoot || target.hasPrefix(realRoot + "/") else {
                    let written = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? target
                    diagnostics.append(
                        Diagnostic(
                            .symlinkOutside, at: .start(of: path),
                            "`\(relativePath)` er en symbolsk lenke til `\(written)`, utenfor innholdsmappen; kopier filen inn i stedet"))
                    continue
                }
            }
            guard stat(filePath, &info) == 0 else {
                diagnostics.append(
                    Diagnostic(.fileUnreadable, at: .start(of: path), "`\(relativePath)` kan ikke leses (en brutt symbolsk lenke?)"))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                visit(folder: url, relative: components)
            } else if let kind = classify(components, path: path) {
                files.append(Entry(url: url, path: path, relativePath: relativePath, kind: kind))
            }
        }
    }

    /// What a file is, from where it lies; `nil` (with a diagnostic) when it has no place in the layout.
    private mutating func classify(_ components: [String], path: String) -> Kind? {
        let name = components.last ?? ""
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        func slugged(_ kind: Kind, _ names: [String]) -> Kind? {
            for part in names where !Slug.isValid(part) {
                diagnostics.append(
                    Diagnostic(
                        .fileNameInvalid, at: .start(of: path),
                        "navnet `\(part)` er ikke en slug; bruk små bokstaver a–z, tall og bindestrek, f.eks. `\(Slug.suggest(part))`"))
                return nil
            }
            return kind
        }
        switch components.count {
        case 1 where name == "site.yml" || name == "parties.yml": return .config
        case 1 where name == "index.md": return .index
        case 2 where name.hasSuffix(".md"):
            switch components[0] {
            case "meetings": return slugged(.meeting, [stem])
            case "checklists": return slugged(.checklist, [stem])
            case "pages": return slugged(.page, [stem])
            default: break
            }
        case 3 where components[0] == "recommendations" && name.hasSuffix(".md"):
            let set = components[1]
            return name == "_set.md" ? slugged(.set(set), [set]) : slugged(.recommendation(set), [set, stem])
        default: break
        }
        diagnostics.append(
            Diagnostic(
                .fileUnexpected, at: .start(of: path),
                "`\(components.joined(separator: "/"))` ligger utenfor innholdsmappens oppsett og blir ikke brukt (se README: «Innhold»)"))
        return nil
    }
}
