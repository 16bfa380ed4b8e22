import ArgumentParser

extension ArgumentHelp {
    /// `--templates` of `build`, `serve` and `publish`.
    static let theme = ArgumentHelp(
        """
        Et helt eget tema (Mustache-maler og assets/) i stedet for det innebygde. Uten valget brukes det innebygde temaet, \
        og filene i en mappe Templates/ ved siden av innholdsmappen erstatter temaets filer med samme navn.
        """)
}
