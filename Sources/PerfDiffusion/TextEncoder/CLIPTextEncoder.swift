import PerfTensor

/// transformers' `CLIPTextModel` (the text encoder of Stable Diffusion 1.x): token ids to one
/// state per token, `last_hidden_state`.
///
/// Forward (Radford et al. 2021; transformers' `CLIPTextTransformer`): token embedding +
/// position embedding → `layers` × pre-norm blocks (LayerNorm → causal multi-head
/// self-attention → residual; LayerNorm → fc1 → quick-GELU (or GELU) → fc2 → residual) →
/// final LayerNorm. No padding mask: Stable Diffusion pipelines pass none, so padding tokens
/// attend causally like any other.
///
/// Every op runs on the engine's tape when its input is tracked: watch the embeddings that
/// `tokenEmbeddings` returns (or a row of them) and gradients reach them through `encode`.
public struct CLIPTextEncoder: Sendable {
    /// The configuration.
    public let config: CLIPTextConfig
    /// The weights, named as transformers names them (`text_model.…`).
    public let parameters: ModelParameters

    /// An encoder over `parameters`, which must hold every tensor of `config.tensors`.
    public init(config: CLIPTextConfig, parameters: ModelParameters) {
        self.config = config
        self.parameters = parameters
    }

    /// The encoder of a model folder, its weights read and checked.
    public init(folder: ModelFolder) throws {
        let weights = try folder.loadWeights(.textEncoder)
        try self.init(config: folder.textEncoder, parameters: weights.parameters(expected: folder.textEncoder.tensors))
    }

    /// The token embedding table [vocab, d] (`text_model.embeddings.token_embedding.weight`).
    public var tokenEmbeddingTable: Tensor { parameters["text_model.embeddings.token_embedding.weight"] }

    /// The token embeddings of `ids` (B sequences of T ids, each below `vocabSize`): [B, T, d],
    /// before position embeddings are added. Throws for an id outside the vocabulary or a
    /// sequence longer than `maxPositionEmbeddings`.
    public func tokenEmbeddings(_ ids: [[Int]]) throws -> Tensor {
        let length = try checkedLength(ids)
        if let bad = ids.joined().first(where: { $0 < 0 || $0 >= config.vocabSize }) {
            throw DiffusionError("text encoder", .invalidArgument("token id \(bad) is outside the vocabulary of \(config.vocabSize) tokens"))
        }
        return Tensor.embedding(tokenEmbeddingTable, indices: Array(ids.joined()), indexShape: [ids.count, length])
    }

    /// Token embeddings [B, T, d] where ids at or past `vocabSize` pick rows of `extra`
    /// (id `vocabSize + k` → `extra[k]`, each [d], tracked or not): learned embeddings of
    /// added tokens such as a concept's placeholder. Gradients reach the `extra` rows used.
    public func tokenEmbeddings(_ ids: [[Int]], extra: [Tensor]) throws -> Tensor {
        let length = try checkedLength(ids)
        let vocabulary = config.vocabSize, width = config.hiddenSize
        if let bad = ids.joined().first(where: { $0 < 0 || $0 >= vocabulary + extra.count }) {
            throw DiffusionError("text encoder", .invalidArgument("token id \(bad) is outside the vocabulary of \(vocabulary) tokens and \(extra.count) added embeddings"))
        }
        if let wrong = extra.first(where: { $0.shape != [width] }) {
            throw DiffusionError("text encoder", .invalidArgument("an added embedding of shape \(wrong.shape) is not [\(width)]"))
        }
        let base = Tensor.embedding(tokenEmbeddingTable, indices: ids.joined().map { $0 < vocabulary ? $0 : 0 }, indexShape: [ids.count, length])
        guard ids.joined().contains(where: { $0 >= vocabulary }) else { return base }
        // Rebuild each sequence from runs of base rows and added rows.
        let rows = ids.enumerated().map { item, sequence in
            let sequenceRows = base.slice(axis: 0, item ..< item + 1).reshaped([length, width])
            var pieces: [Tensor] = []
            var start = 0
            for (position, id) in sequence.enumerated() where id >= vocabulary {
                if position > start { pieces.append(sequenceRows.slice(axis: 0, start ..< position)) }
                pieces.append(extra[id - vocabulary].reshaped([1, width]))
                start = position + 1
            }
            if start < length { pieces.append(sequenceRows.slice(axis: 0, start ..< length)) }
            return Tensor.concat(pieces, axis: 0).reshaped([1, length, width])
        }
        return Tensor.concat(rows, axis: 0)
    }

    /// `last_hidden_state` [B, T, d] for token ids `ids` (B sequences of equal length T).
    public func callAsFunction(_ ids: [[Int]]) throws -> Tensor {
        try encode(embeddings: tokenEmbeddings(ids))
    }

    /// `last_hidden_state` [B, T, d] from token embeddings [B, T, d] (as `tokenEmbeddings`
    /// gives them, perhaps with some rows replaced by a learned embedding).
    public func encode(embeddings: Tensor) throws -> Tensor {
        guard embeddings.rank == 3, embeddings.shape[2] == config.hiddenSize else {
            throw DiffusionError("text encoder", .invalidArgument("token embeddings of shape \(embeddings.shape) are not [batch, tokens, \(config.hiddenSize)]"))
        }
        let length = embeddings.shape[1]
        guard length >= 1, length <= config.maxPositionEmbeddings else {
            throw DiffusionError("text encoder", .invalidArgument("\(length) tokens do not fit the \(config.maxPositionEmbeddings) positions of the text encoder"))
        }
        let p = parameters
        let positions = p["text_model.embeddings.position_embedding.weight"].slice(axis: 0, 0 ..< length)
        var x = embeddings + positions
        for layer in 0..<config.layers {
            let path = "text_model.encoder.layers.\(layer)"
            let normed = p.layerNorm(x, "\(path).layer_norm1", epsilon: config.layerNormEpsilon)
            let attended = Tensor.attention(query: p.linear(normed, "\(path).self_attn.q_proj"),
                                            key: p.linear(normed, "\(path).self_attn.k_proj"),
                                            value: p.linear(normed, "\(path).self_attn.v_proj"),
                                            heads: config.attentionHeads, causal: true)
            x = x + p.linear(attended, "\(path).self_attn.out_proj")
            let hidden = p.linear(p.layerNorm(x, "\(path).layer_norm2", epsilon: config.layerNormEpsilon), "\(path).mlp.fc1")
            let activated = config.activation == .quickGELU ? hidden.quickGELU() : hidden.gelu()
            x = x + p.linear(activated, "\(path).mlp.fc2")
        }
        return p.layerNorm(x, "text_model.final_layer_norm", epsilon: config.layerNormEpsilon)
    }

    /// The common length of `ids`' sequences; throws for none, ragged or too long ones.
    private func checkedLength(_ ids: [[Int]]) throws -> Int {
        guard let length = ids.first?.count, length >= 1, ids.allSatisfy({ $0.count == length }) else {
            throw DiffusionError("text encoder", .invalidArgument("token id sequences must be non-empty and of one length, got lengths \(ids.map(\.count))"))
        }
        guard length <= config.maxPositionEmbeddings else {
            throw DiffusionError("text encoder", .invalidArgument("\(length) tokens do not fit the \(config.maxPositionEmbeddings) positions of the text encoder"))
        }
        return length
    }
}
