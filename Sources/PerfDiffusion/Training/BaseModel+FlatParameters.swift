import PerfTensor

extension BaseModel {
    /// Every weight in one dictionary: the UNet's under `unet/`, the text encoder's under
    /// `text_encoder/` (the names `DenoisingObjective.loss` and the trainer use).
    public var flatParameters: [String: Tensor] {
        var flat: [String: Tensor] = [:]
        for (name, tensor) in unet.parameters.tensors { flat[DenoisingObjective.unetPrefix + name] = tensor }
        for (name, tensor) in textEncoder.parameters.tensors { flat[DenoisingObjective.textEncoderPrefix + name] = tensor }
        return flat
    }

    /// The same model with the weights of a flat dictionary (named as `flatParameters` names them).
    public func replacingWeights(_ flat: [String: Tensor]) throws -> BaseModel {
        try replacingWeights(unet: DenoisingObjective.weights(flat, under: DenoisingObjective.unetPrefix),
                             textEncoder: DenoisingObjective.weights(flat, under: DenoisingObjective.textEncoderPrefix))
    }
}
