import Foundation
import PerfDiffusion
import PerfSafeTensors
import PerfTensor
import PerfTestSupport
import Testing

/// The training loop on a tiny model: it learns a fixed batch, repeats itself for a seed,
/// resumes from a checkpoint exactly, and refuses captions and checkpoints it cannot use.
@Suite struct BaseTrainerTests {
    static func options(seed: UInt64 = 1) -> BaseTrainingOptions {
        var options = BaseTrainingOptions()
        options.batchSize = 4
        options.learningRate = 3e-3
        options.seed = seed
        return options
    }

    /// The loss at the same four draws, so that before and after are comparable.
    static func evaluationLoss(_ trainer: BaseTrainer, _ batch: TrainingBatch) throws -> Float {
        let parameters = trainer.model.flatParameters
        let losses = try (0..<4).map { k in
            try trainer.objective.loss(parameters, batch: batch, draw: trainer.draw(step: 10_000 + k, for: batch)).scalar
        }
        return losses.reduce(0, +) / 4
    }

    @Test func theLossGoesDownOnAFixedBatch() throws {
        let batch = try TinyBase.batch()
        var trainer = try BaseTrainer(model: TinyBase.model(), options: Self.options())
        let before = try Self.evaluationLoss(trainer, batch)
        var losses: [Float] = []
        try trainer.run(on: FixedTrainingData(fixed: batch), until: 20) { losses.append($0.loss) }
        let after = try Self.evaluationLoss(trainer, batch)
        #expect(losses.count == 20 && trainer.step == 20)
        #expect(after < 0.8 * before, "evaluation loss \(before) → \(after)")
        let early = losses.prefix(5).reduce(0, +) / 5, late = losses.suffix(5).reduce(0, +) / 5
        #expect(late < 0.85 * early, "training loss \(early) → \(late)")
        let averaged = try trainer.averagedModel()
        #expect(averaged.flatParameters["unet/conv_in.weight"]?.scalars != trainer.model.flatParameters["unet/conv_in.weight"]?.scalars)
    }

    @Test func theSameSeedTrainsTheSameWeights() throws {
        let data = FixedTrainingData(fixed: try TinyBase.batch())
        func trained(_ seed: UInt64) throws -> [String: [Float]] {
            var trainer = try BaseTrainer(model: TinyBase.model(), options: Self.options(seed: seed))
            try trainer.run(on: data, until: 3)
            return try trainer.averagedModel().flatParameters.mapValues(\.scalars)
        }
        let first = try trained(1)
        #expect(try trained(1) == first)
        #expect(try trained(2) != first)
    }

    /// Three steps, a checkpoint, three more in a new trainer: the same bytes as six straight.
    @Test func resumingGivesTheSameResultAsNotStopping() throws {
        let directory = try TemporaryDirectory("perf-train")
        let data = FixedTrainingData(fixed: try TinyBase.batch())
        let url = directory.path("run.checkpoint.safetensors")
        var straight = try BaseTrainer(model: TinyBase.model(), options: Self.options())
        try straight.run(on: data, until: 3, checkpointEvery: 3, checkpoint: url)
        try FileManager.default.copyItem(at: url, to: directory.path("at-3.safetensors"))
        try straight.run(on: data, until: 6, checkpointEvery: 3, checkpoint: url)
        var resumed = try BaseTrainer(checkpointAt: directory.path("at-3.safetensors"))
        #expect(resumed.step == 3 && resumed.options == Self.options())
        try resumed.run(on: data, until: 6)
        #expect(resumed.step == 6)
        #expect(try resumed.checkpoint().serialized() == straight.checkpoint().serialized())
        #expect(try SafeTensorsFile.read(from: url) == straight.checkpoint())
        #expect(try directory.listFiles() == ["at-3.safetensors", "run.checkpoint.safetensors"], "no temporary files left")
    }

