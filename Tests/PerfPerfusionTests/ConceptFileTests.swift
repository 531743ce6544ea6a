import Foundation
import PerfDiffusion
import PerfPerfusion
import PerfSafeTensors
import PerfTensor
import PerfTestSupport
import Testing

/// `concept.safetensors` (DESIGN §3): written and read back exactly, readable by the
/// reference `safetensors` package, and every malformed or mismatched file refused with an
/// error naming the file and the tensor.
@Suite struct ConceptFileTests {
    static func tinyConcept(seed: UInt64 = 1) throws -> (Concept, [CrossAttentionLayer]) {
        let layers = try PerfusionFixtures.tinyModel().unet.crossAttentions
        return (try PerfusionFixtures.randomConcept(token: "<test/dots>", width: 32, layers: layers, seed: seed), layers)
    }

    /// The concept's tensors with one changed by `change`, written to a file in `directory`.
    static func damaged(_ change: (inout [String: SafeTensor]) throws -> Void, in directory: TemporaryDirectory) throws -> URL {
        let (concept, _) = try tinyConcept()
        var file = try concept.file(dtype: .f32)
        try change(&file.tensors)
        let url = directory.path("concept.safetensors")
        try file.write(to: url)
        return url
    }

    static func load(_ url: URL) throws -> Concept {
        try Concept(contentsOf: url, token: "<test/dots>", superclass: "circle")
    }

