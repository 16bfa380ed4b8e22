import Diagnostics

/// A task from `tasks.yml` (optional): the name readers see for a `task:` that duties refer to.
///
/// When the file exists it is the controlled vocabulary of tasks (a `task:` not in it is
/// `task-unknown`), as `parties.yml` is of parties; without it, any slug is a task.
public struct NamedTask: Sendable {
    public let id: Located<String>
    public let title: Located<String>
    public let description: Located<String>?

    static func decode(_ reader: inout FieldReader) -> NamedTask? {
        let id = reader.slug("id", required: true, "oppgavens id (slug), f.eks. `timebestilling-etter-utskrivning`")
        let title = reader.string("title", required: true, "oppgavens navn slik leserne ser det, f.eks. `Timebestilling etter utskrivning`")
        let description = reader.string("description", "en kort beskrivelse av oppgaven")
        guard let id, let title else { return nil }
        return NamedTask(id: id, title: title, description: description)
    }

    /// `tasks.yml`: a list of tasks.
    static func decodeList(_ node: YAMLNode?, _ file: SourceFile) -> ([NamedTask], [Diagnostic]) {
        guard let node, !node.isNull else { return ([], []) }
        guard let items = node.items else {
            return ([], [Diagnostic(.fieldType, at: node.location, "tasks.yml skal være en liste der hvert punkt har `id:` og `title:`")])
        }
        var found: [NamedTask] = []
        var problems: [Diagnostic] = []
        for item in items {
            var reader = FieldReader(item, path: file.path, what: "hver oppgave i tasks.yml")
            let task = decode(&reader)
            reader.finish()
            problems += reader.diagnostics
            if let task { found.append(task) }
        }
        return (found, problems)
    }
}
