import Foundation
import PerfSafeTensors

extension ModelFolder {
    /// The safetensors files holding `component`'s weights: the single file
    /// (`model.safetensors`, `diffusion_pytorch_model.safetensors`), or the shards its
    /// `*.safetensors.index.json` lists; `variant` (e.g. "fp16") picks `model.fp16.safetensors`.
    public func weightFiles(_ component: ModelComponent, variant: String? = nil) throws -> [URL] {
        try Self.weightFiles(component, in: url.appendingPathComponent(component.rawValue), variant: variant)
    }

    /// The safetensors files holding `component`'s weights in the component folder `folder`
    /// (e.g. a lone `unet/`), found as `weightFiles(_:variant:)` finds them.
    public static func weightFiles(_ component: ModelComponent, in folder: URL, variant: String? = nil) throws -> [URL] {
        let single = folder.appendingPathComponent(ModelComponent.name("\(component.weightsName).safetensors", variant: variant))
        if FileManager.default.fileExists(atPath: single.path) { return [single] }
        let index = folder.appendingPathComponent(ModelComponent.name("\(component.weightsName).safetensors.index.json", variant: variant))
        if FileManager.default.fileExists(atPath: index.path) { return try shards(index, in: folder) }
        let pickled = folder.appendingPathComponent(ModelComponent.name(component.pickledName, variant: variant))
        if FileManager.default.fileExists(atPath: pickled.path) {
            throw DiffusionError(pickled.path, .pickledWeights("the \(component.rawValue) weights are a pickled PyTorch file"))
        }
        throw DiffusionError(single.path, .missingFile(what: "the \(component.rawValue) weights"))
    }

    /// Reads `component`'s weights and checks them against `expectedTensors(component)`, names
    /// made canonical by `ModelComponent.canonicalTensorName`: a missing tensor, a wrong shape, a non-float type or a tensor in two shards is an
    /// error naming the tensor and file.
    public func loadWeights(_ component: ModelComponent, variant: String? = nil) throws -> ComponentWeights {
        try Self.loadWeights(component, in: url.appendingPathComponent(component.rawValue), expected: expectedTensors(component),
                             variant: variant)
    }

    /// Reads the weights of `component` from the component folder `folder` and checks them
    /// against `expected`, as `loadWeights(_:variant:)` does.
    public static func loadWeights(_ component: ModelComponent, in folder: URL, expected: [TensorSpec],
                                   variant: String? = nil) throws -> ComponentWeights {
        let files = try weightFiles(component, in: folder, variant: variant)
        var found: [String: (tensor: SafeTensor, file: String)] = [:]
        for file in files {
            for (stored, tensor) in try SafeTensorsFile.read(from: file).tensors {
                let name = component.canonicalTensorName(stored)
                if let other = found[name] {
                    throw DiffusionError(file.path, .duplicateTensor(name: name, otherFile: other.file))
                }
                found[name] = (tensor, file.path)
            }
        }
        var tensors: [String: SafeTensor] = [:]
        let source = files.count == 1 ? files[0].path : files[0].deletingLastPathComponent().path
        for spec in expected {
            guard let (tensor, file) = found[spec.name] else {
                throw DiffusionError(source, .missingTensor(name: spec.name))
            }
            guard tensor.shape == spec.shape else {
                throw DiffusionError(file, .tensorShape(name: spec.name, expected: spec.shape, actual: tensor.shape))
            }
            guard [.f32, .f16, .bf16, .f64].contains(tensor.dtype) else {
                throw DiffusionError(file, .tensorType(name: spec.name, dtype: tensor.dtype.rawValue))
            }
            tensors[spec.name] = tensor
        }
        let ignored = found.keys.filter { tensors[$0] == nil }.sorted()
        return ComponentWeights(component: component, tensors: tensors, ignored: ignored)
    }

    /// Loads and checks the weights of every component the model has.
    public func checkWeights(variant: String? = nil) throws {
        for component in ModelComponent.allCases where component != .vae || vae != nil {
            _ = try loadWeights(component, variant: variant)
        }
    }

    /// The shard files of a `*.safetensors.index.json` (`{"weight_map": {tensor: file}}`).
    private static func shards(_ index: URL, in folder: URL) throws -> [URL] {
        let config = try ConfigObject.read(index, what: "the weights index")
        guard case .object(let map)? = config.value("weight_map") else {
            throw DiffusionError(index.path, .malformed(key: "weight_map", "expected an object of tensor name → shard file"))
        }
        var names = Set<String>()
        for (tensor, value) in map {
            guard case .string(let name) = value, !name.isEmpty, !name.contains("/"), !name.hasPrefix("."),
                  name.hasSuffix(".safetensors") else {
                throw DiffusionError(index.path, .malformed(key: "weight_map", "tensor \"\(tensor)\" points to \(value), not a .safetensors file in the same folder"))
            }
            names.insert(name)
        }
        guard !names.isEmpty else {
            throw DiffusionError(index.path, .malformed(key: "weight_map", "lists no shards"))
        }
        return names.sorted().map { folder.appendingPathComponent($0) }
    }
}
