extension CLIPTextConfig {
    /// Every parameter of a `CLIPTextModel` with its shape, as transformers names them.
    ///
    /// Forward (transformers): token + position embeddings → `layers` × (LayerNorm → causal
    /// self-attention (q/k/v/out projections with biases, scores scaled by 1/√headDim) →
    /// residual; LayerNorm → fc1 → activation → fc2 → residual) → final LayerNorm, giving
    /// `last_hidden_state` [tokens, hiddenSize].
    public var tensors: [TensorSpec] {
        var list = TensorList()
        list.embedding("text_model.embeddings.token_embedding", rows: vocabSize, width: hiddenSize)
        list.embedding("text_model.embeddings.position_embedding", rows: maxPositionEmbeddings, width: hiddenSize)
        for layer in 0..<layers {
            let path = "text_model.encoder.layers.\(layer)"
            list.norm("\(path).layer_norm1", channels: hiddenSize)
            for projection in ["k_proj", "v_proj", "q_proj", "out_proj"] {
                list.linear("\(path).self_attn.\(projection)", out: hiddenSize, in: hiddenSize)
            }
            list.norm("\(path).layer_norm2", channels: hiddenSize)
            list.linear("\(path).mlp.fc1", out: intermediateSize, in: hiddenSize)
            list.linear("\(path).mlp.fc2", out: hiddenSize, in: intermediateSize)
        }
        list.norm("text_model.final_layer_norm", channels: hiddenSize)
        return list.specs
    }
}
