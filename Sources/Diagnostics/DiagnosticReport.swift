/// How diagnostics are printed: for people, for machines, or as GitHub Actions annotations.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text
    case json
    case github
}

/// The outcome of validating a content folder: every diagnostic, sorted by file, line and column.
public struct DiagnosticReport: Sendable {
    public let diagnostics: [Diagnostic]
    /// How many files were checked (for the summary line).
    public let fileCount: Int

    public init(_ diagnostics: [Diagnostic], fileCount: Int) {
        self.diagnostics = diagnostics.sorted()
        self.fileCount = fileCount
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Whether a build must stop: any error, or with `strict` any warning.
    public func failed(strict: Bool) -> Bool {
        diagnostics.contains { $0.isFatal(strict: strict) }
    }

    /// The summary line, e.g. "2 feil, 1 advarsel i 14 filer".
    public var summary: String {
        let files = fileCount == 1 ? "1 fil" : "\(fileCount) filer"
        if diagnostics.isEmpty { return "Ingen feil i \(files)" }
        let warnings = warningCount == 1 ? "1 advarsel" : "\(warningCount) advarsler"
        return "\(errorCount) feil, \(warnings) i \(files)"
    }

    /// The report in the given format; text ends with the summary line.
    public func formatted(_ format: DiagnosticFormat) -> String {
        switch format {
        case .text:
            return (diagnostics.map(\.description) + [summary]).joined(separator: "\n") + "\n"
        case .github:
            return diagnostics.map(Self.githubAnnotation).map { $0 + "\n" }.joined()
        case .json:
            return json.serialized() + "\n"
        }
    }

    /// `{"diagnostics":[{"file","line","column","severity","rule","message"}…],"errors":N,"warnings":M}`.
    public var json: JSONValue {
        let items = diagnostics.map { d -> JSONValue in
            .object([
                ("file", .string(d.location.file)),
                ("line", .int(d.location.line)),
                ("column", .int(d.location.column)),
                ("severity", .string(d.severity.rawValue)),
                ("rule", .string(d.rule)),
                ("message", .string(d.message)),
            ])
        }
        return .object([
            ("diagnostics", .array(items)),
            ("errors", .int(errorCount)),
            ("warnings", .int(warningCount)),
        ])
    }

    /// `::error file=…,line=12,col=5,title=rule::message`, escaped as GitHub's workflow commands require.
    static func githubAnnotation(_ d: Diagnostic) -> String {
        func escapeData(_ s: String) -> String {
            s.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
        }
        func escapeProperty(_ s: String) -> String {
            escapeData(s).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
        }
        let command = d.severity == .error ? "error" : "warning"
        return "::\(command) file=\(escapeProperty(d.location.file)),line=\(d.location.line),"
            + "col=\(d.location.column),title=\(escapeProperty(d.rule))::\(escapeData(d.message))"
    }
}

extension String {
    /// Replaces every occurrence of `target` (without Foundation, which this target does not import).
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
