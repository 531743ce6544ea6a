import Foundation
import PerfDiagnostics
import PerfSafeTensors
import PerfTensor

extension BaseTrainer {
    /// The format version a checkpoint's metadata names (`perf_checkpoint`).
    public static let checkpointVersion = "1"
    /// Metadata of a compact checkpoint, which holds the weights and their average but not
    /// AdamW's moments (`scripts/compact-checkpoint`): `optimizer_moments: dropped`. Resuming
    /// it restarts the moments from zero, so it continues the run closely but not exactly.
    public static let momentsKey = "optimizer_moments"
    /// The value of `momentsKey` in a compact checkpoint.
    public static let momentsDropped = "dropped"

    /// Everything a resumed run needs, as one safetensors file: the weights (`weights/…`),
    /// their average (`average/…`) and AdamW's moments (`adam_m/…`, `adam_v/…`), float32,
    /// named as `BaseModel.flatParameters`; in the metadata the step, the options, the
    /// average's update count, each parameter's optimiser step count, the three configuration
    /// files and the word list. No generator state: every step's randomness derives from the
    /// seed and the step (`TrainingDraw`).
    public func checkpoint() throws -> SafeTensorsFile {
        var file = SafeTensorsFile()
        func add(_ prefix: String, _ name: String, _ values: [Float], _ shape: [Int]) throws {
            file.tensors[prefix + name] = try SafeTensor(floats: values, shape: shape)
        }
        for (name, tensor) in parameters {
            try add("weights/", name, tensor.scalars, tensor.shape)
            guard let average = average.values[name] else {
                throw InternalError("the weights' average lacks parameter \(name)")
            }
            // Before the first step AdamW holds no state: zeros at step 0 act the same.
            let zeros = [Float](repeating: 0, count: tensor.count)
            let moments = optimizer.moments[name] ?? AdamW.Moments(first: zeros, second: zeros, step: 0)
            try add("average/", name, average.scalars, average.shape)
            try add("adam_m/", name, moments.first, tensor.shape)
            try add("adam_v/", name, moments.second, tensor.shape)
        }
        func text(_ value: JSONValue) -> String { String(decoding: value.fileData(), as: UTF8.self) }
        file.metadata = [
            "perf_checkpoint": Self.checkpointVersion,
            "step": String(step),
            "options": String(decoding: try Self.optionsEncoder.encode(options), as: UTF8.self),
            "average_updates": String(average.updates),
            "optimizer_steps": text(.object(Dictionary(uniqueKeysWithValues: parameters.keys.map { ($0, .int(optimizer.moments[$0]?.step ?? 0)) }))),
            "unet_config": text(model.unet.config.configFile),
            "text_encoder_config": text(model.textEncoder.config.configFile),
            "scheduler_config": text(model.schedulerConfig.configFile),
            "words": text(.strings(model.vocabulary.words)),
        ]
        return file
    }

    /// Encodes the options with sorted keys, so that the same run writes the same bytes.
    private static var optionsEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }

    /// Writes `checkpoint()` to `url` atomically (a temporary file, then a rename).
    public func saveCheckpoint(to url: URL) throws {
        try checkpoint().write(to: url)
    }

    /// Resumes the run saved in the checkpoint file at `url`.
    public init(checkpointAt url: URL) throws {
        try self.init(checkpoint: SafeTensorsFile.read(from: url), source: url.path)
    }

    /// Resumes the run saved in `file`; `source` names it in errors. Throws for another format
    /// version, a missing or malformed entry, or tensors that do not fit the configurations.
    public init(checkpoint file: SafeTensorsFile, source: String) throws {
        func entry(_ key: String) throws -> String {
            guard let value = file.metadata[key] else {
                throw DiffusionError(source, .malformed(key: key, "the checkpoint's metadata lacks it; this is not a perf base training checkpoint"))
            }
            return value
        }
        func number(_ key: String) throws -> Int {
            guard let value = Int(try entry(key)), value >= 0 else {
                throw DiffusionError(source, .malformed(key: key, "expected a count, found \"\(try entry(key))\""))
            }
            return value
        }
        guard try entry("perf_checkpoint") == Self.checkpointVersion else {
            throw DiffusionError(source, .unsupported(key: "perf_checkpoint", value: "\"\(try entry("perf_checkpoint"))\"",
                                                      supported: "\"\(Self.checkpointVersion)\" (written by this perf)"))
        }
        let options: BaseTrainingOptions
        do {
            options = try JSONDecoder().decode(BaseTrainingOptions.self, from: Data(try entry("options").utf8))
        } catch let error as DiffusionError {
            throw error
        } catch {
            throw DiffusionError(source, .malformed(key: "options", "not valid training options (\(error))"))
        }
        let words = try ConfigObject.parse(Data("{\"words\": \(try entry("words"))}".utf8), source: source).strings("words")
        let unetConfig = try UNetConfig(data: Data(try entry("unet_config").utf8), source: "\(source) unet_config")
        let textEncoderConfig = try CLIPTextConfig(data: Data(try entry("text_encoder_config").utf8), source: "\(source) text_encoder_config")
        let schedulerConfig = try SchedulerConfig(data: Data(try entry("scheduler_config").utf8), source: "\(source) scheduler_config")
        let steps = try ConfigObject.parse(Data(try entry("optimizer_steps").utf8), source: "\(source) optimizer_steps")
        let expected = DenoisingObjective.flatSpecs(unet: unetConfig, textEncoder: textEncoderConfig)
        var weights: [String: Tensor] = [:], averages: [String: Tensor] = [:]
        var optimizer = AdamW(learningRate: options.learningRate, weightDecay: options.weightDecay)
        let momentsDropped = file.metadata[Self.momentsKey] == Self.momentsDropped
        for spec in expected {
            func tensor(_ prefix: String) throws -> Tensor {
                guard let stored = file.tensors[prefix + spec.name] else {
                    throw DiffusionError(source, .missingTensor(name: prefix + spec.name))
                }
                guard stored.shape == spec.shape else {
                    throw DiffusionError(source, .tensorShape(name: prefix + spec.name, expected: spec.shape, actual: stored.shape))
                }
                guard stored.dtype == .f32 else {
                    throw DiffusionError(source, .tensorType(name: prefix + spec.name, dtype: stored.dtype.rawValue))
                }
                return Tensor(shape: stored.shape, scalars: try stored.floats())
            }
            weights[spec.name] = try tensor("weights/")
            averages[spec.name] = try tensor("average/")
            // A compact checkpoint (`optimizer_moments: dropped`) restarts AdamW's moments from zero.
            guard !momentsDropped else { continue }
            optimizer.moments[spec.name] = AdamW.Moments(first: try tensor("adam_m/").scalars, second: try tensor("adam_v/").scalars,
                                                         step: try steps.int(spec.name, atLeast: 0))
        }
        let model = try BaseModel(unetConfig: unetConfig, textEncoderConfig: textEncoderConfig, schedulerConfig: schedulerConfig,
                                  vocabulary: WordVocabulary(words: words, source: "\(source) words"),
                                  unetWeights: DenoisingObjective.weights(weights, under: DenoisingObjective.unetPrefix),
                                  textEncoderWeights: DenoisingObjective.weights(weights, under: DenoisingObjective.textEncoderPrefix))
        try self.init(model: model, options: options, step: try number("step"),
                      average: WeightAverage(averages, decay: options.averageDecay, updates: try number("average_updates")),
                      optimizer: optimizer)
    }
}
