import Diagnostics
import Foundation

/// `moteplass publish`: the published site lives in a git branch (like mike, the MkDocs
/// versioning tool), and each publish adds the new release to it, so no release is ever lost.
///
/// Run in a checkout of the content repository. One attempt: the branch's commit is fetched from
/// the remote, its files are put into the emptied output folder (through a private index file,
/// never the checkout's own index, HEAD or branches), the release is built into them exactly as
/// `build` does, and the result is committed on top of the fetched commit and pushed without
/// force. Only the push changes the remote, and git updates a branch in one step, so a publish
/// that is interrupted leaves the branch as it was. A push refused because the branch moved
/// (another publish got there first) starts a new attempt from the moved branch.
public enum GitPublish {
    public struct Options: Sendable {
        public var build = Pipeline.BuildOptions()
        public var branch = "gh-pages"
        public var remote = "origin"
        /// How many times the whole fetch–build–push is tried when the branch keeps moving.
        public var attempts = 5

        public init() {}
    }

    /// What a publish did.
    public enum Outcome: Sendable {
        /// The release was pushed as `commit`.
        case published(release: String, commit: String, files: Int)
        /// The branch already held exactly this build: nothing was pushed.
        case unchanged(release: String)
        /// The content has errors (exit status 1): nothing was built or pushed.
        case contentErrors
    }

    /// A problem with git, the output folder or how the tool was called (exit status 2).
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        /// The diagnostics of a broken template, when that was the problem.
        public let diagnostics: [Diagnostic]

