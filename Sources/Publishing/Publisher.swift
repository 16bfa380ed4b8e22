import Content
import Diagnostics
import Foundation
import Rendering

/// Writes a release into the output folder (SPEC §5) so that a reader never sees half of it.
///
/// The release is written into a hidden temporary folder beside it and renamed into
/// `v/<release>/`; `latest/` is rebuilt the same way from the newest release; `versions.json`,
/// `index.html` and `404.html` are replaced by renaming complete files. A build that fails
/// leaves at most a hidden temporary folder, which the next build removes.
public struct Publisher: Sendable {
    public let output: String
    let fileSystem: any FileSystem

    /// Hidden names of this tool's temporary folders and files in the output folder.
    static let temporaryPrefix = ".moteplass-"
    /// What the output folder may hold: anything else means it is not ours (exit 2). `.nojekyll`
    /// is what `moteplass publish` adds for GitHub Pages, and `CNAME` what GitHub Pages commits
    /// to the published branch when a custom domain is set.
    static let ownNames: Set<String> = ["v", "latest", "versions.json", "index.html", "404.html", ".nojekyll", "CNAME"]

    public init(output: String, fileSystem: any FileSystem = LocalFileSystem()) {
        self.output = output.count > 1 && output.hasSuffix("/") ? String(output.dropLast()) : output
        self.fileSystem = fileSystem
    }

    /// A problem writing the output (exit status 2).
    public struct PublishError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Publishes release `release` (dated `date`), whose files `make` hands to the writer it is
    /// given (from any thread, as each is made), then updates `latest/`, `versions.json` and the
    /// root files. `rootIndex` renders the root `index.html` that forwards to `latest/`; `folders`
    /// are folders of the release known beforehand, made before the files. Returns how many files
    /// the release has.
    ///
    /// Everything is written into hidden folders first, and `latest/` is prepared from them (hard
    /// links where the file system allows, copies otherwise) before anything visible changes;
    /// then a few renames put it all in place, each folder swapped in one atomic step where the
    /// file system can.
    @discardableResult
    public func publish(
        release: String, date: String, rootIndex: String, folders: [String] = [],
        _ make: (_ write: @Sendable (OutputFile) -> Void) -> Void
    ) throws(PublishError) -> Int {
        try prepareOutputFolder()
        let token = "\(ProcessInfo.processInfo.processIdentifier)"
        let staging = "\(output)/\(Self.temporaryPrefix)release-\(token)"

        // The releases once this one is in, newest first, and where latest/ comes from.
        let releases = (try readReleases().filter { $0.version != release } + [ReleaseEntry(version: release, date: date)])
            .sorted { ($0.date, $0.version) > ($1.date, $1.version) }
        let newest = releases[0].version
        let newestFolder = newest == release ? staging : "\(output)/v/\(newest)"
        let latestStaging = "\(output)/\(Self.temporaryPrefix)latest-\(token)"
        let replacesLatest = newest == release || !fileSystem.fileExists("\(output)/latest")
        // The newest release's files are linked into latest/ as they are written.
        let writer = ReleaseWriter(fileSystem: fileSystem, folder: staging, linkingInto: newest == release ? latestStaging : nil)
        try attempt("kan ikke skrive utgivelsen til \(staging)") {
            try writer.start(folders: folders)
            make(writer.write)
            try writer.finish()
        }
        if replacesLatest, newest != release {
            try attempt("kan ikke forberede \(output)/latest") { try linkFolder(newestFolder, to: latestStaging) }
        }
        let notFound = try? fileSystem.read("\(newestFolder)/404.html")

        // The root files are written before anything visible changes, so that what follows is
        // only renames, back to back; the replaced folders are removed after the last of them.
        var stagedFiles = [("versions.json", Data(Self.versionsJSON(releases).utf8)), ("index.html", Data(rootIndex.utf8))]
        if let notFound { stagedFiles.append(("404.html", notFound)) }
        let staged = stagedFiles.map { name, data in (name, data, "\(output)/\(Self.temporaryPrefix)\(name)-\(token)") }
        try attempt("kan ikke skrive filene i \(output)") {
            for (_, data, path) in staged { try fileSystem.write(data, to: path) }
        }
        var replaced: [String] = []
        try attempt("kan ikke legge utgivelsen på plass i \(output)") {
            try fileSystem.createDirectory("\(output)/v")
            replaced += try replaceFolder("\(output)/v/\(release)", with: staging, asideAt: "\(staging)-old")
            if replacesLatest {
                replaced += try replaceFolder("\(output)/latest", with: latestStaging, asideAt: "\(latestStaging)-old")
            }
            for (name, _, path) in staged { try fileSystem.move(path, to: "\(output)/\(name)") }
        }
        // A leftover here is hidden, and the next build removes it.
        for folder in replaced { try? fileSystem.remove(folder) }
        return writer.count
    }

