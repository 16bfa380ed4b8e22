import Foundation
import Publishing

/// Printing to standard error, and stopping with exit status 2 on a usage error.
enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Ends the process with `status`, after writing out what `print` buffered.
    static func exit(_ status: Int32) -> Never {
        fflush(nil)
        Foundation.exit(status)
    }

    static func fail(_ error: Pipeline.UsageError) -> Never {
        for diagnostic in error.diagnostics.sorted() {
            self.error(diagnostic.description + "\n")
        }
        self.error("feil: \(error.description)\n")
        exit(2)
    }
}
