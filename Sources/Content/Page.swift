import Diagnostics

/// A free page (`pages/<slug>.md`) or the front page text (`index.md`).
public struct Page: Sendable {
    public let document: Document
    public let title: Located<String>
    public let description: Located<String>?
    /// Position in the menu; pages without come last, by title.
    public let order: Located<Int>?
    public let source: Located<String>?

    public var slug: String { document.slug }

    static func decode(_ reader: inout FieldReader, document: Document) -> Page? {
        let title = reader.string("title", required: true, "sidens tittel")
        let description = reader.string("description", "en kort beskrivelse av siden")
        let order = reader.int("order", "plassering i menyen, 1 først")
        let source = reader.string("source", "kilden teksten bygger på")
        guard let title else { return nil }
        return Page(document: document, title: title, description: description, order: order, source: source)
    }
}