    /// One release as listed in `versions.json`.
    public struct ReleaseEntry: Sendable, Equatable {
        public let version: String
        public let date: String
    }

    /// `versions.json`: newest first, the newest marked `latest`.
    static func versionsJSON(_ releases: [ReleaseEntry]) -> String {
        JSONValue.array(
            releases.enumerated().map { index, release in
                .object([
                    ("version", .string(release.version)),
                    ("date", .string(release.date)),
                    ("path", .string("v/\(release.version)/")),
                    ("latest", .bool(index == 0)),
                ])
            }
        ).serialized(pretty: true) + "\n"
    }

    /// The releases in `v/`, read from their `manifest.json`, newest first (by date, then name).
    func readReleases() throws(PublishError) -> [ReleaseEntry] {
        let folder = "\(output)/v"
        let names = (try? fileSystem.contentsOfDirectory(folder)) ?? []
        var releases: [ReleaseEntry] = []
        for name in names where !name.hasPrefix(".") && fileSystem.isDirectory("\(folder)/\(name)") {
            guard let data = try? fileSystem.read("\(folder)/\(name)/manifest.json"),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let date = object["date"] as? String
            else {
                throw PublishError(description: "\(folder)/\(name) mangler en lesbar manifest.json; er mappen skrevet av moteplass?")
            }
            releases.append(ReleaseEntry(version: name, date: date))
        }
        return releases.sorted { ($0.date, $0.version) > ($1.date, $1.version) }
    }

    /// The manifests of the releases in `v/` other than `release`, newest first, and the texts of
    /// the one before it (`date`); releases whose manifest cannot be read are left out
    /// (publishing reports them).
    public func readHistory(excluding release: String, date: String) -> ReleaseHistory {
        let releases = ((try? readReleases()) ?? []).filter { $0.version != release }.compactMap { entry -> ReleaseHistory.Release? in
            guard let data = try? fileSystem.read("\(output)/v/\(entry.version)/manifest.json") else { return nil }
            return try? JSONDecoder().decode(ReleaseHistory.Release.self, from: data)
        }
        var texts: [String: ReleaseHistory.RecordedText] = [:]
        if let previous = ReleaseHistory.previous(in: releases, release: release, date: date),
            let data = try? fileSystem.read("\(output)/v/\(previous.release)/texts.json")
        {
            texts = (try? JSONDecoder().decode([String: ReleaseHistory.RecordedText].self, from: data)) ?? [:]
        }
        return ReleaseHistory(releases: releases, previousTexts: texts)
    }

    // MARK: - Steps

    /// Creates the output folder, refuses one that holds something else, and removes leftovers
    /// of interrupted builds.
    private func prepareOutputFolder() throws(PublishError) {
        if !fileSystem.fileExists(output) {
            try attempt("kan ikke opprette utmappen \(output)") { try fileSystem.createDirectory(output) }
            return
        }
        for leftover in try ownContents() where leftover.hasPrefix(Self.temporaryPrefix) {
            try? fileSystem.remove("\(output)/\(leftover)")
        }
    }

