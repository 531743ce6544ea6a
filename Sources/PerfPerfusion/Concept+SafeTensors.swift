import Foundation
import PerfSafeTensors
import PerfTensor

/// `concept.safetensors` (DESIGN §3): `token_embedding` [d], `target_input` [d],
/// `superclass_input` [d] and `value_target.<module path>` [o_l] per cross-attention layer,
/// each F16 or F32, nothing else. Token, superclass, gate and locking live in the bundle's
/// `perf.json`, so they are given alongside the file.
extension Concept {
    /// Reads the concept file at `url`; errors name the file and the tensor.
    public init(contentsOf url: URL, token: String, superclass: String, gate: ConceptGate = .inference,
                locking: KeyLocking = .local) throws {
        try self.init(file: SafeTensorsFile.read(from: url), source: url.path, token: token, superclass: superclass,
                      gate: gate, locking: locking)
    }

    /// The concept a parsed `concept.safetensors` holds; `source` names the file in errors.
    /// Rejects missing and unknown tensors, other dtypes than F16 and F32, wrong ranks and
    /// widths, and NaN or infinite values.
    public init(file: SafeTensorsFile, source: String, token: String, superclass: String,
                gate: ConceptGate = .inference, locking: KeyLocking = .local) throws {
        var vectors: [String: Tensor] = [:]
        var valueTargets: [String: Tensor] = [:]
        let inputNames = [Self.tokenEmbeddingName, Self.targetInputName, Self.superclassInputName]
        for (name, stored) in file.tensors.sorted(by: { $0.key < $1.key }) {
            let path = name.hasPrefix(Self.valueTargetPrefix) ? String(name.dropFirst(Self.valueTargetPrefix.count)) : nil
            guard inputNames.contains(name) || path?.isEmpty == false else {
                throw PerfusionError(source, .unexpectedTensor(name: name))
            }
            guard stored.dtype == .f16 || stored.dtype == .f32 else {
                throw PerfusionError(source, .tensorType(name: name, dtype: stored.dtype.rawValue))
            }
            guard stored.shape.count == 1, stored.shape[0] >= 1 else {
                throw PerfusionError(source, .tensorShape(name: name, expected: [stored.shape.reduce(1, *)], actual: stored.shape,
                                                          why: "the concept format (one vector per tensor)"))
            }
            let scalars = try stored.floats()
            guard scalars.allSatisfy(\.isFinite) else { throw PerfusionError(source, .nonFinite(name: name)) }
            let tensor = Tensor(shape: stored.shape, scalars: scalars)
            if let path { valueTargets[path] = tensor } else { vectors[name] = tensor }
        }
        for name in inputNames where vectors[name] == nil { throw PerfusionError(source, .missingTensor(name: name)) }
        guard !valueTargets.isEmpty else { throw PerfusionError(source, .missingTensor(name: Self.valueTargetPrefix + "<layer>")) }
        let width = vectors[Self.targetInputName]!.shape[0]
        for name in inputNames where vectors[name]!.shape != [width] {
            throw PerfusionError(source, .tensorShape(name: name, expected: [width], actual: vectors[name]!.shape,
                                                      why: "target_input's width"))
        }
        try self.init(token: token, superclass: superclass, tokenEmbedding: vectors[Self.tokenEmbeddingName]!,
                      targetInput: vectors[Self.targetInputName]!, superclassInput: vectors[Self.superclassInputName]!,
                      valueTargets: valueTargets, gate: gate, locking: locking)
    }

    /// The concept's tensors as `concept.safetensors` content, stored as `dtype` (F16, the
    /// default, or F32). Throws for another dtype, for a value F16 cannot hold, or for a
    /// comparison concept (`ConceptVariant`), whose format this is not.
    public func file(dtype: SafeTensorsDType = .f16) throws -> SafeTensorsFile {
        guard dtype == .f16 || dtype == .f32 else {
            throw PerfusionError("concept \(token)", .invalidArgument("concept tensors are stored as F16 or F32, not \(dtype.rawValue)"))
        }
        guard editsAttention && keyTargets == nil else {
            throw PerfusionError("concept \(token)", .invalidArgument("it is a comparison of perf eval (embedding only or unlocked keys), which a concept file cannot hold"))
        }
        var named = [(Self.tokenEmbeddingName, tokenEmbedding), (Self.targetInputName, targetInput),
                     (Self.superclassInputName, superclassInput)]
        named += valueTargets.map { (Self.valueTargetPrefix + $0.key, $0.value) }
        var tensors: [String: SafeTensor] = [:]
        for (name, tensor) in named {
            let encoded = try SafeTensor(floats: tensor.scalars, shape: tensor.shape, dtype: dtype)
            guard try encoded.floats().allSatisfy(\.isFinite) else {
                throw PerfusionError("concept \(token)", .nonFinite(name: name + " (as \(dtype.rawValue); store it as F32)"))
            }
            tensors[name] = encoded
        }
        return SafeTensorsFile(tensors: tensors)
    }

    /// Writes `concept.safetensors` to `url` atomically, as `dtype` (F16 by default).
    public func write(to url: URL, dtype: SafeTensorsDType = .f16) throws {
        try file(dtype: dtype).write(to: url)
    }
}
