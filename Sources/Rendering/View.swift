/// What a template sees: plain values under names, computed in Swift.
///
/// Dictionaries are what swift-mustache reads fastest (no `Mirror` reflection). Absent values are
/// left out rather than stored as `nil`, so `{{#field}}` sections behave as the template expects.
typealias View = [String: Any]

/// Builds a view, dropping the pairs whose value is `nil`.
func view(_ pairs: KeyValuePairs<String, Any?>) -> View {
    var result = View(minimumCapacity: pairs.count)
    for (key, value) in pairs {
        if let value { result[key] = value }
    }
    return result
}
