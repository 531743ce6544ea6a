import PerfDiagnostics
import PerfTensor

extension BaseModel {
    /// The same model for another word vocabulary, to go on training it on captions with new
    /// words (`perf base train --init`, as transformers' `resize_token_embeddings` before
    /// fine-tuning): each token both vocabularies hold keeps its embedding row, the others get
    /// a fresh model's (normal, deviation 0.02, from `seed`); every other weight is kept.
    public func reembedded(for newVocabulary: WordVocabulary, seed: UInt64) throws -> BaseModel {
        guard case .object(var members) = textEncoder.config.configFile else {
            throw InternalError("the text encoder's configuration is not a JSON object")
        }
        members["vocab_size"] = .int(newVocabulary.count)
        members["bos_token_id"] = .int(newVocabulary.startID)
        members["eos_token_id"] = .int(newVocabulary.endID)
        members["pad_token_id"] = .int(newVocabulary.endID)
        let config = try CLIPTextConfig(ConfigObject(source: "text encoder for the new vocabulary", members: members))
        let tableName = "text_model.embeddings.token_embedding.weight"
        guard let fresh = ParameterInitialization.clipText(config.tensors, config: config, seed: ~seed)[tableName] else {
            throw InternalError("a fresh text encoder has no \(tableName)")
        }
        let old = textEncoder.tokenEmbeddingTable, width = config.hiddenSize
        var rows = fresh.scalars
        for (token, id) in newVocabulary.tokens {
            guard let oldID = vocabulary.tokens[token] else { continue }
            rows.replaceSubrange(id * width..<(id + 1) * width, with: old.scalars[oldID * width..<(oldID + 1) * width])
        }
        var weights = textEncoder.parameters.tensors
        weights[tableName] = Tensor(shape: fresh.shape, scalars: rows)
        return try BaseModel(unetConfig: unet.config, textEncoderConfig: config, schedulerConfig: schedulerConfig,
                             vocabulary: newVocabulary, unetWeights: unet.parameters.tensors, textEncoderWeights: weights)
    }
}