    /// A batch in two parts on two threads gives the same weights as on one thread, and
    /// nearly the same step as the whole batch at once (the gradient is the same average).
    @Test func batchPartsGiveTheSameRunOnAnyNumberOfThreads() throws {
        let data = FixedTrainingData(fixed: try TinyBase.batch())
        func trained(shards: Int, workers: Int) throws -> (weights: [String: [Float]], loss: Float) {
            var options = Self.options()
            options.shards = shards
            var trainer = try BaseTrainer(model: TinyBase.model(), options: options)
            trainer.workers = workers
            var loss: Float = 0
            try trainer.run(on: data, until: 2) { loss = $0.loss }
            return (trainer.model.flatParameters.mapValues(\.scalars), loss)
        }
        let alone = try trained(shards: 2, workers: 1), together = try trained(shards: 2, workers: 2)
        #expect(together.weights == alone.weights && together.loss == alone.loss)
        let whole = try trained(shards: 1, workers: 1)
        #expect(abs(whole.loss - alone.loss) <= 1e-5 * whole.loss)
        for (name, values) in whole.weights {
            let other = try #require(alone.weights[name])
            let difference = zip(values, other).map { abs($0 - $1) }.max() ?? 0
            #expect(difference < 1e-4, "\(name) differs by \(difference)")
        }
        var uneven = Self.options()
        uneven.shards = 3
        #expect(throws: DiffusionError.self) { try BaseTrainer(model: TinyBase.model(), options: uneven) }
    }

