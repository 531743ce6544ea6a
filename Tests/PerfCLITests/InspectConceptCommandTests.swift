import Foundation
import PerfDiffusion
import PerfManifest
import PerfPerfusion
import PerfSafeTensors
import PerfTensor
import PerfTestSupport
import Testing

/// `perf inspect --concept` end to end through the built `perf`, on the tiny random Stable
/// Diffusion of Tests/PerfDiffusionTests/Fixtures.
@Suite struct InspectConceptCommandTests {
    typealias Workspace = DiffusionCommandTests.Workspace
    static let prompt = "a red <test/dots> next to a square"

    /// A concept package folder for the tiny model whose target input is the encoder's output
    /// at its token in `prompt`, so that its share there is 1 (stored as F32 to keep it so); returns
    /// it with the token's position.
    static func conceptPackage(_ work: Workspace, locking: ConceptManifest.Gate.Locking = .local) throws -> (URL, Concept, Int) {
        let model = try StableDiffusion(at: DiffusionCommandTests.tinyModel)
        var concept = try ConceptFixture.random(token: "<test/dots>", layers: model.unet.crossAttentions, seed: 5)
        let encoder = try ConceptPromptEncoder(tokenizer: model.tokenizer, encoder: model.textEncoder, concepts: [concept])
        let position = try #require(encoder.ids(prompt).firstIndex(of: model.textEncoder.config.vocabSize))
        let states = try encoder.encode([prompt])
        concept.targetInput = states.slice(axis: 1, position ..< position + 1).reshaped([32])
        let folder = work.path("dots")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try concept.write(to: folder.appendingPathComponent("concept.safetensors"), dtype: .f32)
        let manifest = ConceptManifest(name: try PackageName(parsing: "test/dots"), version: try SemanticVersion(parsing: "1.0.0"),
                                       description: "A test concept.", license: "MIT", authors: ["Test"], token: "<test/dots>",
                                       superclass: "circle",
                                       base: .init(name: try PackageName(parsing: "test/tiny"), requirement: "^1.0",
                                                   digest: try Digest(sha256Hex: String(repeating: "0", count: 64))),
                                       gate: .init(beta: 0.7, tau: 0.15, locking: locking))
        try manifest.encoded().write(to: folder.appendingPathComponent("perf.json"))
        return (folder, try Concept(contentsOf: folder.appendingPathComponent("concept.safetensors"), token: "<test/dots>",
                                    superclass: "circle"), position)
    }

    @Test func inspectReportsSharesGatesAndEnergyAndDumpsEditedKeysAndValues() throws {
        let work = try Workspace()
        let base = try BaseStatsCommandTests.basePackage(work)
        let (folder, concept, position) = try Self.conceptPackage(work)
        let result = try work.perf(["inspect", Self.prompt, "--base", base.path, "--concept", folder.path, "--dump", "dump", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let tokens = try #require(report["tokens"] as? [[String: Any]])
        #expect(tokens[position]["text"] as? String == "<test/dots>")
        let readings = try #require(report["concepts"] as? [[String: Any]])
        let reading = try #require(readings.first)
        let shares = try #require(reading["shares"] as? [Double]), gates = try #require(reading["gates"] as? [Double])
        #expect(shares.count == tokens.count && gates.count == tokens.count)
        #expect(abs(shares[position] - 1) < 1e-4, "share at the concept's token: \(shares[position])")
        let open = 1 / (1 + exp(-(1 - 0.7) / 0.15))
        #expect(abs(gates[position] - open) < 1e-4)
        #expect(shares.enumerated().allSatisfy { $0.offset == position || $0.element < 0.95 })
        #expect((reading["energy"] as? Double ?? 0) > 0 && (reading["layers"] as? [Any])?.count == 6)
        // The dumped values at the concept's token are its gated value targets: its input is replaced.
        for layer in try StableDiffusion(at: DiffusionCommandTests.tinyModel).unet.crossAttentions {
            let dumped = try SafeTensorsFile.read(from: work.path("dump/\(layer.path).safetensors"))
            let values = try #require(dumped.tensors["values"]).floats()
            let width = layer.queryDim
            let atToken = Array(values[position * width ..< (position + 1) * width])
            let expected = concept.valueTargets[layer.path]!.scalars.map { $0 * Float(open) }
            let scale = expected.map(abs).max() ?? 1
            #expect(zip(atToken, expected).allSatisfy { abs($0 - $1) <= 1e-3 * scale }, "\(layer.path)")
        }
        // The same concept packed into a bundle reads the same.
        try work.perf(["pack", folder.path, "-o", work.path("dots.perf").path])
        let packed = try work.perf(["inspect", Self.prompt, "--base", base.path, "--concept", work.path("dots.perf").path, "--json"])
        let packedReport = try #require(try JSONSerialization.jsonObject(with: Data(packed.stdout.utf8)) as? [String: Any])
        let packedShares = ((packedReport["concepts"] as? [[String: Any]])?.first?["shares"] as? [Double]) ?? []
        #expect(packedShares == shares)
        let human = try work.perf(["inspect", Self.prompt, "--base", base.path, "--concept", folder.path])
        #expect(human.stdout.contains("Concept <test/dots>") && human.stdout.contains("energy"))
    }

    @Test func inspectRefusesAConceptForAnotherBaseNamingFileAndTensor() throws {
        let work = try Workspace()
        let base = try BaseStatsCommandTests.basePackage(work)
        let (folder, concept, _) = try Self.conceptPackage(work)
        var wrong = concept
        let path = "mid_block.attentions.0.transformer_blocks.0.attn2"
        wrong.valueTargets[path] = Tensor.zeros([(concept.valueTargets[path]?.count ?? 1) + 3])
        try wrong.write(to: folder.appendingPathComponent("concept.safetensors"))
        let result = try work.perf(["inspect", Self.prompt, "--base", base.path, "--concept", folder.path], expect: 65)
        #expect(result.stderr.contains("concept.safetensors") && result.stderr.contains("value_target.\(path)"))
        try work.perf(["inspect", Self.prompt, "--base", base.path, "--concept", work.path("nothing").path], expect: 66)
    }
}

/// Random concepts for the tiny model.
enum ConceptFixture {
    static func random(token: String, layers: [CrossAttentionLayer], seed: UInt64) throws -> Concept {
        var generator = SeededRandom(seed: seed)
        var targets: [String: Tensor] = [:]
        for layer in layers { targets[layer.path] = Tensor.randomNormal([layer.queryDim], using: &generator) }
        return try Concept(token: token, superclass: "circle", tokenEmbedding: Tensor.randomNormal([32], standardDeviation: 0.02, using: &generator),
                           targetInput: Tensor.randomNormal([32], using: &generator),
                           superclassInput: Tensor.randomNormal([32], using: &generator), valueTargets: targets)
    }
}
