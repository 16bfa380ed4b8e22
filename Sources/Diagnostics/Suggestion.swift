/// "Mente du …?": the closest known name to a misspelt one.
public enum Suggestion {
    /// The candidate with the smallest edit distance to `word`, if it is close enough to be a
    /// plausible typo (at most a third of the word's length, and at least 2 edits allowed). Ties
    /// go to the candidate first in string order, so the order of `candidates` does not matter.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        let limit = max(2, target.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            // The distance is at least the difference in length: most candidates stop here.
            let length = candidate.count
            guard abs(length - target.count) <= min(limit, best?.1 ?? .max) else { continue }
            let distance = editDistance(target, Array(candidate.lowercased()))
            guard distance <= limit else { continue }
            if let current = best, distance > current.1 || (distance == current.1 && candidate >= current.0) { continue }
            best = (candidate, distance)
        }
        return best?.0
    }

    /// " Mente du `x`?" or an empty string: ready to append to a message.
    public static func hint(for word: String, among candidates: some Sequence<String>) -> String {
        closest(to: word, among: candidates).map { " Mente du `\($0)`?" } ?? ""
    }

    /// Levenshtein distance, two rows at a time.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
