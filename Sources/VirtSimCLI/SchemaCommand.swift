import Scenario

/// `virtsim schema`: the JSON Schema of scenario files' numeric keys, from `ScenarioKeys`.
enum SchemaCommand {
    static let help = """
    OVERVIEW: Print a JSON Schema (draft 2020-12) of scenario files.

    USAGE: virtsim schema

    The schema states every numeric key of every study with its type and range, generated from
    the same table 'virtsim validate' checks with; names, strings and rules across keys are left
    to 'validate'. Exit status: 0.

    OPTIONS:
      -h, --help              Show help information.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: [], flags: [], maxPositionals: 0, console: console)
        guard p != nil else { return early! }
        console.out(ScenarioSchema.document().rendered())
        return .success
    }
}
