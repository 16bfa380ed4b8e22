import Foundation

/// Letters folded for searching, on both sides (`assets/words.js` folds the same way): what a
/// reader types on a foreign keyboard or spells the old way meets the Norwegian spelling.
public enum Folding {
    /// `æ`/`ä` → `ae`, `ø`/`ö` → `o`, accents and other marks dropped (`å` → `a`, `é` → `e`), and
    /// then `aa` → `a` (the old spelling of `å`). The text is in lower case already.
    public static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            return word.contains("aa") ? word.replacingOccurrences(of: "aa", with: "a") : word
        }
        var replaced = ""
        for scalar in word.unicodeScalars {
            switch scalar {
            case "æ", "ä": replaced += "ae"
            case "ø", "ö": replaced += "o"
            default: replaced.unicodeScalars.append(scalar)
            }
        }
        var folded = String.UnicodeScalarView()
        for scalar in replaced.decomposedStringWithCanonicalMapping.unicodeScalars where !(0x300...0x36F).contains(scalar.value) {
            folded.append(scalar)
        }
        return String(folded).replacingOccurrences(of: "aa", with: "a")
    }
}
