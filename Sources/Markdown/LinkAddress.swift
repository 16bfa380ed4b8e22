/// Whether a web address in Markdown can be published as a link.
///
/// cmark-gfm's autolinks take a backslash into the address: `www.example.com\` at the end of a
/// line (meant as a hard line break) becomes `<a href="http://www.example.com%5C">`, whose host
/// is not a host, so the page is not valid HTML and the link leads nowhere. Such a link is
/// published as its text. Only the host of the special schemes is looked at, as the URL
/// Standard parses it: not empty, no forbidden host code point (also once `%XX` is decoded), and
/// a port that is a number up to 65535.
enum LinkAddress {
    private static let specialSchemes: Set<String> = ["http", "https", "ftp", "ws", "wss"]
    /// The URL Standard's forbidden domain code points that can appear in a Markdown link destination.
    private static let forbidden = Set(" \t\n\r#/:<>?@[\\]^|%\u{7F}".unicodeScalars)

    static func isPublishable(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return true }
        let scheme = url[..<colon].lowercased()
        guard specialSchemes.contains(scheme) else { return true }
        let rest = url[url.index(after: colon)...]
        guard rest.hasPrefix("//") else { return true }
        // The authority ends at the first `/`, `?` or `#`; a backslash does not end it, because
        // cmark-gfm writes it as `%5C`.
        let authority = rest.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var host = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        if host.hasPrefix("[") { return host.contains("]") }  // an IPv6 address: left to the browser
        if let portColon = host.lastIndex(of: ":") {
            let port = host[host.index(after: portColon)...]
            guard port.count <= 5, port.allSatisfy({ $0.isASCII && $0.isNumber }), (Int(port) ?? 0) <= 65535 else { return false }
            host = host[..<portColon]
        }
        guard let decoded = host.removingPercentEncoding, !decoded.isEmpty else { return false }
        return !decoded.unicodeScalars.contains { forbidden.contains($0) || $0.value < 0x20 }
    }
}

extension Substring {
    /// `%XX` decoded; `nil` when a `%` is not followed by two hex digits or the bytes are not UTF-8.
    fileprivate var removingPercentEncoding: String? {
        var bytes: [UInt8] = []
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                guard first < utf8.endIndex, utf8.index(after: first) < utf8.endIndex,
                    let value = UInt8(String(decoding: [utf8[first], utf8[utf8.index(after: first)]], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
                index = utf8.index(first, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
