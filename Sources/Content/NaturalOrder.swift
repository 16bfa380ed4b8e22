/// Orders ids the way people read them: `MO-FS-2` before `MO-FS-10`.
public func naturalLess(_ a: String, _ b: String) -> Bool {
    let x = numberChunks(a), y = numberChunks(b)
    for (p, q) in zip(x, y) where p != q {
        if let m = Int(p), let n = Int(q), m != n { return m < n }
        if Int(p) == nil || Int(q) == nil { return p < q }
    }
    return x.count != y.count ? x.count < y.count : a < b
}

/// `MO-FS-07` → `["MO-FS-", "07"]`: runs of ASCII digits and runs of everything else.
private func numberChunks(_ s: String) -> [Substring] {
    var chunks: [Substring] = []
    var start = s.startIndex
    var index = s.startIndex
    while index < s.endIndex {
        let next = s.index(after: index)
        if next < s.endIndex, s[index].isASCIIDigit != s[next].isASCIIDigit {
            chunks.append(s[start..<next])
            start = next
        }
        index = next
    }
    if start < s.endIndex { chunks.append(s[start...]) }
    return chunks
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
