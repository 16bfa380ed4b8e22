import CStemmer

/// Norwegian (bokmål) Snowball stemming through libstemmer: the only file that imports it.
/// Search reduces indexed words and query words with it, so that inflected forms meet
/// (`fastlegen`, `fastlegene` → `fastleg`). `assets/words.js` is the same algorithm for the
/// browser; a test checks that the two agree on every word of an index.
///
/// A stemmer holds a buffer: use one per task, never one from two threads.
public final class NorwegianStemmer {
    private let stemmer: OpaquePointer

    public init() {
        // "norwegian" is compiled into every libstemmer; only running out of memory makes this nil.
        guard let stemmer = sb_stemmer_new("norwegian", "UTF_8") else { fatalError("libstemmer: no Norwegian stemmer") }
        self.stemmer = stemmer
    }

    deinit { sb_stemmer_delete(stemmer) }

    /// The stem of a word in lower case.
    public func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes in
            guard let base = bytes.baseAddress,
                let stemmed = sb_stemmer_stem(stemmer, base, Int32(bytes.count))
            else { return String(decoding: bytes, as: UTF8.self) }
            let length = Int(sb_stemmer_length(stemmer))
            return String(decoding: UnsafeBufferPointer(start: stemmed, count: length), as: UTF8.self)
        }
    }
}
