/// A model folder's components that hold weights.
public enum ModelComponent: String, Sendable, CaseIterable {
    /// `text_encoder/` (transformers, `model.safetensors`).
    case textEncoder = "text_encoder"
    /// `unet/` (diffusers, `diffusion_pytorch_model.safetensors`).
    case unet
    /// `vae/` (diffusers, `diffusion_pytorch_model.safetensors`), optional.
    case vae

    /// The weight file's name without variant or extension.
    var weightsName: String { self == .textEncoder ? "model" : "diffusion_pytorch_model" }

    /// The pickled PyTorch file's name, to recognise folders saved without safetensors.
    var pickledName: String { self == .textEncoder ? "pytorch_model.bin" : "diffusion_pytorch_model.bin" }

    /// The name perf gives a tensor stored as `name`: transformers 5 saves a CLIPTextModel's
    /// tensors without the `text_model.` prefix that Stable Diffusion checkpoints (and
    /// `CLIPTextConfig.tensors`) use, so the prefix is added back; other names are kept.
    public func canonicalTensorName(_ name: String) -> String {
        guard self == .textEncoder,
              ["embeddings.", "encoder.", "final_layer_norm."].contains(where: { name.hasPrefix($0) }) else { return name }
        return "text_model." + name
    }

    /// `name` with `variant` inserted before its last extension, as diffusers names variants
    /// (`model.fp16.safetensors`, `model.safetensors.index.fp16.json`).
    static func name(_ name: String, variant: String?) -> String {
        guard let variant else { return name }
        var parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        parts.insert(variant, at: parts.count - 1)
        return parts.joined(separator: ".")
    }
}
