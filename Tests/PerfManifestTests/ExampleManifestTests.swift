import Foundation
import PerfManifest
import PerfTestSupport
import Testing

/// Every file in `Manifests/` is read by perf, accepted by its schema, and written in
/// perf's canonical form (perf would write the same bytes).
@Suite struct ExampleManifestTests {
    /// One document found in `Manifests/`.
    struct Example {
        let file: String
        let schema: String
        let text: String
        /// perf's canonical bytes for the document, after decoding it.
        let canonical: String
    }

    static func examples() throws -> [Example] {
        let root = RepositoryPaths.manifests
        let files = try Self.files(under: root)
        #expect(files.count >= 8)
        var examples: [Example] = []
        for file in files where !file.hasSuffix(".md") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let data = Data(text.utf8)
            if file.hasSuffix(".perf.json") {
                let manifest = try PackageManifest.decode(data, source: file)
                examples.append(Example(file: file, schema: "\(manifest.kind.rawValue).schema.json", text: text,
                                        canonical: String(decoding: try manifest.encoded(), as: UTF8.self)))
            } else if file.hasSuffix(".lock") {
                let lockfile = try Lockfile.decode(data, source: file)
                examples.append(Example(file: file, schema: "lockfile.schema.json", text: text,
                                        canonical: String(decoding: try lockfile.encoded(), as: UTF8.self)))
            } else if file.hasSuffix("config.json") {
                let config = try RegistryConfig.decode(data, source: file)
                examples.append(Example(file: file, schema: "registry-config.schema.json", text: text,
                                        canonical: String(decoding: try config.encoded(), as: UTF8.self)))
            } else if file.contains("index/") {
                #expect(text.hasSuffix("\n"), "\(file): an index file ends every line with a newline")
                for (number, line) in text.split(separator: "\n").enumerated() {
                    let indexLine = try IndexLine.decode(line: String(line), source: "\(file) line \(number + 1)")
                    examples.append(Example(file: "\(file) line \(number + 1)", schema: "index-line.schema.json",
                                            text: String(line), canonical: indexLine.encodedLine()))
                }
            } else {
                Issue.record("\(file): no rule says which format it is; name it *.perf.json, *.lock, config.json or index/…")
            }
        }
        return examples
    }

    /// The regular files below `root`, as sorted relative paths.
    static func files(under root: URL) throws -> [String] {
        let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]))
        var files: [String] = []
        for case let url as URL in walker where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            files.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
        }
        return files.sorted()
    }

    @Test func everyExampleIsReadByPerfAndAcceptedByItsSchema() throws {
        let examples = try Self.examples()
        let verdicts = try SchemaValidator.judge(examples.map { .init(schema: $0.schema, document: $0.text) })
        for (example, verdict) in zip(examples, verdicts) {
            #expect(verdict.valid, "\(example.file) against \(example.schema): \(verdict.messages)")
        }
        let kinds = Set(examples.map(\.schema))
        #expect(kinds.count == 6, "examples cover \(kinds.sorted())")
    }

    @Test func everyExampleIsInCanonicalForm() throws {
        for example in try Self.examples() {
            #expect(example.text == example.canonical, "\(example.file) differs from what perf writes:\n\(example.canonical)")
        }
    }

    @Test func theExampleDigestsFitTogether() throws {
        let manifests = RepositoryPaths.manifests.appendingPathComponent("examples")
        let read = { (name: String) in try Data(contentsOf: manifests.appendingPathComponent(name)) }
        let base = try BaseManifest.decode(read("shapes.perf.json"))
        guard case .files(let files) = base.model.source else { Issue.record("the shapes example carries its files"); return }

        // The weights digest is the SHA-256 of the listing, checked with coreutils.
        let listing = BaseManifest.weightsDigestListing(files.shuffled())
        let result = try ProcessRunner.run(tool: "sha256sum", [], input: Data(listing.utf8))
        #expect(result.stdout == "\(base.weightsDigest.hex)  -\n")

        for name in ["bullseye-circle.perf.json", "checkered-square.perf.json"] {
            #expect(try ConceptManifest.decode(read(name)).base.digest == base.weightsDigest)
        }
        let lock = try Lockfile.decode(read("perf.lock"))
        #expect(lock.packages.filter { $0.kind == .concept }.allSatisfy { $0.baseDigest == base.weightsDigest })
    }
}
