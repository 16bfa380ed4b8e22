/// A word-level comparison of two texts, as HTML: removed words in `<del>`, added ones in `<ins>`.
///
/// Words and the white space between them are compared as tokens (a longest common subsequence),
/// so a reworded sentence shows just the words that changed. Texts too long to compare word by
/// word in reasonable time are shown as wholly replaced.
enum WordDiff {
    /// Above this many token pairs, the old text is shown removed and the new one added.
    static let limit = 4_000_000

    enum Part: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    static func tokens(_ text: String) -> [Substring] {
        var tokens: [Substring] = []
        var start = text.startIndex
        var inSpace: Bool?
        for index in text.indices {
            let space = text[index].isWhitespace
            if let inSpace, inSpace != space {
                tokens.append(text[start..<index])
                start = index
            }
            inSpace = space
        }
        if start < text.endIndex { tokens.append(text[start...]) }
        return tokens
    }

    static func parts(_ old: String, _ new: String) -> [Part] {
        let a = tokens(old)
        let b = tokens(new)
        guard a.count * b.count <= limit else {
            return (old.isEmpty ? [] : [.removed(old)]) + (new.isEmpty ? [] : [.added(new)])
        }
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        let width = b.count + 1
        var lengths = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i * width + j] =
                    a[i] == b[j] ? lengths[(i + 1) * width + j + 1] + 1 : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var parts: [Part] = []
        func append(_ part: Part) {
            switch (parts.last, part) {
            case (.same(let x)?, .same(let y)): parts[parts.count - 1] = .same(x + y)
            case (.removed(let x)?, .removed(let y)): parts[parts.count - 1] = .removed(x + y)
            case (.added(let x)?, .added(let y)): parts[parts.count - 1] = .added(x + y)
            default: parts.append(part)
            }
        }
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                append(.same(String(a[i])))
                (i, j) = (i + 1, j + 1)
            } else if i < a.count, j == b.count || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                append(.removed(String(a[i])))
                i += 1
            } else {
                append(.added(String(b[j])))
                j += 1
            }
        }
        return parts
    }

    static func html(_ old: String, _ new: String) -> String {
        parts(old, new).map { part in
            switch part {
            case .same(let text): Escaping.xml(text)
            case .removed(let text): "<del>\(Escaping.xml(text))</del>"
            case .added(let text): "<ins>\(Escaping.xml(text))</ins>"
            }
        }.joined()
    }
}
