import Diagnostics

/// A value read from a content file together with where it was written.
///
/// The validator and the build report problems through these positions, so a value never
/// loses the line it came from (after Hugo's `text.Position`).
public struct Located<Value: Sendable>: Sendable {
    public let value: Value
    public let location: SourceLocation
    /// For text read from YAML: where each of its characters was written, so positions inside
    /// a multi-line value (a link in a folded `duty:`) point into the file.
    public let positions: TextPositions

    public init(_ value: Value, at location: SourceLocation, positions: TextPositions? = nil) {
        self.value = value
        self.location = location
        self.positions = positions ?? TextPositions(line: location.line, column: location.column)
    }

    /// The file location of `line`:`column` (1-based) within the text value.
    public func location(line: Int, column: Int) -> SourceLocation where Value == String {
        let (sourceLine, sourceColumn) = positions.location(line: line, column: column, in: value)
        return SourceLocation(file: location.file, line: sourceLine, column: sourceColumn)
    }

    public func map<T>(_ transform: (Value) -> T) -> Located<T> {
        Located<T>(transform(value), at: location, positions: positions)
    }
}

/// Two located values are equal when their values and locations are.
extension Located: Equatable where Value: Equatable {
    public static func == (a: Located, b: Located) -> Bool { a.value == b.value && a.location == b.location }
}

extension Located: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(location)
    }
}