    @Test func float32RoundTripsExactlyAndFloat16RoundsEachValue() throws {
        let directory = try TemporaryDirectory("perf-concept")
        let (concept, layers) = try Self.tinyConcept()
        for dtype in [SafeTensorsDType.f32, .f16] {
            let url = directory.path("concept-\(dtype.rawValue).safetensors")
            try concept.write(to: url, dtype: dtype)
            let file = try SafeTensorsFile.read(from: url)
            #expect(Set(file.tensors.keys) == Set(["token_embedding", "target_input", "superclass_input"]
                + layers.map { "value_target.\($0.path)" }))
            #expect(file.tensors.values.allSatisfy { $0.dtype == dtype })
            let read = try Self.load(url)
            try read.validate(against: layers, source: url.path)
            let format: ScalarFormat = dtype == .f16 ? .float16 : .float32
            #expect(read.targetInput.scalars == concept.targetInput.rounded(through: format).scalars)
            #expect(read.tokenEmbedding.scalars == concept.tokenEmbedding.rounded(through: format).scalars)
            #expect(read.superclassInput.scalars == concept.superclassInput.rounded(through: format).scalars)
            for layer in layers {
                #expect(read.valueTargets[layer.path]?.scalars == concept.valueTargets[layer.path]!.rounded(through: format).scalars)
            }
        }
    }

    @Test func theSafetensorsPackageReadsAConceptPerfWrote() throws {
        let directory = try TemporaryDirectory("perf-concept")
        let (concept, layers) = try Self.tinyConcept()
        let url = directory.path("concept.safetensors")
        try concept.write(to: url)
        let script = """
            import sys
            from safetensors.numpy import load_file
            t = load_file(sys.argv[1])
            print(len(t), t["target_input"].dtype, t["target_input"].shape[0], float(t["target_input"][3]))
            """
        let result = try ProcessRunner.run(tool: "python3", ["-c", script, url.path])
        #expect(result.status == 0, "\(result.stderr)")
        let fields = result.stdout.split(separator: " ").map(String.init)
        #expect(fields.count == 4)
        #expect(fields.first == String(3 + layers.count) && fields.dropFirst().first == "float16" && fields.dropFirst(2).first == "32")
        #expect(Float(fields.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") == concept.targetInput.rounded(through: .float16).scalars[3])
    }

    @Test(arguments: [
        ("missing", "token_embedding"), ("unknown", "lora_weight"), ("dtype", "target_input"), ("rank", "superclass_input"),
        ("nan", "value_target.mid_block.attentions.0.transformer_blocks.0.attn2"), ("width", "superclass_input"),
        ("empty path", "value_target."),
    ])
    func malformedFilesAreRefusedNamingFileAndTensor(_ damage: String, _ tensor: String) throws {
        let directory = try TemporaryDirectory("perf-concept")
        let url = try Self.damaged({ tensors in
            switch damage {
            case "missing": tensors[tensor] = nil
            case "unknown", "empty path": tensors[tensor] = try SafeTensor(floats: [1, 2], shape: [2])
            case "dtype": tensors[tensor] = try SafeTensor(dtype: .i32, shape: [32], data: Data(count: 128))
            case "rank": tensors[tensor] = try SafeTensor(floats: [Float](repeating: 0, count: 32), shape: [4, 8])
            case "nan": tensors[tensor] = try SafeTensor(floats: [.nan] + [Float](repeating: 0, count: 63), shape: [64])
            default: tensors[tensor] = try SafeTensor(floats: [Float](repeating: 0.5, count: 31), shape: [31])
            }
        }, in: directory)
        do {
            _ = try Self.load(url)
            Issue.record("a concept file with a \(damage) tensor was accepted")
        } catch let error as PerfusionError {
            #expect(error.description.contains(url.path) && error.description.contains("\"\(tensor)"), "\(error)")
            #expect(error.exitStatus == .dataError)
        }
    }

    @Test func truncatedFilesAreRefused() throws {
        let directory = try TemporaryDirectory("perf-concept")
        let (concept, _) = try Self.tinyConcept()
        let bytes = try concept.file().serialized()
        let url = try directory.write("concept.safetensors", bytes.prefix(bytes.count - 3))
        #expect(throws: SafeTensorsError.self) { try Self.load(url) }
    }

    @Test func conceptsForAnotherBaseAreRefusedNamingTheLayer() throws {
        let (concept, layers) = try Self.tinyConcept()
        let source = "/concepts/dots/concept.safetensors"
        var missing = concept
        missing.valueTargets[layers[2].path] = nil
        var wide = concept
        wide.valueTargets[layers[0].path] = Tensor.zeros([layers[0].queryDim + 1])
        var stray = concept
        stray.valueTargets["down_blocks.7.attentions.0.transformer_blocks.0.attn2"] = Tensor.zeros([4])
        let narrow = try Concept(token: "<test/dots>", superclass: "circle", tokenEmbedding: Tensor.zeros([16]),
                                 targetInput: Tensor.ones([16]), superclassInput: Tensor.ones([16]), valueTargets: concept.valueTargets)
        for (bad, needle) in [(missing, layers[2].path), (wide, "value_target.\(layers[0].path)"),
                              (stray, "value_target.down_blocks.7"), (narrow, "target_input")] {
            #expect {
                try bad.validate(against: layers, source: source)
            } throws: { error in
                let text = String(describing: error)
                return text.contains(source) && text.contains(needle)
            }
        }
        try concept.validate(against: layers)
    }

    @Test func float16CannotHoldHugeValues() throws {
        var (concept, _) = try Self.tinyConcept()
        concept.targetInput = Tensor.ones([32]) * 1e6
        #expect(throws: PerfusionError.self) { try concept.file(dtype: .f16) }
        _ = try concept.file(dtype: .f32)
        #expect(throws: PerfusionError.self) { try concept.file(dtype: .bf16) }
    }

    @Test func gatesOutsideTheirRangeAreRefused() throws {
        for (beta, tau) in [(Float(-0.1), Float(0.1)), (1.5, 0.1), (0.7, 0), (0.7, -1), (.nan, 0.1), (0.7, .infinity)] {
            #expect(throws: PerfusionError.self) { try ConceptGate(beta: beta, tau: tau) }
        }
        let gate = try ConceptGate(beta: 0.7, tau: 0.15)
        #expect(gate(0.7) == 0.5)
        #expect(abs(gate(1.0) - 1 / (1 + exp(-2))) < 1e-6)
        let onTape = gate(Tensor(shape: [2], scalars: [0.7, 1.0])).scalars
        #expect(abs(onTape[0] - 0.5) < 1e-6 && abs(onTape[1] - gate(1.0)) < 1e-6)
    }
}
