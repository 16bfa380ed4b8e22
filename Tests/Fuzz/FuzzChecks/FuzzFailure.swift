import Diagnostics
import Foundation

/// A broken promise found by a fuzz check: what was expected and what happened instead.
///
/// The harnesses abort on it (so libFuzzer keeps the input); `FuzzCorpusTests` records it as a
/// failed test. A crash in the product code is found the same way, without a `FuzzFailure`.
public struct FuzzFailure: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The fuzz checks by name: the name of the harness, of its corpus folder and of its seeds.
public enum FuzzChecks {
    public static let names = ["content", "markdown", "templates", "yaml"]

    /// The check a harness runs on each input, by name.
    public static func check(named name: String) -> ([UInt8]) throws(FuzzFailure) -> Void {
        switch name {
        case "content":
            let fuzz = ContentFuzz.shared
            return { input throws(FuzzFailure) in try fuzz.check(input) }
        case "markdown": return MarkdownFuzz.check
        case "templates": return TemplateFuzz.check
        case "yaml": return YAMLFuzz.check
        default: preconditionFailure("no fuzz check named \(name)")
        }
    }

    /// What a libFuzzer harness's `LLVMFuzzerTestOneInput` does: runs the check on the input and
    /// aborts on a failure, after printing it, so that libFuzzer saves the input.
    public static func run(_ name: String, _ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        do {
            try check(named: name)(input)
        } catch {
            FileHandle.standardError.write(Data("\nFUZZ FAILURE (\(name)): \(error.description)\n".utf8))
            abort()
        }
        return 0
    }
}

/// Checks shared by the harnesses.
enum Expect {
    /// The lines of `text` as an editor shows them: split at LF, CRLF and lone CR (as the content
    /// loader reads them), or only at LF (`carriageReturns: false`, as templates are read).
    static func lines(_ text: String, carriageReturns: Bool = true) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = [[]]
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r" && carriageReturns: break
            case "\n": lines.append([])
            case "\r" where carriageReturns: lines.append([])
            default: lines[lines.count - 1].append(scalar)
            }
            previous = scalar
        }
        return lines
    }

    /// A position (1-based line and column in Unicode scalars) that lies in `lines` or just after
    /// the end of a line; `what` names it in the failure.
    static func position(
        line: Int, column: Int, in lines: [[Unicode.Scalar]], firstLine: Int = 1, _ what: @autoclosure () -> String
    ) throws(FuzzFailure) {
        let index = line - firstLine
        guard index >= 0, index < lines.count else {
            throw FuzzFailure("\(what()) is at line \(line), outside lines \(firstLine)…\(firstLine + lines.count - 1)")
        }
        guard column >= 1, column <= lines[index].count + 1 else {
            throw FuzzFailure("\(what()) is at \(line):\(column), but that line has \(lines[index].count) characters")
        }
    }
}
