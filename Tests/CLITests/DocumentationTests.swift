import Foundation
import Testing

/// README and `docs/` speak to someone with a clone of the project only: every relative link and
/// image they contain names a file of the clone, and none of them sends the reader to a folder
/// beside the project.
@Suite struct DocumentationTests {
    /// README.md and every Markdown file under docs/, as paths relative to the package root.
    static let documents: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/docs")) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    /// The targets of Markdown links and images, `[text](target)` / `![alt](target)`, with any
    /// `#fragment` removed; absolute URLs and pure fragments are left out (they do not name a file
    /// of the clone). O(n) in the document's length.
    static func relativeLinkTargets(in text: String) -> [String] {
        var targets: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            var target = String(after[..<close]).trimmingCharacters(in: .whitespaces)
            rest = after[close...]
            if let space = target.firstIndex(of: " ") { target = String(target[..<space]) }  // `(path "title")`
            if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
            if target.isEmpty || target.contains("://") || target.hasPrefix("mailto:") { continue }
            targets.append(target)
        }
        return targets
    }

    @Test func linkTargetsAreParsed() {
        let text = "See [the model](docs/io-model.md#paths), ![chart](../results/a.svg \"A\"), "
            + "[site](https://example.org/x) and [here](#top)."
        #expect(Self.relativeLinkTargets(in: text) == ["docs/io-model.md", "../results/a.svg"])
    }

    @Test(arguments: documents)
    func everyRelativeLinkNamesAFileOfTheClone(document: String) throws {
        let text = try #require(read(packageRoot + "/" + document), "cannot read \(document)")
        let folder = (document as NSString).deletingLastPathComponent
        var missing: [String] = []
        for target in Self.relativeLinkTargets(in: text) {
            let decoded = target.removingPercentEncoding ?? target
            let path = ((packageRoot + "/" + folder) as NSString).appendingPathComponent(decoded)
            let standardized = (path as NSString).standardizingPath
            let inside = standardized.hasPrefix((packageRoot as NSString).standardizingPath + "/")
            if !inside || !FileManager.default.fileExists(atPath: standardized) { missing.append(target) }
        }
        #expect(missing.isEmpty, "\(document) links to files that are not in the clone: \(missing)")
    }

    @Test(arguments: documents)
    func noPointerOutsideTheClone(document: String) throws {
        let text = try #require(read(packageRoot + "/" + document), "cannot read \(document)")
        for forbidden in ["../shared", "FIGURES.md", "DESIGN.md"] {
            #expect(!text.contains(forbidden), "\(document) points outside the clone (\(forbidden))")
        }
    }

    /// The Swift sources, as paths relative to the package root.
    static let sources: [String] = {
        let files = FileManager.default.enumerator(atPath: packageRoot + "/Sources")?.allObjects as? [String] ?? []
        return files.filter { $0.hasSuffix(".swift") }.sorted().map { "Sources/" + $0 }
    }()

    /// Source comments cite the clone's own documents: every `docs/NAME.md` a source file names
    /// exists, and no source file points at a folder beside the project.
    @Test func sourceCommentsPointInsideTheClone() throws {
        #expect(Self.sources.count > 100, "the sources were not found")
        var problems: [String] = []
        for file in Self.sources {
            let text = try #require(read(packageRoot + "/" + file), "cannot read \(file)")
            for forbidden in ["../shared", "FIGURES.md", "DESIGN.md"] where text.contains(forbidden) {
                problems.append("\(file) points outside the clone (\(forbidden))")
            }
            var rest = Substring(text)
            while let hit = rest.range(of: "docs/") {
                let name = rest[hit.lowerBound...].prefix { $0.isLetter || $0.isNumber || "/-_.".contains($0) }
                rest = rest[hit.upperBound...]
                let document = name.hasSuffix(".") ? String(name.dropLast()) : String(name)
                guard document.hasSuffix(".md") else { continue }
                if !FileManager.default.fileExists(atPath: packageRoot + "/" + document) { problems.append("\(file) cites \(document), not in the clone") }
            }
        }
        #expect(problems.isEmpty, "\(problems)")
    }
}
