import Foundation
import PerfTensor

/// diffusers' `UNet2DConditionModel` (Stable Diffusion 1.x and smaller models of its family):
/// predicts the noise (or v, or x₀, by the scheduler's prediction type) in a noisy latent,
/// given the timestep and the text encoder's states.
///
/// Forward (Rombach et al. 2022; the module tree is `UNetLayout`'s): sinusoidal timestep
/// features → time_embedding (linear, SiLU, linear) → conv_in → down blocks (every resnet,
/// transformer and downsampler output kept as a skip) → mid block → up blocks (each resnet
/// first concatenates the latest skip on the channel axis) → GroupNorm, SiLU, conv_out.
///
/// Every op runs on the engine's tape when an input is tracked (the latents, the text states,
/// or what a `CrossAttentionEditor` returns), so gradients reach them; the weights are read
/// as they are stored in `parameters`, untracked unless the caller put watched tensors there.
public struct UNet: Sendable {
    /// The module tree (and configuration).
    public let layout: UNetLayout
    /// The weights, named as diffusers names them.
    public let parameters: ModelParameters

    /// A UNet over `parameters`, which must hold every tensor of `layout.tensors`.
    public init(layout: UNetLayout, parameters: ModelParameters) {
        self.layout = layout
        self.parameters = parameters
    }

    /// The UNet of a model folder, its weights read and checked.
    public init(folder: ModelFolder) throws {
        let layout = folder.unetLayout
        try self.init(layout: layout, parameters: folder.loadWeights(.unet).parameters(expected: layout.tensors))
    }

    /// A UNet from a lone component folder (`config.json` and its safetensors weights, as
    /// `UNet2DConditionModel.save_pretrained` writes them).
    public init(componentFolder folder: URL) throws {
        let layout = UNetLayout(try UNetConfig(contentsOf: folder.appendingPathComponent("config.json")))
        let weights = try ModelFolder.loadWeights(.unet, in: folder, expected: layout.tensors)
        try self.init(layout: layout, parameters: weights.parameters(expected: layout.tensors))
    }

    /// The configuration.
    public var config: UNetConfig { layout.config }

    /// Every cross-attention layer, in forward order (Stable Diffusion 1.5 has 16).
    public var crossAttentions: [CrossAttentionLayer] { layout.crossAttentions }

    /// The model output for `sample` [B, in, H, W] at `timesteps` (one for the whole batch, or
    /// one per item) given text states `context` [B, T, crossAttentionDim]: [B, out, H, W].
    /// H and W must be multiples of 2^(blocks − 1). Cross-attention keys and values pass
    /// through `editor` when given.
    public func callAsFunction(_ sample: Tensor, timesteps: [Float], context: Tensor,
                               editor: (any CrossAttentionEditor)? = nil) throws -> Tensor {
        try check(sample, timesteps: timesteps, context: context)
        let p = parameters
        let batch = sample.shape[0]
        let features = TimestepFeatures.make(timesteps.count == 1 ? Array(repeating: timesteps[0], count: batch) : timesteps,
                                             width: config.blockOutChannels[0], flipSinToCos: config.flipSinToCos,
                                             shift: config.freqShift)
        let embedding = p.linear(p.linear(features, "time_embedding.linear_1").silu(), "time_embedding.linear_2")
        // Every resnet applies SiLU to the embedding before its own projection.
        let timeFeatures = embedding.silu()
        var x = config.centerInputSample ? sample * 2 - 1 : sample
        x = p.conv(x, "conv_in")
        var skips = [x]
        for block in layout.down {
            x = block.forwardDown(x, timeFeatures: timeFeatures, context: context, editor: editor,
                                  downsamplePadding: config.downsamplePadding, skips: &skips, p)
        }
        if let mid = layout.mid {
            x = mid.forwardMid(x, timeFeatures: timeFeatures, context: context, editor: editor, p)
        }
        for block in layout.up {
            x = block.forwardUp(x, timeFeatures: timeFeatures, context: context, editor: editor, skips: &skips, p)
        }
        x = p.groupNorm(x, "conv_norm_out", groups: config.normGroups, epsilon: config.normEpsilon).silu()
        return p.conv(x, "conv_out")
    }

    /// The keys and values [B, T, o] of every cross-attention layer for text states `context`
    /// [B, T, d], through `editor` when given, in forward order: what the UNet's
    /// cross-attentions read, without running the UNet.
    public func crossAttentionKeysAndValues(context: Tensor, editor: (any CrossAttentionEditor)? = nil)
        throws -> [(layer: CrossAttentionLayer, keys: Tensor, values: Tensor)] {
        try checkContext(context, batch: context.shape.first ?? 0)
        return crossAttentions.map { layer in
            let projection = CrossAttentionProjection(layer: layer, context: context,
                                                      keyWeight: parameters["\(layer.path).to_k.weight"],
                                                      valueWeight: parameters["\(layer.path).to_v.weight"])
            let (keys, values) = editor?.keysAndValues(projection) ?? projection.plain()
            return (layer, keys, values)
        }
    }

    /// Throws unless the inputs have the shapes the configuration needs.
    private func check(_ sample: Tensor, timesteps: [Float], context: Tensor) throws {
        let scale = 1 << (config.blockOutChannels.count - 1)
        guard sample.rank == 4, sample.shape[1] == config.inChannels, sample.shape[0] >= 1,
              sample.shape[2] >= scale, sample.shape[3] >= scale,
              sample.shape[2] % scale == 0, sample.shape[3] % scale == 0 else {
            throw DiffusionError("unet", .invalidArgument("a latent of shape \(sample.shape) is not [batch, \(config.inChannels), height, width] with height and width multiples of \(scale)"))
        }
        guard timesteps.count == 1 || timesteps.count == sample.shape[0] else {
            throw DiffusionError("unet", .invalidArgument("\(timesteps.count) timesteps for a batch of \(sample.shape[0]); give one, or one per item"))
        }
        try checkContext(context, batch: sample.shape[0])
    }

    private func checkContext(_ context: Tensor, batch: Int) throws {
        let width = config.crossAttentionDim[0]
        guard context.rank == 3, context.shape[0] == batch, context.shape[1] >= 1, context.shape[2] == width else {
            throw DiffusionError("unet", .invalidArgument("text states of shape \(context.shape) are not [\(batch), tokens, \(width)]"))
        }
    }
}
