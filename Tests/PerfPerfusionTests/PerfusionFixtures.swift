import Foundation
@testable import PerfDiffusion
import PerfPerfusion
import PerfSafeTensors
import PerfTensor
import PerfTestSupport

/// The committed fixtures of these tests and the models they run on.
enum PerfusionFixtures {
    /// `Tests/PerfPerfusionTests/Fixtures` (made by scripts/make-perfusion-fixtures.py).
    static let folder = RepositoryPaths.tests.appendingPathComponent("PerfPerfusionTests/Fixtures")

    /// The reference outputs of perfusion-pytorch and the float64 NumPy implementation.
    static var parity: URL { folder.appendingPathComponent("perfusion-parity.safetensors") }

    /// The tiny random Stable Diffusion model of the diffusion runtime's tests.
    static let tinyModelFolder = RepositoryPaths.tests.appendingPathComponent("PerfDiffusionTests/Fixtures/tiny-sd")

    static let loaded: Result<StableDiffusion, any Error> = Result { try StableDiffusion(at: tinyModelFolder) }

    /// The tiny model, loaded once.
    static func tinyModel() throws -> StableDiffusion { try loaded.get() }

    /// A cross-attention layer description (for editors run without a UNet).
    static func layer(_ path: String, width: Int, context: Int, heads: Int = 1) -> CrossAttentionLayer {
        CrossAttentionLayer(path: path, queryDim: width, contextDim: context, heads: heads)
    }

    /// Stable Diffusion 1.5's UNet configuration (diffusers' defaults plus its config.json).
    static func stableDiffusion15() throws -> UNetConfig {
        let json = """
            {"sample_size": 64, "in_channels": 4, "out_channels": 4, "block_out_channels": [320, 640, 1280, 1280],
             "layers_per_block": 2, "attention_head_dim": 8, "cross_attention_dim": 768, "norm_num_groups": 32,
             "down_block_types": ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
             "mid_block_type": "UNetMidBlock2DCrossAttn",
             "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"]}
            """
        return try UNetConfig(data: Data(json.utf8), source: "Stable Diffusion 1.5 unet/config.json")
    }

    /// A concept of random values for `layers` (seeded), gate and locking as given.
    static func randomConcept(token: String, superclass: String = "circle", width: Int, layers: [CrossAttentionLayer], seed: UInt64,
                              gate: ConceptGate = .inference, locking: KeyLocking = .local) throws -> Concept {
        var generator = SeededRandom(seed: seed)
        let targets = Dictionary(uniqueKeysWithValues: layers.map {
            ($0.path, Tensor.randomNormal([$0.queryDim], using: &generator))
        })
        return try Concept(token: token, superclass: superclass, tokenEmbedding: Tensor.randomNormal([width], using: &generator),
                           targetInput: Tensor.randomNormal([width], using: &generator),
                           superclassInput: Tensor.randomNormal([width], using: &generator),
                           valueTargets: targets, gate: gate, locking: locking)
    }
}

/// A fixture file's tensors as engine tensors.
struct FixtureTensors {
    let file: SafeTensorsFile

    init(_ url: URL) throws { file = try SafeTensorsFile.read(from: url) }

    func tensor(_ name: String) throws -> Tensor {
        guard let stored = file.tensors[name] else { throw FixtureMissing(name: name) }
        return Tensor(shape: stored.shape, scalars: try stored.floats())
    }

    /// Row `index` of a 2-D tensor.
    func row(_ name: String, _ index: Int) throws -> Tensor {
        let matrix = try tensor(name)
        return matrix.slice(axis: 0, index ..< index + 1).reshaped([matrix.shape[1]])
    }
}

struct FixtureMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "fixture tensor \(name) is missing; run scripts/make-perfusion-fixtures.py" }
}

/// max |a − b| / max |b|: the error relative to the reference's scale.
func relativeError(_ actual: Tensor, _ expected: Tensor) -> Float {
    precondition(actual.shape == expected.shape, "relativeError: shapes \(actual.shape) and \(expected.shape)")
    let scale = expected.scalars.map(abs).max() ?? 0
    let difference = zip(actual.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? 0
    return scale == 0 ? difference : difference / scale
}
