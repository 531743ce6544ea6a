import PerfTensor

extension StableDiffusion {
    /// Runs `request` (diffusers' `StableDiffusionPipeline.__call__`): encode the prompt and,
    /// with guidance, the negative prompt; start from seeded or given noise times the
    /// sampler's initial σ; at each step run the UNet on both halves in one batch, combine
    /// them with the guidance scale and step the sampler; decode. `progress` is called after
    /// every step.
    public func generate(_ request: GenerationRequest, progress: (SamplingProgress) -> Void = { _ in }) throws -> Generation {
        let initial = try initialLatents(request)
        let latents = try sample(request, from: initial, progress: progress)
        let decoded = try decode(latents: latents)
        let (batch, channels, height, width) = (decoded.shape[0], decoded.shape[1], decoded.shape[2], decoded.shape[3])
        let area = channels * height * width
        let pictures = try (0..<batch).map { item in
            try Picture(planes: Array(decoded.scalars[item * area ..< (item + 1) * area]), channels: channels, height: height, width: width)
        }
        return Generation(initialLatents: initial, latents: latents, decoded: decoded, pictures: pictures)
    }

    /// The sampling loop alone: the final diffusion latents [batch, C, h, w] from `initial`
    /// (unit noise of that shape).
    public func sample(_ request: GenerationRequest, from initial: Tensor,
                       progress: (SamplingProgress) -> Void = { _ in }) throws -> Tensor {
        let batch = initial.shape[0]
        let sampler = try (request.sampler ?? defaultSampler).sampler(schedulerConfig, steps: request.steps)
        let prompts = try request.itemPrompts(batch)
        let encodeText = request.promptEncoder ?? { try encode(prompts: $0) }
        let context = request.usesGuidance
            ? try encodeText(Array(repeating: request.negativePrompt, count: batch) + prompts)
            : try encodeText(prompts)
        let shape = initial.shape
        var latents = initial.scalars.map { $0 * sampler.initialNoiseSigma }
        for (step, timestep) in sampler.timesteps.enumerated() {
            let input = Tensor(shape: shape, scalars: sampler.scaleModelInput(latents, step: step))
            let doubled = request.usesGuidance ? Tensor.concat([input, input], axis: 0) : input
            let output = try unet(doubled, timesteps: [Float(timestep)], context: context, editor: request.editor)
            let prediction = request.usesGuidance ? Self.guided(output.scalars, scale: request.guidance) : output.scalars
            latents = sampler.step(prediction, step: step, sample: latents).previous
            progress(SamplingProgress(completed: step + 1, total: sampler.timesteps.count, latents: Tensor(shape: shape, scalars: latents)))
        }
        return Tensor(shape: shape, scalars: latents)
    }

    /// The initial noise: the request's (checked), or unit normal noise from its seed.
    public func initialLatents(_ request: GenerationRequest) throws -> Tensor {
        guard request.batch >= 1 else {
            throw DiffusionError("generate", .invalidArgument("a batch of \(request.batch) pictures; ask for at least 1"))
        }
        let config = unet.config
        let side = config.sampleSize ?? 64
        let (height, width) = request.latentSize ?? (side, side)
        let scale = 1 << (config.blockOutChannels.count - 1)
        let shape = [request.batch, config.inChannels, height, width]
        if let given = request.initialLatents {
            guard given.shape == shape || (request.latentSize == nil && given.rank == 4 && given.shape[0] == request.batch
                                           && given.shape[1] == config.inChannels) else {
                throw DiffusionError("generate", .invalidArgument("initial latents of shape \(given.shape) do not fit: expected \(shape)"))
            }
            guard given.shape[2] % scale == 0, given.shape[3] % scale == 0, given.shape[2] > 0, given.shape[3] > 0 else {
                throw DiffusionError("generate", .invalidArgument("initial latents of shape \(given.shape): height and width must be positive multiples of \(scale)"))
            }
            return given.detached()
        }
        guard height > 0, width > 0, height % scale == 0, width % scale == 0 else {
            throw DiffusionError("generate", .invalidArgument("a latent of \(height)×\(width): height and width must be positive multiples of \(scale)"))
        }
        var generator = SeededRandom(seed: request.seed)
        return Tensor.randomNormal(shape, using: &generator)
    }

    /// ε_neg + g·(ε_prompt − ε_neg) for a UNet output whose first half is the negative prompt's.
    static func guided(_ output: [Float], scale: Float) -> [Float] {
        let half = output.count / 2
        return (0..<half).map { i in output[i] + scale * (output[half + i] - output[i]) }
    }
}
