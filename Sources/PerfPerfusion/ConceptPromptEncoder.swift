import Foundation
import PerfDiffusion
import PerfTensor

/// Encodes prompts that name concepts by their tokens: each concept's token is added to the
/// tokenizer whole, with an id past the text encoder's vocabulary, and reads the concept's
/// learned `tokenEmbedding` (tracked or not) in place of a vocabulary row.
public struct ConceptPromptEncoder: Sendable {
    /// The base's tokenizer with every concept's token added.
    public let tokenizer: CLIPTokenizer
    /// The base's text encoder.
    public let encoder: CLIPTextEncoder
    /// The concepts, in the order of their added ids (vocabulary size + index).
    public let concepts: [Concept]

    /// An encoder for `concepts` over the base's `tokenizer` and `encoder`. Throws when a
    /// token is already a word of the vocabulary, appears twice, or an embedding has another
    /// width than the encoder.
    public init(tokenizer: CLIPTokenizer, encoder: CLIPTextEncoder, concepts: [Concept]) throws {
        let vocabulary = encoder.config.vocabSize
        for concept in concepts where concept.tokenEmbedding.shape != [encoder.config.hiddenSize] {
            throw PerfusionError("concept \(concept.token)", .tensorShape(name: Concept.tokenEmbeddingName, expected: [encoder.config.hiddenSize],
                                                                          actual: concept.tokenEmbedding.shape, why: "the base's text encoder"))
        }
        var seen = Set<String>()
        if let repeated = concepts.first(where: { !seen.insert($0.token).inserted }) {
            throw PerfusionError("concept \(repeated.token)", .invalidArgument("two concepts use the token \(repeated.token); each concept needs a token of its own"))
        }
        let added = concepts.enumerated().map { AddedToken(content: $0.element.token, id: vocabulary + $0.offset) }
        do {
            self.tokenizer = try tokenizer.adding(added)
        } catch {
            throw PerfusionError("concept tokens", .invalidArgument("\(error); give each concept a token of its own that is no word of the base's vocabulary, such as <scope/name>"))
        }
        self.encoder = encoder
        self.concepts = concepts
    }

    /// The token ids of `prompt`, padded to the tokenizer's length as the pipelines pad them.
    public func ids(_ prompt: String) -> [Int] { tokenizer.encode(prompt) }

    /// Text states [prompts.count, T, d] of `prompts`, concept tokens reading their embeddings.
    public func encode(_ prompts: [String]) throws -> Tensor {
        try encoder.encode(embeddings: encoder.tokenEmbeddings(prompts.map(ids), extra: concepts.map(\.tokenEmbedding)))
    }

    /// `prompt` with each globally locked concept's token replaced by its superclass word:
    /// what the keys read under global locking.
    public func keyPrompt(_ prompt: String) -> String {
        concepts.filter { $0.locking == .global }.reduce(prompt) { $0.replacingOccurrences(of: $1.token, with: $1.superclass) }
    }

    /// Text states for the keys: `keyPrompt` of each prompt, encoded; nil when no concept is
    /// locked globally (keys then read the prompts' own states).
    public func encodeKeyContext(_ prompts: [String]) throws -> Tensor? {
        guard concepts.contains(where: { $0.locking == .global }) else { return nil }
        return try encode(prompts.map(keyPrompt))
    }
}
