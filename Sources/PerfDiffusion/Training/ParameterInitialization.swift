import Foundation
import PerfTensor

/// Fresh weights, drawn as the libraries draw them when a model is built from its
/// configuration, so that a model trained from scratch here starts where one built with
/// diffusers and transformers would. Seeded: each tensor's numbers come from its own
/// generator, seeded by the model's seed and the tensor's name, so they do not depend on order.
enum ParameterInitialization {
    /// PyTorch's module defaults, which diffusers' `UNet2DConditionModel` keeps: Linear and
    /// Conv2d weights and biases uniform in ±1/√fan_in (`kaiming_uniform_(a=√5)`; fan_in = in ×
    /// kernel area), GroupNorm and LayerNorm weights 1 and biases 0. A rank-1 `.weight`
    /// (and the `.bias` beside it) is a normalisation's.
    static func pytorchDefaults(_ specs: [TensorSpec], seed: UInt64) -> [String: Tensor] {
        let shapes = Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0.shape) })
        var tensors: [String: Tensor] = [:]
        for spec in specs {
            let module = moduleName(spec.name)
            let weight = shapes[module + ".weight"] ?? spec.shape
            if weight.count <= 1 {
                tensors[spec.name] = Tensor(shape: spec.shape, repeating: spec.name.hasSuffix(".weight") ? 1 : 0)
                continue
            }
            let bound = 1 / Float(weight.dropFirst().reduce(1, *)).squareRoot()
            var generator = generator(seed, spec.name)
            tensors[spec.name] = Tensor.randomUniform(spec.shape, in: -bound...bound, using: &generator)
        }
        return tensors
    }

    /// transformers' `CLIPPreTrainedModel._init_weights` for a `CLIPTextModel` (initializer
    /// factor 1): embeddings N(0, 0.02); q/k/v projections and fc2 N(0, d^-½ (2L)^-½); the
    /// attention's out projection N(0, d^-½); fc1 N(0, (2d)^-½); Linear biases 0; LayerNorm
    /// weights 1 and biases 0 (d the width, L the layers).
    static func clipText(_ specs: [TensorSpec], config: CLIPTextConfig, seed: UInt64) -> [String: Tensor] {
        let width = Float(config.hiddenSize)
        let inner = 1 / (width.squareRoot() * Float(2 * config.layers).squareRoot())
        var tensors: [String: Tensor] = [:]
        for spec in specs {
            let module = moduleName(spec.name)
            let deviation: Float?
            switch module.split(separator: ".").last {
            case "token_embedding", "position_embedding": deviation = 0.02
            case "q_proj", "k_proj", "v_proj", "fc2": deviation = inner
            case "out_proj": deviation = 1 / width.squareRoot()
            case "fc1": deviation = 1 / (2 * width).squareRoot()
            default: deviation = nil
            }
            if let deviation, spec.name.hasSuffix(".weight") {
                var generator = generator(seed, spec.name)
                tensors[spec.name] = Tensor.randomNormal(spec.shape, standardDeviation: deviation, using: &generator)
            } else {
                tensors[spec.name] = Tensor(shape: spec.shape, repeating: spec.name.hasSuffix(".weight") ? 1 : 0)
            }
        }
        return tensors
    }

    /// `name` without its last component (`down_blocks.0.resnets.0.conv1`).
    private static func moduleName(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    /// The generator of tensor `name`: the seed mixed with the name's FNV-1a hash.
    static func generator(_ seed: UInt64, _ name: String) -> SeededRandom {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return SeededRandom(seed: seed ^ hash)
    }
}
