import Foundation
import PerfManifest
import PerfTestSupport
import Testing

/// Reading `perf.json` of any kind, and refusing to write what perf would refuse to read.
@Suite struct PackageManifestTests {
    static func example(_ name: String) throws -> Data {
        try Data(contentsOf: RepositoryPaths.manifests.appendingPathComponent("examples/\(name)"))
    }

    @Test func dispatchesOnKind() throws {
        let concept = try PackageManifest.decode(Self.example("bullseye-circle.perf.json"), source: "perf.json")
        guard case .concept(let manifest) = concept else { Issue.record("not a concept: \(concept)"); return }
        #expect(concept.kind == .concept && concept.name?.description == "examples/bullseye-circle")
        #expect(concept.version == SemanticVersion(1, 0, 0))
        #expect(manifest.gate == .init(beta: 0.7, tau: 0.15, locking: .local))
        #expect(manifest.training?.images.count == 4 && manifest.training?.masks == .used(false))

        let base = try PackageManifest.decode(Self.example("sd15-reference.perf.json"), source: "perf.json")
        guard case .base(let baseManifest) = base else { Issue.record("not a base: \(base)"); return }
        #expect(baseManifest.model.source == .reference(path: "/opt/models/stable-diffusion-v1-5"))
        #expect(baseManifest.text == .init(width: 768, maxLength: 77, vocabularySize: 49408))

        let composition = try PackageManifest.decode(Self.example("two-shapes.perf.json"), source: "perf.json")
        #expect(composition.kind == .composition && composition.version == nil)
        #expect(try composition.encoded() == Self.example("two-shapes.perf.json"))
    }

    @Test func anUnknownKindIsRefusedAtKind() throws {
        let text = String(decoding: try Self.example("two-shapes.perf.json"), as: UTF8.self)
            .replacingOccurrences(of: #""kind" : "composition""#, with: #""kind" : "model""#)
        let error = try #require(throws: ManifestError.self) { try PackageManifest.decode(Data(text.utf8), source: "perf.json") }
        #expect(error.description == #"perf.json: field `kind`: expected one of "concept", "base", "composition", got "model"; fix `kind` in perf.json"#)
    }

    @Test func encodingRefusesWhatReadingWouldRefuse() throws {
        var manifest = try ConceptManifest.decode(Self.example("bullseye-circle.perf.json"))
        manifest.superclass = "Teddy Bear"
        let error = try #require(throws: ManifestError.self) { try manifest.encoded() }
        #expect(error.field?.description == "superclass")
        #expect(error.description.contains(#"got "Teddy Bear""#))

        manifest.superclass = "teddy"
        manifest.gate.beta = 1
        #expect(throws: ManifestError.self) { try PackageManifest.concept(manifest).encoded() }
        manifest.gate.beta = .nan
        #expect(throws: ManifestError.self) { try manifest.encoded() }

        var line = IndexLine(name: manifest.name, version: manifest.version, kind: .concept, sha256: manifest.base.digest,
                             size: 10, keyID: "0123456789ABCDEF", published: Date(timeIntervalSince1970: 0))
        let missingBase = try #require(throws: ManifestError.self) { try line.validate() }
        #expect(missingBase.field?.description == "base")
        line.base = .init(name: manifest.base.name, digest: manifest.base.digest)
        line.superclass = "teddy"
        try line.validate()
        #expect(line.encodedLine().contains(#""published":"1970-01-01T00:00:00Z""#))

        let lock = Lockfile(packages: [
            .init(name: manifest.name, version: manifest.version, kind: .concept, sha256: manifest.base.digest, size: 1,
                  registry: "file:///r", keyID: "0123456789ABCDEF"),
            .init(name: manifest.name, version: SemanticVersion(2, 0, 0), kind: .concept, sha256: manifest.base.digest, size: 1,
                  registry: "file:///r", keyID: "0123456789ABCDEF"),
        ])
        let twice = try #require(throws: ManifestError.self) { try lock.encoded() }
        #expect(twice.description.hasPrefix("perf.lock: field `packages[1].name`: expected a package not locked twice"))
    }

    @Test func lockfilesAreWrittenSortedByName() throws {
        let lock = try Lockfile.decode(Self.example("perf.lock"))
        var shuffled = lock
        shuffled.packages.reverse()
        #expect(try shuffled.encoded() == Self.example("perf.lock"))
        #expect(lock.package(named: PackageName("perf/shapes")!)?.kind == .base)
    }

    @Test func publishedTimesDropFractionsOfASecond() throws {
        var line = try IndexLine.decode(line: String(decoding: try Data(contentsOf: RepositoryPaths.manifests
            .appendingPathComponent("registry/index/perf/shapes")), as: UTF8.self).trimmingCharacters(in: .newlines), source: "index")
        line.published = Date(timeIntervalSince1970: 1_736_064_000.75)
        #expect(line.encodedLine().contains(#""published":"2025-01-05T08:00:00Z""#))
        #expect(try IndexLine.decode(line: line.encodedLine(), source: "index").published == Date(timeIntervalSince1970: 1_736_064_000))
    }

    @Test func theDownloadTemplateFillsInTheDigest() throws {
        let config = try RegistryConfig.decode(Data(contentsOf: RepositoryPaths.manifests.appendingPathComponent("registry/config.json")))
        let digest = try Digest(sha256Hex: String(repeating: "ab", count: 32))
        #expect(config.downloadPath(for: digest) == "blobs/sha256/" + digest.hex)
        #expect(config.rootKeys.count == 1 && config.api == nil && !config.authRequired)
    }

    @Test func theWeightsDigestListingIsWhatSha256sumPrints() throws {
        let directory = try TemporaryDirectory()
        let paths = ["unet/config.json", "model_index.json", "unet-b", "a.b/c", "vae/diffusion_pytorch_model.safetensors"]
        for (index, path) in paths.enumerated() { try directory.write(path, String(repeating: "weights \(index)\n", count: index + 1)) }
        var files: [BaseManifest.File] = []
        for path in paths {
            let sum = try ProcessRunner.run(tool: "sha256sum", [path], currentDirectory: directory.url)
            files.append(.init(path: path, sha256: try Digest(sha256Hex: String(sum.stdout.prefix(64))), size: 0))
        }
        let sorted = paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let sums = try ProcessRunner.run(tool: "sha256sum", sorted, currentDirectory: directory.url)
        #expect(BaseManifest.weightsDigestListing(files) == sums.stdout)
    }
}