        init(_ description: String, diagnostics: [Diagnostic] = []) {
            self.description = description
            self.diagnostics = diagnostics
        }
    }

    /// Publishes the release named in `site.yml`; `log` is told each step, and `report` what
    /// each build found in the content (errors and warnings).
    public static func publish(
        _ options: Options, log: (String) -> Void, report: (DiagnosticReport) -> Void
    ) throws(Failure) -> Outcome {
        let git = Git()
        let checkout = try git.run(["rev-parse", "--show-toplevel"], allowFailure: true)
        guard checkout.status == 0 else {
            throw Failure(checkout.failure + "\nKjør moteplass publish i en klone av innholdsrepoet")
        }
        let gitDirectory = try git.run(["rev-parse", "--absolute-git-dir"]).line
        let contentCommit = try git.run(["rev-parse", "--verify", "HEAD^{commit}"]).line
        let status = try git.run(["status", "--porcelain", "--", options.build.content], allowFailure: true)
        let uncommitted = status.status == 0 && !status.output.isEmpty
        let output = absolute(options.build.output)
        let index = "\(gitDirectory)/moteplass-publish.index"
        let tracking = "refs/remotes/\(options.remote)/\(options.branch)"
        let remoteBranch = "refs/heads/\(options.branch)"
        // The files of the branch are written and read in the output folder, with the private index.
        let worktree = git.with(
            ["--git-dir=\(gitDirectory)", "--work-tree=\(output)", "-c", "core.autocrlf=false", "-c", "core.safecrlf=false"],
            directory: output, environment: ["GIT_INDEX_FILE": index])
        let identity = try Self.identity(git)
        defer { try? FileManager.default.removeItem(atPath: index) }

        for attempt in 1...max(1, options.attempts) {
            // The branch as the remote has it now: absent before the first publish.
            log("Henter \(options.branch) fra \(options.remote) …")
            let base = try Self.remoteCommit(git, options)
            var fetched: String?
            if base != nil {
                _ = try git.run(["fetch", "--quiet", "--no-tags", options.remote, "+\(remoteBranch):\(tracking)"])
                fetched = try git.run(["rev-parse", "--verify", "\(tracking)^{commit}"]).line
            }

            do {
                try Publisher(output: output).empty()
            } catch {
                throw Failure(error.description)
            }
            try? FileManager.default.removeItem(atPath: index)
            if let fetched {
                _ = try worktree.run(["read-tree", "--reset", "-u", fetched])
            }

            let result: Pipeline.BuildResult
            do {
                result = try Pipeline.build(options.build)
            } catch {
                throw Failure(error.description, diagnostics: error.diagnostics)
            }
            if !result.report.diagnostics.isEmpty { report(result.report) }
            guard let release = result.release else { return .contentErrors }
            log("Bygget utgave \(release): \(result.fileCount) filer.")

            do {
                try LocalFileSystem().write(Data(), to: "\(output)/.nojekyll")
            } catch {
                throw Failure(error.localizedDescription)
            }
            _ = try worktree.run(["add", "--all", "--force", "."])
            let tree = try worktree.run(["write-tree"]).line
            if let fetched, try git.run(["rev-parse", "\(fetched)^{tree}"]).line == tree {
                log("\(options.remote)/\(options.branch) har allerede nøyaktig denne utgaven; ingenting å publisere.")
                return .unchanged(release: release)
            }
            let subject = "Utgave \(release) fra \(contentCommit.prefix(12))\(uncommitted ? " med endringer som ikke er committet" : "")"
            let body = "Bygget av moteplass publish fra innholdscommit \(contentCommit)."
            let commit = try git.run(
                identity + ["commit-tree", tree] + (fetched.map { ["-p", $0] } ?? []) + ["-m", subject, "-m", body]
            ).line

            log("Sender \(commit.prefix(12)) til \(options.remote)/\(options.branch) …")
            let push = try git.run(["push", "--quiet", options.remote, "\(commit):\(remoteBranch)"], allowFailure: true)
            // A failed push may still have been taken (the connection broke after it), or refused
            // because the branch moved since it was fetched: another publish got there first.
            var now = commit
            if push.status != 0 { now = try Self.remoteCommit(git, options) ?? "" }
            if now == commit {
                // So that `git log origin/gh-pages` shows it; the remote has it whatever happens here.
                _ = try? git.run(["update-ref", tracking, commit])
                return .published(release: release, commit: commit, files: result.fileCount)
            }
            guard now != (fetched ?? "") else { throw Failure(push.failure) }
            log(
                "\(options.remote)/\(options.branch) ble endret av en annen publisering (forsøk \(attempt) av \(options.attempts)); prøver igjen."
            )
        }
        throw Failure(
            "\(options.remote)/\(options.branch) ble endret av andre publiseringer under hvert av \(options.attempts) forsøk; "
                + "ingenting er publisert. Kjør moteplass publish igjen når de andre er ferdige")
    }

    /// The commit the remote's branch points at, or `nil` when it has no such branch.
    private static func remoteCommit(_ git: Git, _ options: Options) throws(Failure) -> String? {
        let listed = try git.run(
            ["ls-remote", "--exit-code", "--heads", options.remote, "refs/heads/\(options.branch)"], allowFailure: true)
        // `--exit-code`: status 2 when the remote answered but has no such branch.
        if listed.status == 2 { return nil }
        guard listed.status == 0, let commit = listed.output.split(whereSeparator: \.isWhitespace).first else {
            throw Failure(listed.failure)
        }
        return String(commit)
    }

    /// `-c user.name=…` and `-c user.email=…` where git knows none (a fresh CI machine), so that
    /// the commit can be made; a configured identity is used as it is.
    private static func identity(_ git: Git) throws(Failure) -> [String] {
        var settings: [String] = []
        for (key, fallback) in [("user.name", "moteplass publish"), ("user.email", "moteplass@localhost")] {
            let configured = try git.run(["config", key], allowFailure: true)
            if configured.status != 0 || configured.line.isEmpty { settings += ["-c", "\(key)=\(fallback)"] }
        }
        return settings
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// The `git` command line, found on `PATH`.
struct Git: Sendable {
    /// Arguments before the subcommand (`--git-dir=…`), and where and with what it runs.
    private var options: [String] = []
    private var directory: String?
    private var environment: [String: String] = [:]

    /// What a git command printed, and its status.
    struct Result {
        let command: String
        let status: Int32
        let output: String
        let errors: String

        /// The first line of the output (a commit, a tree, a path).
        var line: String { output.split(separator: "\n").first.map(String.init) ?? "" }

        /// Says which command failed and what git said.
        var failure: String {
            let said = (errors + output).trimmingCharacters(in: .whitespacesAndNewlines)
            let hint = status == 127 ? " (er git installert?)" : ""
            return "`\(command)` mislyktes med status \(status)\(hint)" + (said.isEmpty ? "" : ":\n\(said)")
        }
    }

    func with(_ options: [String], directory: String, environment: [String: String]) -> Git {
        Git(options: self.options + options, directory: directory, environment: self.environment.merging(environment) { $1 })
    }

    /// Runs `git <arguments>`; a status other than 0 is a `Failure` unless `allowFailure`.
    func run(_ arguments: [String], allowFailure: Bool = false) throws(GitPublish.Failure) -> Result {
        let command = (["git"] + arguments).joined(separator: " ")
        // Never ask for a password: in CI nobody would answer.
        let environment = ProcessInfo.processInfo.environment.merging(environment.merging(["GIT_TERMINAL_PROMPT": "0"]) { $1 }) { $1 }
        let ran: ChildProcess.Output
        do {
            ran = try ChildProcess.run("/usr/bin/env", ["git"] + (directory.map { ["-C", $0] } ?? []) + options + arguments, environment: environment)
        } catch {
            throw GitPublish.Failure("`\(command)` kunne ikke startes: \(error.localizedDescription)")
        }
        let result = Result(
            command: command, status: ran.status, output: String(decoding: ran.output, as: UTF8.self),
            errors: String(decoding: ran.errors, as: UTF8.self))
        guard result.status == 0 || allowFailure else { throw GitPublish.Failure(result.failure) }
        return result
    }
}
