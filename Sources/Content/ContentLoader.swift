import Diagnostics
import Foundation
import Synchronization

/// Reads a content folder (SPEC §3) into a `Site`, collecting every problem on the way.
///
/// A bad file never stops the loading of the others, and is never skipped silently: each
/// problem becomes a positioned diagnostic. The site is assembled from whatever could be
/// decoded, so the cross-file rules still run; any error stops a build.
public enum ContentLoader {
    /// The outcome of loading: the site (as far as it could be decoded) and all diagnostics.
    public struct Result: Sendable {
        /// `nil` only when `site.yml` or `index.md` could not be decoded.
        public let site: Site?
        public let diagnostics: [Diagnostic]
        /// How many files were read (for the summary line).
        public let fileCount: Int
    }

    /// A problem that stops loading before any file is read (exit status 2).
    public struct FolderError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Loads the folder at `contentPath` (as given on the command line, e.g. `Content`).
    /// `cache` keeps each file's decoded value from one load to the next (the preview loads the
    /// folder again on every change): a file whose size, modification time and inode are the same
    /// is not read and decoded again.
    public static func load(from contentPath: String, cache: Cache? = nil) throws(FolderError) -> Result {
        let displayRoot = contentPath.count > 1 && contentPath.hasSuffix("/") ? String(contentPath.dropLast()) : contentPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentPath, isDirectory: &isDirectory) else {
            throw FolderError(description: "innholdsmappen `\(contentPath)` finnes ikke (angi en annen med --content)")
        }
        guard isDirectory.boolValue else {
            throw FolderError(description: "`\(contentPath)` er ikke en mappe (angi innholdsmappen med --content)")
        }
        var walk = FolderWalk(root: contentPath, displayRoot: displayRoot)
        walk.run()
        var diagnostics = walk.diagnostics
        let files = walk.files

        // site.yml and parties.yml first: the other files' messages name parties.
        func find(_ name: String) -> FolderWalk.Entry? { files.first { $0.relativePath == name } }
        func require(_ name: String, _ what: String) -> FolderWalk.Entry? {
            if let entry = find(name) { return entry }
            diagnostics.append(
                Diagnostic(
                    .fileMissing, at: .start(of: displayRoot + "/" + name),
                    "filen `\(name)` mangler i innholdsmappen; den skal inneholde \(what)"))
            return nil
        }
        let configFile = require("site.yml", "nettstedets navn, adresse og utgivelse (se README)")
        let partiesFile = require("parties.yml", "listen over ansvarlige parter (se README)")
        _ = require("index.md", "forsidens tekst med front matter (`title:`)")

        var config: SiteConfig?
        if let configFile {
            config = decodeYAML(configFile, into: &diagnostics) { node, file in
                var reader = FieldReader(node, path: file.path, what: "site.yml")
                let value = SiteConfig.decode(&reader)
                reader.finish()
                return (value, reader.diagnostics)
            }.flatMap { $0 }
        }
        var parties: [Party] = []
        if let partiesFile {
            parties =
                decodeYAML(partiesFile, into: &diagnostics) { node, file -> ([Party], [Diagnostic]) in
                    guard case .sequence(let items, _) = node else {
                        let location = node?.location ?? .start(of: file.path)
                        return (
                            [],
                            [Diagnostic(.fieldType, at: location, "parties.yml skal være en liste der hvert punkt har `id:` og `name:`")]
                        )
                    }
                    var found: [Party] = []
                    var problems: [Diagnostic] = []
                    for item in items {
                        var reader = FieldReader(item, path: file.path, what: "hver part i parties.yml")
                        let party = Party.decode(&reader)
                        reader.finish()
                        problems += reader.diagnostics
                        if let party { found.append(party) }
                    }
                    return (found, problems)
                } ?? []
        }
        let synonyms = find("synonyms.yml").flatMap { decodeYAML($0, into: &diagnostics, Synonyms.decode) } ?? []
        let tasksFile = find("tasks.yml")
        let tasks = tasksFile.map { decodeYAML($0, into: &diagnostics, NamedTask.decodeList) ?? [] }
        let partyNames = Dictionary(parties.map { ($0.id.value, $0.name.value) }, uniquingKeysWith: { a, _ in a })

