import Templating

/// What a template sees: plain values under names, computed in Swift.
///
/// Absent values are left out rather than stored, so `{{#field}}` sections behave as the template
/// expects.
typealias View = [String: TemplateValue]

/// Builds a view, dropping the pairs whose value is `nil`.
func view(_ pairs: KeyValuePairs<String, (any TemplateRepresentable)?>) -> View {
    var result = View(minimumCapacity: pairs.count)
    for (key, value) in pairs {
        if let value { result[key] = value.templateValue }
    }
    return result
}
