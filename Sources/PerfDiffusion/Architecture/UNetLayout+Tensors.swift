extension UNetLayout {
    /// Every parameter of the UNet with its shape, in module order, as diffusers names them.
    public var tensors: [TensorSpec] {
        var list = TensorList()
        let first = config.blockOutChannels[0]
        list.conv("conv_in", out: first, in: config.inChannels, kernel: config.convInKernel)
        list.linear("time_embedding.linear_1", out: config.timeEmbeddingDim, in: first)
        list.linear("time_embedding.linear_2", out: config.timeEmbeddingDim, in: config.timeEmbeddingDim)
        for block in blocks {
            if block.type == .crossAttentionMid {
                list.append(block.resnets[0].tensors)
                list.append(block.transformers[0].tensors)
                list.append(block.resnets[1].tensors)
            } else {
                for resnet in block.resnets { list.append(resnet.tensors) }
                for transformer in block.transformers { list.append(transformer.tensors) }
            }
            if let channels = block.resamplerChannels, let path = block.resamplerPath {
                list.conv(path, out: channels, in: channels, kernel: 3)
            }
        }
        list.norm("conv_norm_out", channels: first)
        list.conv("conv_out", out: config.outChannels, in: first, kernel: config.convOutKernel)
        return list.specs
    }
}
