import Foundation
import PerfSafeTensors
import PerfTensor
import Testing

/// The outputs of the real diffusers/transformers tiny model (Fixtures/tiny-sd-outputs.safetensors,
/// made by make_models.py), and the parity measure the engine is held to.
struct ReferenceOutputs {
    let file: SafeTensorsFile

    /// The committed reference outputs, read once.
    static let shared: Result<ReferenceOutputs, any Error> = Result {
        ReferenceOutputs(file: try SafeTensorsFile.read(from: DiffusionFixtures.url("tiny-sd-outputs.safetensors")))
    }

    /// The committed reference outputs.
    static func load() throws -> ReferenceOutputs { try shared.get() }

    /// The float tensor `name`.
    func tensor(_ name: String) throws -> Tensor {
        let stored = try #require(file.tensors[name], "no tensor \(name) in the reference outputs")
        return Tensor(shape: stored.shape, scalars: try stored.floats())
    }

    /// The integer tensor `name` (token ids, timesteps).
    func integers(_ name: String) throws -> [Int] {
        try tensor(name).scalars.map { Int($0) }
    }

    /// A metadata string (the prompts).
    func metadata(_ key: String) throws -> String {
        try #require(file.metadata[key], "no metadata \(key) in the reference outputs")
    }
}

/// The parity tolerance of the issue: max |actual − expected| / max |expected| ≤ 1e-4.
let parityTolerance: Float = 1e-4

/// max |actual − expected| / max |expected| (the relative error of a whole tensor); infinity
/// when the shapes differ.
func relativeError(_ actual: Tensor, _ expected: Tensor) -> Float {
    guard actual.shape == expected.shape else { return .infinity }
    var largestError: Float = 0, largestValue: Float = 0
    for (a, e) in zip(actual.scalars, expected.scalars) {
        largestError = max(largestError, abs(a - e))
        largestValue = max(largestValue, abs(e))
    }
    return largestValue == 0 ? largestError : largestError / largestValue
}
