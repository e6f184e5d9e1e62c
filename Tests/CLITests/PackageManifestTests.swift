import Foundation
import Testing

/// Package.swift is the map of the modules: it must say exactly what each one imports, no more
/// (a stale dependency hides a layering change) and no less (a module that builds only through
/// another's transitive dependency breaks when that one changes).
@Suite("Package manifest")
struct PackageManifestTests {
    /// Modules every target may import without declaring them: the toolchain's own.
    static let toolchainModules: Set<String> = ["Foundation", "FoundationXML", "Dispatch", "Synchronization", "Testing", "XCTest", "Glibc", "Musl", "Darwin"]

    /// `name: "X", dependencies: ["A", "B"]` for every target of Package.swift, in order.
    static func declaredTargets() throws -> [(name: String, dependencies: Set<String>)] {
        let text = try String(contentsOfFile: packageRoot + "/Package.swift", encoding: .utf8)
        var out: [(String, Set<String>)] = []
        for line in text.split(separator: "\n") where line.contains("arget(name: \"") {
            let name = line.split(separator: "\"")[1]
            var deps: Set<String> = []
            if let open = line.range(of: "dependencies: [") {
                let list = line[open.upperBound...].prefix { $0 != "]" }
                deps = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) }.filter { !$0.isEmpty })
            }
            out.append((String(name), deps))
        }
        return out
    }

    /// The modules a target's Swift files import (`import X`, `@testable import X`).
    static func imports(of directory: String) -> Set<String> {
        var found: Set<String> = []
        guard let files = FileManager.default.enumerator(atPath: directory) else { return found }
        for case let file as String in files where file.hasSuffix(".swift") {
            guard let text = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
                      words[..<i].allSatisfy({ $0 == "@testable" || $0.hasPrefix("@_") }) else { continue }
                found.insert(String(words[i + 1]))
            }
        }
        return found.subtracting(toolchainModules)
    }

    @Test("Every target declares exactly the modules its sources import")
    func exactDependencies() throws {
        let targets = try Self.declaredTargets()
        #expect(targets.count >= 10, "Package.swift's targets were not found")
        for target in targets {
            let dir = ["Sources", "Tests"].map { packageRoot + "/\($0)/" + target.name }.first { FileManager.default.fileExists(atPath: $0) }
            let directory = try #require(dir, "no folder for target \(target.name)")
            let imported = Self.imports(of: directory)
            #expect(imported.subtracting(target.dependencies).sorted() == [], "\(target.name) imports undeclared modules")
            #expect(target.dependencies.subtracting(imported).sorted() == [], "\(target.name) declares modules it never imports")
        }
    }
}
