import PerfTensor

extension UNetBlockLayout {
    /// A down block: each resnet (then its transformer) adds its output to `skips`, and so does
    /// the downsampler (3×3, stride 2).
    func forwardDown(_ x: Tensor, timeFeatures: Tensor, context: Tensor, editor: (any CrossAttentionEditor)?,
                     downsamplePadding: Int, skips: inout [Tensor], _ p: ModelParameters) -> Tensor {
        var x = x
        for (index, resnet) in resnets.enumerated() {
            x = resnet.forward(x, timeFeatures: timeFeatures, p)
            if index < transformers.count {
                x = transformers[index].forward(x, context: context, editor: editor, p)
            }
            skips.append(x)
        }
        if let path = resamplerPath {
            x = p.conv(x, path, stride: 2, padding: downsamplePadding)
            skips.append(x)
        }
        return x
    }

    /// The mid block: resnet, transformer, resnet.
    func forwardMid(_ x: Tensor, timeFeatures: Tensor, context: Tensor, editor: (any CrossAttentionEditor)?,
                    _ p: ModelParameters) -> Tensor {
        var x = resnets[0].forward(x, timeFeatures: timeFeatures, p)
        x = transformers[0].forward(x, context: context, editor: editor, p)
        return resnets[1].forward(x, timeFeatures: timeFeatures, p)
    }

    /// An up block: each resnet reads the output so far with the latest skip concatenated on
    /// the channel axis (then its transformer), then the nearest-×2 upsampler and its 3×3 conv.
    func forwardUp(_ x: Tensor, timeFeatures: Tensor, context: Tensor, editor: (any CrossAttentionEditor)?,
                   skips: inout [Tensor], _ p: ModelParameters) -> Tensor {
        var x = x
        for (index, resnet) in resnets.enumerated() {
            let skip = skips.removeLast()
            x = resnet.forward(Tensor.concat([x, skip], axis: 1), timeFeatures: timeFeatures, p)
            if index < transformers.count {
                x = transformers[index].forward(x, context: context, editor: editor, p)
            }
        }
        if let path = resamplerPath {
            x = p.conv(x.upsampledNearest(scale: 2), path)
        }
        return x
    }
}