    /// A compact checkpoint (no AdamW moments) resumes at its step with its weights and average.
    @Test func aCompactCheckpointResumesWithFreshMoments() throws {
        let data = FixedTrainingData(fixed: try TinyBase.batch())
        var trainer = try BaseTrainer(model: TinyBase.model(), options: Self.options())
        try trainer.run(on: data, until: 2)
        var compact = try trainer.checkpoint()
        for name in compact.tensors.keys where name.hasPrefix("adam_") { compact.tensors[name] = nil }
        #expect(throws: DiffusionError.self) { try BaseTrainer(checkpoint: compact, source: "no moments, unmarked") }
        compact.metadata[BaseTrainer.momentsKey] = BaseTrainer.momentsDropped
        var resumed = try BaseTrainer(checkpoint: compact, source: "compact")
        #expect(resumed.step == 2 && resumed.model.flatParameters.mapValues(\.scalars) == trainer.model.flatParameters.mapValues(\.scalars))
        #expect(try resumed.averagedModel().flatParameters.mapValues(\.scalars) == trainer.averagedModel().flatParameters.mapValues(\.scalars))
        try resumed.run(on: data, until: 3)
        try trainer.run(on: data, until: 3)
        #expect(resumed.step == 3 && resumed.model.flatParameters["unet/conv_in.weight"]?.scalars != trainer.model.flatParameters["unet/conv_in.weight"]?.scalars,
                "fresh moments take another step than the uninterrupted run")
    }

    @Test func theAverageWarmsUpAsDiffusersEMAModelDoes() {
        var average = WeightAverage(["w": Tensor(shape: [2], scalars: [0, 10])], decay: 0.999)
        #expect(average.currentDecay == 0.1)
        average.update(["w": Tensor(shape: [2], scalars: [1, 0])])
        #expect(average.values["w"]?.scalars == [0.9, 1])
        #expect(average.currentDecay == Float(2) / 11)
        for _ in 0..<20_000 { average.update(["w": Tensor(shape: [2], scalars: [1, 0])]) }
        #expect(average.currentDecay == 0.999 && average.updates == 20_001)
    }

    @Test func drawsFollowTheirRates() {
        let draw = TrainingDraw(seed: 3, step: 7, batch: 2000, pixels: 2, timesteps: 50, emptyCaptionRate: 0.1)
        let emptied = Double(draw.emptied.filter { $0 }.count) / 2000
        #expect(abs(emptied - 0.1) < 0.03 && draw.noise.count == 4000)
        #expect(draw.timesteps.allSatisfy { (0..<50).contains($0) } && Set(draw.timesteps).count == 50)
        #expect(draw == TrainingDraw(seed: 3, step: 7, batch: 2000, pixels: 2, timesteps: 50, emptyCaptionRate: 0.1))
        #expect(draw.noise != TrainingDraw(seed: 3, step: 8, batch: 2000, pixels: 2, timesteps: 50, emptyCaptionRate: 0.1).noise)
        #expect(!TrainingDraw(seed: 3, step: 7, batch: 50, pixels: 1, timesteps: 5, emptyCaptionRate: 0).emptied.contains(true))
        #expect(!TrainingDraw(seed: 3, step: 7, batch: 50, pixels: 1, timesteps: 5, emptyCaptionRate: 1).emptied.contains(false))
    }

    @Test func captionsTheModelCannotReadAreRefused() throws {
        var trainer = try BaseTrainer(model: TinyBase.model(), options: Self.options())
        let good = try TinyBase.batch()
        for caption in ["a purple square on a white background", "a red red red red red red red red red red square"] {
            let bad = try TrainingBatch(pixels: good.pixels, captions: [caption] + good.captions.dropFirst())
            #expect(throws: DiffusionError.self, "\(caption)") { try trainer.train(on: bad) }
        }
        #expect(trainer.step == 0)
        #expect(throws: DiffusionError.self) { try TrainingBatch(pixels: good.pixels, captions: ["a"]) }
        var options = Self.options()
        options.batchSize = 0
        #expect(throws: DiffusionError.self) { try BaseTrainer(model: TinyBase.model(), options: options) }
        options = Self.options()
        options.averageDecay = 1
        #expect(throws: DiffusionError.self) { try BaseTrainer(model: TinyBase.model(), options: options) }
        #expect(throws: DiffusionError.self) { try trainer.run(on: FixedTrainingData(fixed: good), until: 1, checkpointEvery: 0) }
    }

    @Test func damagedCheckpointsAreRefused() throws {
        let trainer = try BaseTrainer(model: TinyBase.model(), options: Self.options())
        let good = try trainer.checkpoint()
        var damaged = good
        damaged.metadata["perf_checkpoint"] = "2"
        #expect(throws: DiffusionError.self) { try BaseTrainer(checkpoint: damaged, source: "v2") }
        damaged = good
        damaged.metadata["step"] = "-1"
        #expect(throws: DiffusionError.self) { try BaseTrainer(checkpoint: damaged, source: "negative step") }
        damaged = good
        damaged.metadata["options"] = "{\"batchSize\": \"many\"}"
        #expect(throws: DiffusionError.self) { try BaseTrainer(checkpoint: damaged, source: "options") }
        damaged = good
        damaged.tensors["adam_v/unet/conv_in.bias"] = nil
        #expect(throws: DiffusionError.self) { try BaseTrainer(checkpoint: damaged, source: "missing moment") }
        damaged = good
        damaged.tensors["average/unet/conv_in.bias"] = try SafeTensor(floats: [1, 2], shape: [2])
        #expect(throws: DiffusionError.self) { try BaseTrainer(checkpoint: damaged, source: "wrong shape") }
        damaged = good
        damaged.metadata["words"] = "[\"Not A Word\"]"
        #expect(throws: DiffusionError.self) { try BaseTrainer(checkpoint: damaged, source: "words") }
        damaged = good
        damaged.metadata["unet_config"] = "{\"block_out_channels\": [8, 16, 32]}"
        #expect(throws: (any Error).self) { try BaseTrainer(checkpoint: damaged, source: "config") }
        let directory = try TemporaryDirectory("perf-train")
        let url = try directory.write("cut.safetensors", try good.serialized().prefix(1000))
        #expect(throws: (any Error).self) { try BaseTrainer(checkpointAt: url) }
        #expect(try BaseTrainer(checkpoint: good, source: "good").step == 0)
    }
}