        // Every Markdown file, decoded on all cores.
        let decodedFiles = files.filter(\.isMarkdown).concurrentMap { entry in
            cache?.decoded(entry, partyNames: partyNames) ?? decodeMarkdown(entry, partyNames: partyNames)
        }

        var incomplete = Set<String>()
        var index: Page?
        var sets: [RecommendationSet] = []
        var recommendations: [Recommendation] = []
        var meetings: [Meeting] = []
        var checklists: [Checklist] = []
        var pages: [Page] = []
        for (file, decoded) in zip(files.filter(\.isMarkdown), decodedFiles) {
            diagnostics += decoded.diagnostics
            if decoded.item == nil { incomplete.insert(file.relativePath) }
            switch decoded.item {
            case .index(let page): index = page
            case .set(let set): sets.append(set)
            case .recommendation(let recommendation): recommendations.append(recommendation)
            case .meeting(let meeting): meetings.append(meeting)
            case .checklist(let checklist): checklists.append(checklist)
            case .page(let page): pages.append(page)
            case nil: break
            }
        }
        diagnostics += missingSetFiles(files: files, displayRoot: displayRoot)
        let logo = readLogo(config?.logo, images: files.filter { $0.kind == .image }, into: &diagnostics)

        if partiesFile.map({ file in diagnostics.contains { $0.location.file == file.path && $0.severity == .error } }) ?? true {
            incomplete.insert("parties.yml")
        }
        if let tasksFile, diagnostics.contains(where: { $0.location.file == tasksFile.path && $0.severity == .error }) {
            incomplete.insert("tasks.yml")
        }
        // A site is assembled even when some files failed, so that cross-file rules can still run
        // on the rest; `incompleteFiles` tells them what is missing.
        var site: Site?
        if let config, let index {
            site = Site(
                config: config, parties: parties, index: index, sets: sets, recommendations: recommendations,
                meetings: meetings, checklists: checklists, pages: pages, synonyms: synonyms, tasks: tasks,
                incompleteFiles: incomplete, logo: logo)
        }
        return Result(site: site, diagnostics: diagnostics, fileCount: files.count)
    }

    /// The logo `site.yml` names (`logo-invalid` when it is not an SVG or PNG file of the
    /// content folder); every other image is `file-unexpected`, since nothing else shows one.
    static func readLogo(_ logo: Located<String>?, images: [FolderWalk.Entry], into diagnostics: inout [Diagnostic]) -> Site.Logo? {
        let wanted = logo.map { $0.value.hasPrefix("./") ? String($0.value.dropFirst(2)) : $0.value }
        for image in images where image.relativePath != wanted {
            diagnostics.append(
                Diagnostic(
                    .fileUnexpected, at: .start(of: image.path),
                    "bildet `\(image.relativePath)` blir ikke brukt; bare logoen (`logo:` i site.yml) vises på nettstedet"))
        }
        guard let logo, let wanted else { return nil }
        let fileExtension = (wanted as NSString).pathExtension.lowercased()
        guard fileExtension == "svg" || fileExtension == "png" else {
            diagnostics.append(
                Diagnostic(.logoInvalid, at: logo.location, "`logo: \(logo.value)` må være en SVG- eller PNG-fil (`.svg` eller `.png`)"))
            return nil
        }
        guard let image = images.first(where: { $0.relativePath == wanted }) else {
            diagnostics.append(
                Diagnostic(
                    .logoInvalid, at: logo.location,
                    "`logo: \(logo.value)` finnes ikke i innholdsmappen; legg bildet der og skriv stien fra innholdsmappen, f.eks. `logo.svg`"
                ))
            return nil
        }
        guard let contents = FileManager.default.contents(atPath: image.fileSystemPath) else {
            diagnostics.append(Diagnostic(.fileUnreadable, at: .start(of: image.path), "`\(image.relativePath)` kan ikke leses"))
            return nil
        }
        return Site.Logo(fileExtension: fileExtension, contents: contents)
    }

    // MARK: - Decoding one file

    /// Decoded files by path, for `load(from:cache:)`.
    public final class Cache: Sendable {
        private struct Entries {
            var partyNames: [String: String] = [:]
            var files: [String: (stamp: FileStamp, decoded: Decoded)] = [:]
        }
        private let entries = Mutex(Entries())

        public init() {}

        /// The file's decoded value: the one kept, if the file is unchanged and the parties are
        /// the same; otherwise decoded now, and kept.
        fileprivate func decoded(_ entry: FolderWalk.Entry, partyNames: [String: String]) -> Decoded {
            guard let stamp = FileStamp(entry.fileSystemPath) else { return ContentLoader.decodeMarkdown(entry, partyNames: partyNames) }
            let kept = entries.withLock { entries -> Decoded? in
                if entries.partyNames != partyNames { entries = Entries(partyNames: partyNames) }
                return entries.files[entry.path].flatMap { $0.stamp == stamp ? $0.decoded : nil }
            }
            if let kept { return kept }
            let decoded = ContentLoader.decodeMarkdown(entry, partyNames: partyNames)
            entries.withLock { $0.files[entry.path] = (stamp, decoded) }
            return decoded
        }
    }

    fileprivate enum Item: Sendable {
        case index(Page), set(RecommendationSet), recommendation(Recommendation), meeting(Meeting), checklist(Checklist), page(Page)
    }

    fileprivate struct Decoded: Sendable {
        var item: Item?
        var diagnostics: [Diagnostic] = []
    }

    private static func read(_ entry: FolderWalk.Entry) -> Swift.Result<SourceFile, Diagnostic> {
        SourceFile.load(
            fileSystemPath: entry.fileSystemPath, path: entry.path, relativePath: entry.relativePath, isMarkdown: entry.kind != .config)
    }

    private static func decodeYAML<T>(
        _ entry: FolderWalk.Entry, into diagnostics: inout [Diagnostic], _ decode: (YAMLNode?, SourceFile) -> (T, [Diagnostic])
    ) -> T? {
        switch read(entry) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .success(let file):
            let (value, problems) = decode(file.frontMatter, file)
            diagnostics += problems
            return value
        }
    }

    fileprivate static func decodeMarkdown(_ entry: FolderWalk.Entry, partyNames: [String: String]) -> Decoded {
        let file: SourceFile
        switch read(entry) {
        case .failure(let diagnostic): return Decoded(item: nil, diagnostics: [diagnostic])
        case .success(let value): file = value
        }
        let document = Document(file)
        var reader = FieldReader(file.frontMatter, path: file.path, what: "front matter")
        let item: Item?
        switch entry.kind {
        case .index: item = Page.decode(&reader, document: document).map(Item.index)
        case .page: item = Page.decode(&reader, document: document).map(Item.page)
        case .set(let slug): item = RecommendationSet.decode(&reader, document: document, slug: slug).map(Item.set)
        case .recommendation(let setSlug):
            item = Recommendation.decode(&reader, document: document, setSlug: setSlug, partyNames: partyNames).map(Item.recommendation)
        case .meeting: item = Meeting.decode(&reader, document: document).map(Item.meeting)
        case .checklist: item = Checklist.decode(&reader, document: document).map(Item.checklist)
        case .config, .image: item = nil
        }
        reader.finish()
        // A value with errors is kept for the cross-file rules; the errors stop any build.
        return Decoded(item: item, diagnostics: reader.diagnostics)
    }

    /// A folder of recommendations needs its `_set.md`.
    private static func missingSetFiles(files: [FolderWalk.Entry], displayRoot: String) -> [Diagnostic] {
        var withSetFile = Set<String>()
        var firstRecommendation: [String: FolderWalk.Entry] = [:]
        for file in files {
            switch file.kind {
            case .set(let slug): withSetFile.insert(slug)
            case .recommendation(let slug): if firstRecommendation[slug] == nil { firstRecommendation[slug] = file }
            default: break
            }
        }
        return firstRecommendation.keys.sorted().filter { !withSetFile.contains($0) }.map { slug in
            Diagnostic(
                .fileMissing, at: .start(of: "\(displayRoot)/recommendations/\(slug)/_set.md"),
                "mappen `recommendations/\(slug)/` mangler `_set.md` med settets `id`, `title`, `status` og `owner`")
        }
    }
}
