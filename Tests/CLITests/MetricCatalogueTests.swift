import Foundation
import MetricCatalogue
import Reports
import Testing

/// The metric catalogue is the one definition of summary metric names and units: README's tables
/// are its rendering, and every summary row the shipped scenarios write is one of its metrics
/// with one of its units.
@Suite("Metric catalogue")
struct MetricCatalogueTests {
    /// README's text between the markers.
    static func readmeSection(_ readme: String) -> (range: Range<String.Index>, text: String)? {
        guard let begin = readme.range(of: MetricTable.beginMarker + "\n"),
              let end = readme.range(of: MetricTable.endMarker, range: begin.upperBound..<readme.endIndex) else { return nil }
        return (begin.upperBound..<end.lowerBound, String(readme[begin.upperBound..<end.lowerBound]))
    }

    @Test("README's metric tables are the catalogue's rendering (VIRTSIM_WRITE_README=1 rewrites them)")
    func readmeTables() throws {
        let path = packageRoot + "/README.md"
        let readme = try #require(read(path))
        let section = try #require(Self.readmeSection(readme), "README lacks the metric table markers")
        let expected = MetricTable.markdown()
        if section.text != expected && ProcessInfo.processInfo.environment["VIRTSIM_WRITE_README"] == "1" {
            var updated = readme
            updated.replaceSubrange(section.range, with: expected)
            try updated.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(section.text == expected, "README's metric tables are stale: run the tests with VIRTSIM_WRITE_README=1")
    }

    @Test("names are unique, lowercase identifiers; every metric has a unit and a meaning")
    func definitions() {
        let names = Metric.allCases.map(\.name)
        #expect(Set(names).count == names.count)
        for m in Metric.allCases {
            let plain = m.name.replacingOccurrences(of: "<operation>", with: "x")
            #expect(plain.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }, "\(m.name)")
            #expect(!m.definition.units.isEmpty && !m.definition.meaning.isEmpty, "\(m.name)")
        }
        #expect(MetricGroup.allCases.allSatisfy { g in Metric.allCases.contains { $0.definition.group == g } })
    }

    @Test("a pattern's members resolve to it; other names resolve to themselves or to nothing")
    func patterns() {
        let v = MetricValue(.cpuOverheadByOperationPercent, operation: "page_fault", 1.5)
        #expect(v.name == "cpu_overhead_page_fault_percent" && v.unit == "percent")
        #expect(Metric.named(v.name) == .cpuOverheadByOperationPercent)
        #expect(Metric.named("cpu_overhead_percent") == .cpuOverheadPercent)
        #expect(Metric.named("migrations") == .migrations)
        #expect(Metric.named("vm_migrations") == nil)
        #expect(Metric.named("guests_per_active_host") == nil)
        #expect(MetricValue(.ioThroughput, 3, unit: "Mb/s").unit == "Mb/s")
    }

    /// Every summary.csv and sweep.csv under results/: each (metric, unit) is in the catalogue.
    @Test("every metric the shipped scenarios write is in the catalogue, with one of its units")
    func goldenOutputs() throws {
        let root = packageRoot + "/results"
        let files = try FileManager.default.subpathsOfDirectory(atPath: root)
            .filter { $0.hasSuffix("/summary.csv") || $0.hasSuffix("/sweep.csv") }.sorted()
        #expect(files.count > 20)
        var seen: Set<Metric> = []
        for file in files {
            let table = try CSVTable.parse(try #require(read(root + "/" + file)))
            let m = try #require(table.columnIndex("metric")), u = try #require(table.columnIndex("unit"))
            for row in table.rows {
                let metric = Metric.named(row[m])
                #expect(metric != nil, "\(file): '\(row[m])' is not in the metric catalogue")
                guard let metric else { continue }
                seen.insert(metric)
                #expect(metric.definition.units.contains(row[u]), "\(file): \(row[m]) in '\(row[u])', the catalogue says \(metric.definition.units)")
            }
        }
        // The shipped scenarios exercise nearly every metric (the downtime of a migration model that
        // has one is written only by scenarios that choose pre-copy or cold migration).
        #expect(Set(Metric.allCases).subtracting(seen).isSubset(of: [.migrationDowntimeSecondsMean]),
                "no shipped result writes \(Set(Metric.allCases).subtracting(seen).map(\.name).sorted())")
    }
}
