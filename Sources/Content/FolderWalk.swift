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
        /// An SVG or PNG file: the logo, when `site.yml` names it (`logo:`).
        case image
    }

    struct Entry: Sendable {
        /// Whether the file is read as Markdown with front matter (not a YAML file or an image).
        var isMarkdown: Bool { kind != .config && kind != .image }

        /// Where to open the file.
        let fileSystemPath: String
        /// As reached from the working directory.
        let path: String
        /// Inside the content folder.
        let relativePath: String
        let kind: Kind
    }

    let displayRoot: String
    private(set) var files: [Entry] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var visitedFolders: Set<String> = []
    private let realRoot: String

    /// `root` is the content folder as given; `displayRoot` the same without a trailing `/`.
    init(root: String, displayRoot: String) {
        self.displayRoot = displayRoot
        self.realRoot = Self.realPath(root) ?? root
    }

    mutating func run() {
        visit(folder: displayRoot, relative: [])
        files.sort { $0.relativePath < $1.relativePath }
    }

    /// The path with every symbolic link resolved, or `nil` when it does not lead anywhere.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private struct Unreadable: Error {
        let reason: String
    }

    /// What a folder entry is, as far as `readdir` tells without a `stat`.
    private enum EntryType {
        case file, folder, link, unknown
    }

    /// The entries in a folder (hidden ones left out), or the reason it cannot be read.
    private static func entries(in folder: String) -> Result<[(name: String, type: EntryType)], Unreadable> {
        guard let directory = opendir(folder) else { return .failure(Unreadable(reason: String(cString: strerror(errno)))) }
        defer { closedir(directory) }
        var entries: [(name: String, type: EntryType)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard !name.hasPrefix(".") else { continue }
            let type: EntryType =
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_REG): .file
                case Int32(DT_DIR): .folder
                case Int32(DT_LNK): .link
                default: .unknown
                }
            entries.append((name, type))
        }
        return .success(entries)
    }

    private mutating func visit(folder: String, relative: [String]) {
        guard visitedFolders.insert(Self.realPath(folder) ?? folder).inserted else { return }
        let entries: [(name: String, type: EntryType)]
        switch Self.entries(in: folder) {
        case .success(let found): entries = found
        case .failure(let error):
            let path = ([displayRoot] + relative).joined(separator: "/")
            diagnostics.append(Diagnostic(.fileUnreadable, at: .start(of: path), "mappen kan ikke leses: \(error.reason)"))
            return
        }
        for (name, type) in entries {
            let components = relative + [name]
            let relativePath = relative.isEmpty ? name : relative.joined(separator: "/") + "/" + name
            let path = displayRoot + "/" + relativePath
            var isFolder = type == .folder
            if type == .link || type == .unknown {
                var info = stat()
                if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                    // A link leading nowhere is reported as unreadable below.
                    if let target = Self.realPath(path), target != realRoot, !target.hasPrefix(realRoot + "/") {
                        let written = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? target
                        diagnostics.append(
                            Diagnostic(
                                .symlinkOutside, at: .start(of: path),
                                "`\(relativePath)` er en symbolsk lenke til `\(written)`, utenfor innholdsmappen; kopier filen inn i stedet"
                            ))
                        continue
                    }
                }
                guard stat(path, &info) == 0 else {
                    diagnostics.append(
                        Diagnostic(.fileUnreadable, at: .start(of: path), "`\(relativePath)` kan ikke leses (en brutt symbolsk lenke?)"))
                    continue
                }
                isFolder = info.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder {
                visit(folder: path, relative: components)
            } else if let kind = classify(components, path: path) {
                files.append(Entry(fileSystemPath: path, path: path, relativePath: relativePath, kind: kind))
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
        case 1 where name == "site.yml" || name == "parties.yml" || name == "synonyms.yml" || name == "tasks.yml": return .config
        case 1 where name == "index.md": return .index
        case _ where name.hasSuffix(".svg") || name.hasSuffix(".png"): return .image
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
                "`\(components.joined(separator: "/"))` ligger utenfor innholdsmappens oppsett og blir ikke brukt "
                    + "(se «Hvor filene ligger» i docs/redaktorveiledning.md)"))
        return nil
    }
}
