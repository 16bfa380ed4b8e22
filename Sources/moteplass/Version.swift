/// The tool's version, printed by `moteplass --version` and named in the release archive
/// (`make dist`). Raised by hand for a release (README, "Last ned verktøyet").
let moteplassVersion = "1.0.0"
