/// Orders ids the way people read them: `MO-FS-2` before `MO-FS-10`.
public func naturalLess(_ a: String, _ b: String) -> Bool {
    NaturalKey(a) < NaturalKey(b)
}

/// A sort key for natural order, with the text split into runs of digits once (sorting
/// thousands of ids would otherwise split each id at every comparison).
public struct NaturalKey: Comparable, Sendable {
    let text: String
    /// `MO-FS-07` → `[("MO-FS-", nil), ("07", 7)]`: runs of ASCII digits and of everything else.
    let chunks: [(text: Substring, number: Int?)]

    public init(_ text: String) {
        self.text = text
        var chunks: [(Substring, Int?)] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            if next == scalars.endIndex || Self.isDigit(scalars[index]) != Self.isDigit(scalars[next]) {
                let chunk = text[start..<next]
                chunks.append((chunk, Self.isDigit(scalars[index]) ? Int(chunk) : nil))
                start = next
            }
            index = next
        }
        self.chunks = chunks
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value &- 0x30 < 10 }

    public static func == (a: NaturalKey, b: NaturalKey) -> Bool { a.text == b.text }

    public static func < (a: NaturalKey, b: NaturalKey) -> Bool {
        for (p, q) in zip(a.chunks, b.chunks) where p.text != q.text {
            if let m = p.number, let n = q.number, m != n { return m < n }
            if p.number == nil || q.number == nil { return p.text < q.text }
        }
        return a.chunks.count != b.chunks.count ? a.chunks.count < b.chunks.count : a.text < b.text
    }
}
