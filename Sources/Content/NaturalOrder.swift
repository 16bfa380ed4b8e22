/// Orders ids the way people read them: `MO-FS-2` before `MO-FS-10`.
public func naturalLess(_ a: String, _ b: String) -> Bool {
    NaturalKey(a) < NaturalKey(b)
}

/// A sort key for natural order, made once per text (sorting thousands of ids compares each
/// many times): the text's UTF-8 with every run of ASCII digits written without leading zeros
/// and padded with zeros to a fixed width, so that keys compare byte by byte. Texts whose keys
/// are equal (`07` and `7`) are ordered by the text itself.
public struct NaturalKey: Comparable, Sendable {
    /// Runs of more digits than this (after leading zeros) are left as they are.
    private static let width = 19

    private let key: [UInt8]
    private let text: String

    public init(_ text: String) {
        self.text = text
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count + 2 * Self.width)
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            guard Self.isDigit(utf8[index]) else {
                key.append(utf8[index])
                index += 1
                continue
            }
            var end = index
            while end < utf8.count, Self.isDigit(utf8[end]) { end += 1 }
            var significant = index
            while significant < end - 1, utf8[significant] == UInt8(ascii: "0") { significant += 1 }
            if end - significant <= Self.width {
                key.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: Self.width - (end - significant)))
                key.append(contentsOf: utf8[significant..<end])
            } else {
                key.append(contentsOf: utf8[index..<end])
            }
            index = end
        }
        self.key = key
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    public static func == (a: NaturalKey, b: NaturalKey) -> Bool { a.text == b.text }

    public static func < (a: NaturalKey, b: NaturalKey) -> Bool {
        a.key != b.key ? a.key.lexicographicallyPrecedes(b.key) : a.text < b.text
    }
}
