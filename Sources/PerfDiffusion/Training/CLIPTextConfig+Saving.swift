import Foundation

extension CLIPTextConfig {
    /// `text_encoder/config.json` as transformers' `save_pretrained` writes it for a
    /// `CLIPTextModel` of this configuration.
    var configFile: JSONValue {
        .object([
            "architectures": .strings(["CLIPTextModel"]),
            "attention_dropout": .number(0),
            "bos_token_id": .int(bosTokenID),
            "eos_token_id": .int(eosTokenID),
            "hidden_act": .string(activation.rawValue),
            "hidden_size": .int(hiddenSize),
            "initializer_factor": .number(1),
            "initializer_range": .number(0.02),
            "intermediate_size": .int(intermediateSize),
            "layer_norm_eps": .number(layerNormEpsilon),
            "max_position_embeddings": .int(maxPositionEmbeddings),
            "model_type": .string("clip_text_model"),
            "num_attention_heads": .int(attentionHeads),
            "num_hidden_layers": .int(layers),
            "pad_token_id": .int(padTokenID),
            "projection_dim": .int(hiddenSize),
            "torch_dtype": .string("float32"),
            "vocab_size": .int(vocabSize),
        ])
    }
}
