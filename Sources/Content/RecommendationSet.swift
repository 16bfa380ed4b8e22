import Diagnostics

/// A set of recommendations adopted together (`recommendations/<set>/_set.md`).
public struct RecommendationSet: Sendable {
    public let document: Document
    public let id: Located<String>
    public let title: Located<String>
    public let status: Located<Status>
    public let owner: Located<String>
    public let adopted: Located<ContentDate>?
    /// Position in lists; sets without come last, by title.
    public let order: Located<Int>?
    public let description: Located<String>?
    public let source: Located<String>?

    /// The folder name, which is the set's address (`anbefalinger/<slug>/`).
    public let slug: String

    static func decode(_ reader: inout FieldReader, document: Document, slug: String) -> RecommendationSet? {
        let id = reader.contentID("settets id, f.eks. `MO-FS`")
        let title = reader.string("title", required: true, "settets tittel")
        let status = reader.status()
        let owner = reader.owner(at: .start(of: document.path))
        let adopted = reader.date("adopted", "datoen settet ble vedtatt (ÅÅÅÅ-MM)")
        let order = reader.int("order", "plassering i listen, 1 først")
        let description = reader.string("description", "en kort beskrivelse av settet")
        let source = reader.string("source", "kilden teksten bygger på")
        guard let id, let title, let status, let owner else { return nil }
        return RecommendationSet(
            document: document, id: id, title: title, status: status, owner: owner, adopted: adopted,
            order: order, description: description, source: source, slug: slug
        )
    }
}
