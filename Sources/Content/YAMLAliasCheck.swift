import CYaml
import Diagnostics

/// Finds the first YAML anchor (`&navn`) or alias (`*navn`) in a text, before Yams composes it.
///
/// Yams expands every alias, so a few lines of nested aliases ("billion laughs") become billions
/// of nodes and hang the tool. Content never needs them, so they are refused up front. This runs
/// libyaml's own event parser (bundled with Yams as `CYaml`): linear in the text, and exact about
/// what is an anchor (`*fet*` inside a quoted or block text is not).
enum YAMLAliasCheck {
    /// The position (1-based line and column within `text`) of the first anchor or alias, or `nil`.
    /// Syntax errors are left to Yams, which reports them with its own message.
    static func firstAnchorOrAlias(in text: String) -> (line: Int, column: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let anchor: UnsafeMutablePointer<yaml_char_t>? =
                    switch event.type {
                    case YAML_ALIAS_EVENT: event.data.alias.anchor
                    case YAML_SCALAR_EVENT: event.data.scalar.anchor
                    case YAML_SEQUENCE_START_EVENT: event.data.sequence_start.anchor
                    case YAML_MAPPING_START_EVENT: event.data.mapping_start.anchor
                    default: nil
                    }
                if anchor != nil {
                    return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
                }
                if event.type == YAML_STREAM_END_EVENT { return nil }
            }
            return nil
        }
    }
}
