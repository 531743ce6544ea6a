import Foundation
import PerfSafeTensors
import PerfTensor
#if canImport(Glibc)
import Glibc
#endif

extension BaseModel {
    /// Writes the model as a diffusers folder: `model_index.json` (a StableDiffusionPipeline
    /// without VAE), `scheduler/scheduler_config.json`, `text_encoder/config.json` and
    /// `model.safetensors`, `tokenizer/` (vocab.json, merges.txt, tokenizer_config.json,
    /// special_tokens_map.json), `unet/config.json` and `diffusion_pytorch_model.safetensors`
    /// (float32, `format: pt` as the libraries expect). Everything is written into a hidden
    /// folder beside `folder`, then renamed into place, so a failure leaves nothing behind;
    /// `folder` must not exist or be an empty folder, and its parent must exist; with
    /// `replacingModel`, a folder holding a model (`model_index.json`) is replaced whole.
    public func write(to folder: URL, replacingModel: Bool = false) throws {
        let manager = FileManager.default
        let previous = replacingModel && manager.fileExists(atPath: folder.appendingPathComponent("model_index.json").path)
        if !previous, let contents = try? manager.contentsOfDirectory(atPath: folder.path), !contents.isEmpty {
            throw DiffusionError(folder.path, .invalidArgument("the folder is not empty; write the model to a new folder"))
        }
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: folder.deletingLastPathComponent().path, isDirectory: &isFolder), isFolder.boolValue else {
            throw DiffusionError(folder.path, .io("its parent folder does not exist; create it first"))
        }
        let staging = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? manager.removeItem(at: staging) }
        for (path, data) in try files() {
            let url = staging.appendingPathComponent(path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            } catch {
                throw DiffusionError(url.path, .io("cannot write it (\(error.localizedDescription))"))
            }
        }
        if previous {
            // The earlier model moves aside and goes only once the new one is in place.
            let aside = staging.appendingPathExtension("previous")
            guard rename(folder.path, aside.path) == 0 else {
                throw DiffusionError(folder.path, .io("cannot move the earlier model aside (\(String(cString: strerror(errno))))"))
            }
            defer { try? manager.removeItem(at: aside) }
            guard rename(staging.path, folder.path) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(aside.path, folder.path)
                throw DiffusionError(folder.path, .io("cannot move the written model into place (\(reason))"))
            }
            return
        }
        try? manager.removeItem(at: folder)  // an empty folder, or nothing
        guard rename(staging.path, folder.path) == 0 else {
            throw DiffusionError(folder.path, .io("cannot move the written model into place (\(String(cString: strerror(errno))))"))
        }
    }

    /// Every file of the model folder by relative path.
    func files() throws -> [String: Data] {
        let index = JSONValue.object([
            "_class_name": .string("StableDiffusionPipeline"),
            "feature_extractor": .array([.null, .null]),
            "requires_safety_checker": .bool(false),
            "safety_checker": .array([.null, .null]),
            "scheduler": .strings(["diffusers", schedulerConfig.className ?? "DDIMScheduler"]),
            "text_encoder": .strings(["transformers", "CLIPTextModel"]),
            "tokenizer": .strings(["transformers", "CLIPTokenizer"]),
            "unet": .strings(["diffusers", "UNet2DConditionModel"]),
            "vae": .array([.null, .null]),
        ])
        var files: [String: Data] = [
            "model_index.json": index.fileData(),
            "scheduler/scheduler_config.json": schedulerConfig.configFile.fileData(),
            "text_encoder/config.json": textEncoder.config.configFile.fileData(),
            "text_encoder/model.safetensors": try Self.safetensors(textEncoder.parameters.tensors),
            "unet/config.json": unet.config.configFile.fileData(),
            "unet/diffusion_pytorch_model.safetensors": try Self.safetensors(unet.parameters.tensors),
        ]
        for (name, data) in vocabulary.tokenizerFiles(maxLength: textEncoder.config.maxPositionEmbeddings) {
            files["tokenizer/\(name)"] = data
        }
        return files
    }

    /// `tensors` as float32 safetensors bytes, marked as PyTorch's.
    static func safetensors(_ tensors: [String: Tensor]) throws -> Data {
        var file = SafeTensorsFile(metadata: ["format": "pt"])
        for (name, tensor) in tensors {
            file.tensors[name] = try SafeTensor(floats: tensor.scalars, shape: tensor.shape)
        }
        return try file.serialized()
    }
}
