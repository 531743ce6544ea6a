import PerfTensor

/// What to generate: prompts, sampling settings and the initial noise.
public struct GenerationRequest: Sendable {
    /// The prompt.
    public var prompt: String
    /// One prompt per picture, in place of `prompt` for every picture, if given (its count
    /// must equal the batch).
    public var prompts: [String]?
    /// The negative prompt, read by classifier-free guidance in place of the empty prompt.
    public var negativePrompt: String
    /// Sampling steps.
    public var steps: Int
    /// The guidance scale g: ε = ε_neg + g·(ε_prompt − ε_neg) (Ho & Salimans 2022); at most 1
    /// turns guidance off (one UNet pass per step, the prompt alone).
    public var guidance: Float
    /// Seeds the initial noise: the same seed gives the same pictures.
    public var seed: UInt64
    /// Pictures generated at once, each from its own noise.
    public var batch: Int
    /// The sampler; nil picks the scheduler file's class when perf implements it, else DDIM.
    public var sampler: SamplerKind?
    /// Latent height and width; nil takes the UNet's `sample_size` (else 64).
    public var latentSize: (height: Int, width: Int)?
    /// Initial noise [batch, latentChannels, h, w] (unit variance, before the sampler's scaling),
    /// replacing the seeded noise, so that runs can be compared with diffusers' (`latents=`).
    public var initialLatents: Tensor?
    /// Edits every cross-attention key and value projection (Perfusion concepts), if given.
    /// With guidance the UNet runs the negative prompts' and the prompts' items in one batch,
    /// so the editor sees text states [2·batch, T, d]: the negative prompt's first.
    public var editor: (any CrossAttentionEditor)?
    /// Encodes prompts into text states [n, T, d] in place of the model's own tokenizer and
    /// text encoder (prompts naming concepts read the concepts' learned embeddings), if given.
    public var promptEncoder: (@Sendable ([String]) throws -> Tensor)?

    /// A request for `prompt` with Stable Diffusion's usual settings (50 steps, guidance 7.5, seed 0).
    public init(prompt: String, negativePrompt: String = "", steps: Int = 50, guidance: Float = 7.5, seed: UInt64 = 0,
                batch: Int = 1, sampler: SamplerKind? = nil, latentSize: (height: Int, width: Int)? = nil,
                initialLatents: Tensor? = nil, editor: (any CrossAttentionEditor)? = nil) {
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.steps = steps
        self.guidance = guidance
        self.seed = seed
        self.batch = batch
        self.sampler = sampler
        self.latentSize = latentSize
        self.initialLatents = initialLatents
        self.editor = editor
    }

    /// The prompt of each of `count` pictures.
    public func itemPrompts(_ count: Int) throws -> [String] {
        guard let prompts else { return Array(repeating: prompt, count: count) }
        guard prompts.count == count else {
            throw DiffusionError("generate", .invalidArgument("\(prompts.count) prompts for a batch of \(count) pictures; give one prompt per picture"))
        }
        return prompts
    }

    /// Whether classifier-free guidance runs (guidance above 1).
    public var usesGuidance: Bool { guidance > 1 }
}

/// A sampling loop's progress, reported after each step.
public struct SamplingProgress: Sendable {
    /// Steps done (1 after the first).
    public let completed: Int
    /// All steps.
    public let total: Int
    /// The latents after this step [batch, channels, h, w].
    public let latents: Tensor
}

/// What `StableDiffusion.generate` made.
public struct Generation: Sendable {
    /// The initial noise, as the sampler started from it (before its scaling).
    public let initialLatents: Tensor
    /// The final latents [batch, channels, h, w].
    public let latents: Tensor
    /// The decoded pictures in [−1, 1], [batch, 3 or 4, H, W].
    public let decoded: Tensor
    /// The pictures, 8 bits per channel.
    public let pictures: [Picture]
}
