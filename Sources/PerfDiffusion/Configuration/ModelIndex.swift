import Foundation

/// `model_index.json`: the pipeline class and, per component folder, the library and class
/// that saved it (`"unet": ["diffusers", "UNet2DConditionModel"]`; `[null, null]` for none).
public struct ModelIndex: Sendable, Equatable {
    /// One component's library and class.
    public struct Component: Sendable, Equatable {
        /// The library that saved it (`diffusers`, `transformers`).
        public var library: String
        /// Its class name.
        public var className: String
    }

    /// `_class_name`: the pipeline (e.g. `StableDiffusionPipeline`), if given.
    public var pipelineClass: String?
    /// The present components by folder name; `[null, null]` entries are left out.
    public var components: [String: Component]

    /// The classes perf loads, per required or optional component.
    static let supportedClasses: [String: [String]] = [
        "text_encoder": ["CLIPTextModel", "CLIPTextModelWithProjection"],
        "tokenizer": ["CLIPTokenizer", "CLIPTokenizerFast"],
        "unet": ["UNet2DConditionModel"],
        "vae": ["AutoencoderKL"],
    ]

    /// The components a model folder must have; `vae` is optional (pixel-space models).
    static let requiredComponents = ["text_encoder", "tokenizer", "unet", "scheduler"]

    /// Reads `model_index.json`, checking that the required components are there and that
    /// each component perf loads has a class perf supports.
    public init(contentsOf url: URL) throws {
        try self.init(ConfigObject.read(url, what: "model_index.json"))
    }

    /// Parses `model_index.json` content; `source` names it in errors.
    public init(data: Data, source: String) throws {
        try self.init(ConfigObject.parse(data, source: source))
    }

    init(_ config: ConfigObject) throws {
        pipelineClass = try config.optionalString("_class_name")
        var components: [String: Component] = [:]
        for (key, value) in config.members where !key.hasPrefix("_") {
            guard case .array(let pair) = value, pair.count == 2 else { continue }
            if pair == [.null, .null] { continue }
            guard case .string(let library) = pair[0], case .string(let className) = pair[1] else {
                throw config.wrongType(key, value, "[library, class] strings or [null, null]")
            }
            components[key] = Component(library: library, className: className)
        }
        for name in Self.requiredComponents where components[name] == nil {
            throw DiffusionError(config.source, .malformed(key: name, "the component is required but absent or null"))
        }
        for (name, classes) in Self.supportedClasses {
            guard let component = components[name], !classes.contains(component.className) else { continue }
            throw DiffusionError(config.source, .unsupported(key: name, value: "[\"\(component.library)\", \"\(component.className)\"]",
                                                              supported: classes.map { "\"\($0)\"" }.joined(separator: ", ")))
        }
        self.components = components
    }
}
