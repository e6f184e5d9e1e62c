import Scenario

/// `virtsim schema`: the JSON Schema of scenario files (or of hardware and power table
/// documents), declared with the readers' own key table and vocabularies (`ScenarioSchema`).
enum SchemaCommand {
    static let help = """
    OVERVIEW: Print a JSON Schema (draft 2020-12) of scenario files, hardware or power table documents.

    USAGE: virtsim schema [--hardware | --power]

    The scenario schema names every key of every study: numbers with their type and range,
    names with the list 'virtsim validate' accepts, objects closed to unknown keys, and the keys
    always required; an inline hardware or power table document is checked by its definition
    under $defs. Editors use it through the "$schema" key each shipped scenario carries
    (scenarios/scenario.schema.json holds this output). Rules across keys (one of two keys, a
    key that applies to one form only), files that must exist and resource limits are left to
    'validate'. Exit status: 0.

    OPTIONS:
      --hardware              The schema of hardware documents (scenarios/hardware/*.json).
      --power                 The schema of power table documents (scenarios/hardware/power/*.json).
      -h, --help              Show help information.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: [], flags: ["hardware", "power"], maxPositionals: 0, console: console)
        guard let p else { return early! }
        if p.flags.contains("hardware") && p.flags.contains("power") {
            console.err("error: give one of --hardware, --power")
            return .badInput
        }
        let kind: ScenarioSchema.Document = p.flags.contains("hardware") ? .hardware : p.flags.contains("power") ? .power : .scenario
        console.out(ScenarioSchema.text(kind, vocabulary: Vocabulary.current).dropLast().description)
        return .success
    }
}
