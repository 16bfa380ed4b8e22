/// What a template sees: text, flags, numbers, lists and objects of named values, computed in
/// Swift beforehand (Mustache is logic-less on purpose).
///
/// A closed set of cases, so that looking a name up and deciding how to draw it is a `switch`,
/// not a dynamic cast: swift-mustache's casts of `Any` cost about 2 µs a tag whatever the values
/// were, which made templates half of a build's time (README, "Templates").
public enum TemplateValue: Sendable {
    /// Text, escaped for HTML by `{{name}}`, as it is by `{{{name}}}`.
    case string(String)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object([String: TemplateValue])
}

/// A value a view can hold: `String`, `Bool`, `Int`, lists and `[String: …]` objects of them.
public protocol TemplateRepresentable {
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateRepresentable {
    public var templateValue: TemplateValue { self }
}

extension String: TemplateRepresentable {
    public var templateValue: TemplateValue { .string(self) }
}

extension Bool: TemplateRepresentable {
    public var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateRepresentable {
    public var templateValue: TemplateValue { .int(self) }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    /// Lists of objects and of values, most of what views hold, without the generic path.
    public var templateValue: TemplateValue {
        if let objects = self as? [[String: TemplateValue]] { return .list(objects.map(TemplateValue.object)) }
        if let values = self as? [TemplateValue] { return .list(values) }
        if let texts = self as? [String] { return .list(texts.map(TemplateValue.string)) }
        return .list(map { $0.templateValue })
    }
}

extension Dictionary: TemplateRepresentable where Key == String, Value == TemplateValue {
    public var templateValue: TemplateValue { .object(self) }
}
