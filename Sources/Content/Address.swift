/// The addresses content gives readers to write to (`respond_to` of a `hearing`, `feedback` in
/// `site.yml`): checked when loading for what a `mailto:` link or a link can hold.
public enum Address {
    /// `local@domain.tld`: one `@`, a domain with a dot, no spaces or characters that break a link.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let forbidden: Set<Character> = [" ", "\t", "<", ">", "\"", "(", ")", ",", ";", ":", "/", "\\", "[", "]", "?", "#", "%", "&"]
        guard !text.contains(where: { forbidden.contains($0) || $0.isNewline }) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
    }

    /// `http://` or `https://`, a host, and nothing a link cannot hold (white space, `<`, `>`, `"`).
    public static func isWeb(_ text: String) -> Bool {
        let rest: Substring
        if text.hasPrefix("https://") {
            rest = text.dropFirst("https://".count)
        } else if text.hasPrefix("http://") {
            rest = text.dropFirst("http://".count)
        } else {
            return false
        }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty, !host.hasPrefix("."), !host.hasSuffix("."), !host.contains("@") else { return false }
        return !text.contains { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "`" }
    }

    /// The host of a web address: `https://skjema.example.no:8443/innspill?x=1` → `skjema.example.no`.
    public static func host(of url: String) -> String {
        let rest = url.range(of: "://").map { url[$0.upperBound...] } ?? url[...]
        return String(rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" })
    }
}
