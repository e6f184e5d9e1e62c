import Foundation
import Reports
import Scenario
import VirtModel

/// `virtsim show hardware|power NAME|FILE`: one hardware profile or power table, every number
/// with its unit and source; `--json` prints the document itself (what `scenarios/hardware/` holds).
enum ShowCommand {
    static let help = """
    OVERVIEW: Show a hardware profile or a power table, every number with its unit and source.

    USAGE: virtsim show hardware <name-or-file> [--json]
           virtsim show power <name-or-file> [--json]

    ARGUMENTS:
      <name-or-file>          A built-in name (see 'virtsim list --hardware') or a JSON document
                              file; a file is checked and every problem reported with its JSON path.

    OPTIONS:
      --json                  Print the document (the format of scenarios/hardware/*.json).
      -h, --help              Show help information.

    Exit status: 0 shown, 2 unknown name or bad document.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: [], flags: ["json"], maxPositionals: 2, console: console)
        guard let parsed = p else { return early! }
        guard parsed.positionals.count == 2, ["hardware", "power"].contains(parsed.positionals[0]) else {
            console.err("Error: expected 'hardware <name-or-file>' or 'power <name-or-file>'\n\n" + help)
            return .badInput
        }
        let what = parsed.positionals[0], name = parsed.positionals[1]
        do {
            if what == "hardware" {
                let profile = try HardwareCatalogueFiles.profile(name)
                console.out(parsed.flags.contains("json") ? HardwareDocument.text(of: profile, schema: HardwareDocument.schemaReference).dropLast().description : describe(profile))
            } else {
                let table = try HardwareCatalogueFiles.powerTable(name)
                console.out(parsed.flags.contains("json") ? PowerTableDocument.text(of: table, schema: PowerTableDocument.schemaReference).dropLast().description : describe(table))
            }
            return .success
        } catch let e as ScenarioError {
            console.err("Error: " + e.description)
        } catch {
            console.err("Error: \(error)")
        }
        return .badInput
    }

    /// A profile as text: header lines, then one row per number (path, value, unit, source).
    static func describe(_ p: HardwareProfile) -> String {
        var lines = ["\(p.name): \(p.summary)",
                     "cpu: \(p.cpu.generation)",
                     "full virtualization: \(p.fullVirtualization.rawValue); para-virtualization: \(p.paraVirtualization.rawValue); nested paging: \(p.nestedPaging ? "yes" : "no")",
                     "storage: \(p.storage.name); network: \(p.nic.name)",
                     "emulated disk: \(p.emulatedDisk.name); emulated NIC: \(p.emulatedNIC.name)",
                     "power: " + (p.power.map { "\($0.name) (\(NumberFormat.format($0.idleWatts)) W idle, \(NumberFormat.format($0.maxWatts)) W at full load)" } ?? "none (a host type gives its own table)"),
                     ""]
        var rows = [["parameter", "value", "unit", "source"]]
        for f in HardwareProfile.fields {
            let c = p[keyPath: f.keyPath]
            rows.append([f.path, NumberFormat.format(c.value, significant: 6), f.unit, c.source])
        }
        for f in HardwareProfile.cpuCountFields {
            if let c = p[keyPath: f.keyPath] { rows.append(["cpu.\(f.key)", NumberFormat.format(c.value), f.unit, c.source]) }
        }
        for m in p.measured {
            for f in HardwareProfile.measuredFields {
                let c = m[keyPath: f.keyPath]
                rows.append(["measured.\(m.kind.rawValue).\(f.key)", NumberFormat.format(c.value, significant: 6), "µs", c.source])
            }
        }
        lines.append(TextTable.render(rows))
        return lines.joined(separator: "\n")
    }

    static func describe(_ m: SpecPowerModel) -> String {
        var rows = [["load %", "watts"]]
        for (i, w) in m.watts.enumerated() { rows.append(["\(i * 10)", NumberFormat.format(w)]) }
        rows.append(["asleep", NumberFormat.format(m.sleepWatts)])
        rows.append(["off", NumberFormat.format(m.offWatts)])
        return "\(m.name)\nsource: \(m.source)\nasleep/off: \(m.standbySource)\n\n" + TextTable.render(rows)
    }
}

/// Built-in hardware profiles and power tables by name, or documents read from a file.
enum HardwareCatalogueFiles {
    static func profile(_ nameOrFile: String) throws -> HardwareProfile {
        if let p = HardwareProfile.named(nameOrFile) { return p }
        guard nameOrFile.hasSuffix(".json") || nameOrFile.contains("/") else {
            throw InputError(message: "unknown hardware profile '\(nameOrFile)'; expected one of \(HardwareProfile.catalogueNames.joined(separator: ", ")) or a .json file")
        }
        return try HardwareDocument.read(try text(nameOrFile), file: nameOrFile)
    }

    static func powerTable(_ nameOrFile: String) throws -> SpecPowerModel {
        if let m = SpecPowerModel.named(nameOrFile) { return m }
        guard nameOrFile.hasSuffix(".json") || nameOrFile.contains("/") else {
            throw InputError(message: "unknown power table '\(nameOrFile)'; expected one of \(SpecPowerModel.catalogue.map(\.name).joined(separator: ", ")) or a .json file")
        }
        return try PowerTableDocument.read(try text(nameOrFile), file: nameOrFile)
    }

    static func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let t = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: path, diagnostics: [Diagnostic(path: "$", message: "cannot read the file (missing, unreadable or not UTF-8)")])
        }
        return t
    }

    /// `virtsim list --hardware`: one line per built-in profile and power table.
    static func listing() -> String {
        var rows = [["hardware profile", "cpu", "summary"]]
        for p in HardwareProfile.catalogue { rows.append([p.name, p.cpu.generation, p.summary]) }
        var power = [["power table", "idle W", "full-load W", "source"]]
        for m in SpecPowerModel.catalogue {
            power.append([m.name, NumberFormat.format(m.idleWatts), NumberFormat.format(m.maxWatts), m.source])
        }
        return TextTable.render(rows) + "\n\n" + TextTable.render(power)
            + "\n\nDocuments: scenarios/hardware/<name>.json and scenarios/hardware/power/<name>.json; 'virtsim show hardware <name>' prints one."
    }
}
