import PerfDiagnostics

/// Why a model folder, one of its files, a tokenizer, a scheduler request or a picture was
/// rejected: names the file (and the key or tensor inside it), what is wrong, and what to do.
public struct DiffusionError: PerfError {
    enum Problem: Sendable, Equatable {
        /// A file or folder the model needs is absent.
        case missingFile(what: String)
        /// A file exists but could not be read or written.
        case io(String)
        /// A file's content (or one key's value) is malformed: bad JSON, a wrong type, an invalid value.
        case malformed(key: String?, String)
        /// A key holds a value perf does not implement.
        case unsupported(key: String, value: String, supported: String)
        /// Two files disagree (e.g. the UNet's cross-attention width and the text encoder's width).
        case mismatch(key: String, String)
        /// A tensor the configuration implies is absent from the component's weight files.
        case missingTensor(name: String)
        /// A tensor has another shape than the configuration implies.
        case tensorShape(name: String, expected: [Int], actual: [Int])
        /// A tensor's element type cannot hold weights.
        case tensorType(name: String, dtype: String)
        /// A tensor appears in two weight files of one component.
        case duplicateTensor(name: String, otherFile: String)
        /// Weights exist only as pickled PyTorch files.
        case pickledWeights(String)
        /// A picture could not be encoded or decoded.
        case picture(String)
        /// A caller's argument is out of range (e.g. more sampling steps than training timesteps).
        case invalidArgument(String)
    }

    /// The file or folder (or other source) the problem is in.
    let source: String
    let problem: Problem

    init(_ source: String, _ problem: Problem) {
        self.source = source
        self.problem = problem
    }

    /// `notFound` for absent files and tensors, `ioError` for IO failures, `usage` for bad
    /// arguments, `dataError` for everything malformed or unsupported.
    public var exitStatus: ExitStatus {
        switch problem {
        case .missingFile: .notFound
        case .io: .ioError
        case .invalidArgument: .usage
        default: .dataError
        }
    }

    /// What is wrong, in which file, key or tensor, and what to do.
    public var description: String {
        switch problem {
        case .missingFile(let what):
            return "\(source): \(what) is missing; a Stable Diffusion model folder in diffusers layout needs it (save the model with diffusers' save_pretrained)"
        case .io(let what):
            return "\(source): \(what); check that the path exists and is readable (or writable)"
        case .malformed(let key, let what):
            let place = key.map { " key \"\($0)\":" } ?? ""
            return "\(source):\(place) \(what); fix the file or save it again with diffusers/transformers"
        case .unsupported(let key, let value, let supported):
            return "\(source): key \"\(key)\" is \(value), which perf does not support (supported: \(supported)); use a model with a supported configuration"
        case .mismatch(let key, let what):
            return "\(source): key \"\(key)\": \(what); the model folder's parts do not belong together"
        case .missingTensor(let name):
            return "\(source): tensor \"\(name)\" is missing; the weights do not match the component's config.json"
        case .tensorShape(let name, let expected, let actual):
            return "\(source): tensor \"\(name)\" has shape \(actual) but config.json implies \(expected); the weights do not match the configuration"
        case .tensorType(let name, let dtype):
            return "\(source): tensor \"\(name)\" is \(dtype), not a floating-point type; weights must be F32, F16, BF16 or F64"
        case .duplicateTensor(let name, let other):
            return "\(source): tensor \"\(name)\" also appears in \(other); a tensor may live in one shard only"
        case .pickledWeights(let what):
            return "\(source): \(what); perf reads only .safetensors weights: convert them (diffusers: save_pretrained(..., safe_serialization=True))"
        case .picture(let what):
            return "\(source): \(what); use an 8-bit RGB or RGBA PNG file"
        case .invalidArgument(let what):
            return "\(source): \(what)"
        }
    }
}
