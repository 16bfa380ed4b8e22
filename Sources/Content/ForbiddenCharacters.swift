/// Characters the site cannot publish: the C0 controls other than tab, line feed and carriage
/// return, DEL and the C1 controls, and the noncharacters (U+FDD0–U+FDEF and the last two of
/// every plane). HTML calls them parse errors (the Nu HTML Checker's "Forbidden code point"),
/// and XML, which the feed is, does not allow them (the form feed, which HTML allows, neither).
/// They come into content invisibly, pasted from a word processor (U+000B, U+0008, U+000C), or
/// written as YAML escapes (`"\x07"`). The validator reports them (`encoding-invalid`) at their
/// position, where the editor can delete what the editor does not show.
public enum ForbiddenCharacters {
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF: true
        default: scalar.value & 0xFFFE == 0xFFFE
        }
    }

    /// The offset and value of the first forbidden character in valid UTF-8 `bytes` (NUL included).
    /// Read as bytes: only control bytes and the lead bytes C2, EF and F0–F4 are looked at closer.
    static func first(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, scalar: UInt32)? {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20, byte < 0x7F {
                index += 1
                continue
            }
            func next(_ offset: Int) -> UInt8 { index + offset < count ? bytes[index + offset] : 0 }
            switch byte {
            case 0x09, 0x0A, 0x0D:
                break
            case ..<0x20, 0x7F:
                return (index, UInt32(byte))
            case 0xC2 where (0x80...0x9F).contains(next(1)):
                return (index, UInt32(next(1)))
            case 0xEF where next(1) == 0xB7 && (0x90...0xAF).contains(next(2)):
                return (index, 0xFDC0 + UInt32(next(2) & 0x3F))
            case 0xEF where next(1) == 0xBF && next(2) >= 0xBE:
                return (index, 0xFFC0 + UInt32(next(2) & 0x3F))
            case 0xF0...0xF4 where next(1) & 0x0F == 0x0F && next(2) == 0xBF && next(3) >= 0xBE:
                let scalar = (UInt32(byte & 0x07) << 18) | (UInt32(next(1) & 0x3F) << 12) | 0xFC0 | UInt32(next(3) & 0x3F)
                return (index, scalar)
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// `U+000B`, as the messages name a character.
    public static func name(_ scalar: UInt32) -> String {
        let hex = String(scalar, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
