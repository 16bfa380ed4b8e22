import Foundation

// `embed-files OUTPUT NAME FOLDER [--hidden]`: writes OUTPUT, a Swift file declaring
// `let NAME: [(path: String, base64: String)]` with every file under FOLDER (its path relative
// to FOLDER, `/`-separated, sorted), the bytes as base64. Run by the EmbedFiles plugin on every
// build. Base64 string literals rather than `[UInt8]` array literals: the compiler reads a
// string literal in no time, whereas an array literal of 200,000 elements takes it minutes.
// Names starting with `.` are left out unless `--hidden` is given.

let arguments = CommandLine.arguments
guard arguments.count == 4 || (arguments.count == 5 && arguments[4] == "--hidden") else {
    FileHandle.standardError.write(Data("usage: embed-files OUTPUT NAME FOLDER [--hidden]\n".utf8))
    exit(2)
}
let (output, name, folder, hidden) = (arguments[1], arguments[2], arguments[3], arguments.count == 5)

var files: [(path: String, contents: Data)] = []
for relative in (FileManager.default.subpaths(atPath: folder) ?? []) {
    if !hidden && relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
    var isFolder: ObjCBool = false
    let path = folder + "/" + relative
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
    guard let contents = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("embed-files: cannot read \(path)\n".utf8))
        exit(1)
    }
    files.append((relative, contents))
}
files.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }

var source =
    "// Generated on every build by the EmbedFiles plugin (Plugins/EmbedFiles) from \(URL(fileURLWithPath: folder).lastPathComponent)/.\n"
source += "let \(name): [(path: String, base64: String)] = [\n"
for file in files {
    // Paths are file names: no quote or backslash needs escaping, but refuse one rather than
    // write Swift that does not compile.
    guard !file.path.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline }) else {
        FileHandle.standardError.write(Data("embed-files: unusable file name \(file.path)\n".utf8))
        exit(1)
    }
    source += "    (\"\(file.path)\", \"\(file.contents.base64EncodedString())\"),\n"
}
source += "]\n"
do {
    // Unchanged output is not written again, so that the target is not compiled again for nothing.
    if FileManager.default.contents(atPath: output) != Data(source.utf8) {
        try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    }
} catch {
    FileHandle.standardError.write(Data("embed-files: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