    /// The names in the existing output folder, after checking that it is a folder holding only
    /// what this tool writes.
    private func ownContents() throws(PublishError) -> [String] {
        guard fileSystem.isDirectory(output) else {
            throw PublishError(description: "utmappen \(output) finnes, men er ikke en mappe")
        }
        let names = (try? fileSystem.contentsOfDirectory(output)) ?? []
        let foreign = names.filter { !Self.ownNames.contains($0) && !$0.hasPrefix(Self.temporaryPrefix) }
        guard foreign.isEmpty else {
            throw PublishError(
                description: "utmappen \(output) inneholder annet enn utgivelser (\(foreign.prefix(3).joined(separator: ", "))); "
                    + "velg en tom mappe eller en mappe moteplass har skrevet, med --output")
        }
        return names
    }

    /// Stops before anything is written when `versions.json` lists a release whose folder
    /// `v/<release>/` is missing: the build would write a `versions.json` without it, and
    /// publishing that would make the release vanish from the web (a fresh checkout in CI builds
    /// into an output folder that lacks the earlier releases unless they are fetched first).
    public func checkListedReleases() throws(PublishError) {
        let path = "\(output)/versions.json"
        guard fileSystem.fileExists(path) else { return }
        guard let data = try? fileSystem.read(path),
            let entries = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else {
            throw PublishError(description: "\(path) kan ikke leses som en liste over utgaver; er den skrevet av moteplass?")
        }
        let missing = entries.map { $0["version"] as? String ?? "" }.filter { $0.isEmpty || !fileSystem.isDirectory("\(output)/v/\($0)") }
        guard missing.isEmpty else {
            let names = missing.map { $0.isEmpty ? "(uten navn)" : "v/\($0)/" }.joined(separator: ", ")
            throw PublishError(
                description: "\(path) nevner utgaver som mangler i \(output): \(names). En bygging nå ville publisert et nettsted "
                    + "som har glemt dem, så ingenting er skrevet. Hent hele det publiserte nettstedet inn i utmappen først "
                    + "(`moteplass publish` gjør det fra git-grenen), eller bygg i en tom mappe")
        }
    }

    /// Empties the output folder (made if missing) for `moteplass publish`, which puts the
    /// published branch's files there; refuses a folder holding anything this tool does not write.
    public func empty() throws(PublishError) {
        guard fileSystem.fileExists(output) else {
            try attempt("kan ikke opprette utmappen \(output)") { try fileSystem.createDirectory(output) }
            return
        }
        for name in try ownContents() {
            try attempt("kan ikke tømme utmappen \(output)") { try fileSystem.remove("\(output)/\(name)") }
        }
    }

    /// A copy of `source` at `destination`: each file hard-linked where the file system allows
    /// (files of a release are never rewritten in place, only replaced), copied otherwise.
    private func linkFolder(_ source: String, to destination: String) throws {
        try fileSystem.createDirectory(destination)
        for name in try fileSystem.contentsOfDirectory(source) {
            let from = "\(source)/\(name)", to = "\(destination)/\(name)"
            if fileSystem.isDirectory(from) {
                try linkFolder(from, to: to)
            } else if (try? fileSystem.link(from, to: to)) == nil {
                try fileSystem.copyFile(from, to: to)
            }
        }
    }

    /// Puts `staging` at `target`: swapped in one step where the file system can (the old folder
    /// then sits at `staging`), otherwise the old folder is renamed to `aside` first. Returns
    /// where the old folder now is, for the caller to remove.
    private func replaceFolder(_ target: String, with staging: String, asideAt aside: String) throws -> [String] {
        guard fileSystem.fileExists(target) else {
            try fileSystem.move(staging, to: target)
            return []
        }
        if (try? fileSystem.exchange(staging, target)) != nil { return [staging] }
        try fileSystem.move(target, to: aside)
        try fileSystem.move(staging, to: target)
        return [aside]
    }

    private func attempt(_ what: String, _ body: () throws -> Void) throws(PublishError) {
        do {
            try body()
        } catch let error as PublishError {
            throw error
        } catch {
            throw PublishError(description: "\(what): \(error.localizedDescription)")
        }
    }
}
