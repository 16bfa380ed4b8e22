import Diagnostics

/// A responsible party from `parties.yml` (fastlegen, sykehuset, …): the controlled vocabulary
/// that `responsible`, `owner` and `handover` refer to.
public struct Party: Sendable {
    public let id: Located<String>
    public let name: Located<String>
    public let description: Located<String>?
    /// Word forms used in running text ("fastlege", "fastlegen", "fastleger" …), lower case.
    public let aliases: [Located<String>]
    /// The side of the services the party belongs to (`kommune`, `spesialisthelsetjeneste`, …):
    /// what `endorsement-missing` reads to know which sides a recommendation binds.
    public let level: Located<Level>?

    static func decode(_ reader: inout FieldReader) -> Party? {
        let id = reader.slug("id", required: true, "partens id (slug), f.eks. `fastlege`")
        let name = reader.string("name", required: true, "partens navn slik leserne ser det, f.eks. `Fastlegen`")
        let description = reader.string("description", "en kort beskrivelse av parten")
        let aliases = reader.strings("aliases", "ordformer brukt i teksten, f.eks. `[fastlege, fastlegen]`")
            .map { $0.map { $0.lowercased() } }
        let level = reader.level()
        guard let id, let name else { return nil }
        return Party(id: id, name: name, description: description, aliases: aliases, level: level)
    }
}
