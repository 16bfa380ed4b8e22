/// How serious a problem is: errors stop a build, warnings do not (unless `--strict`).
public enum Severity: String, Sendable, Hashable {
    case error
    case warning
}

/// One problem found in the content, positioned like a compiler error.
///
/// The message is Norwegian bokmål and says how to fix the problem; the rule id is a stable
/// English identifier that CI configurations and outside tests can rely on.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var location: SourceLocation
    public var severity: Severity
    public var rule: String
    public var message: String

    public init(_ rule: Rule, at location: SourceLocation, _ message: String) {
        self.location = location
        self.severity = rule.severity
        self.rule = rule.id
        self.message = message
    }

    public init(rule: String, severity: Severity, at location: SourceLocation, message: String) {
        self.location = location
        self.severity = severity
        self.rule = rule
        self.message = message
    }

    /// `file:line:col: error[rule]: message`
    public var description: String {
        "\(location): \(severity.rawValue)[\(rule)]: \(message)"
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location, lhs.rule, lhs.message) < (rhs.location, rhs.rule, rhs.message)
    }
}

extension Diagnostic {
    /// Whether the diagnostic stops a build, given `--strict` (which turns warnings into errors).
    public func isFatal(strict: Bool) -> Bool {
        severity == .error || strict
    }
}
