import PerfDiagnostics

/// Why a concept, a gate, the text statistics or an edit request was rejected: names the
/// file (and the tensor inside it), what is wrong, and what to do.
public struct PerfusionError: PerfError {
    enum Problem: Sendable, Equatable {
        /// A tensor `concept.safetensors` must hold is absent.
        case missingTensor(name: String)
        /// A tensor the format does not define.
        case unexpectedTensor(name: String)
        /// A tensor has another shape than the format or the base model implies.
        case tensorShape(name: String, expected: [Int], actual: [Int], why: String)
        /// A tensor's element type is not F16 or F32.
        case tensorType(name: String, dtype: String)
        /// A tensor holds NaN or an infinity.
        case nonFinite(name: String)
        /// A cross-attention layer of the base has no value target in the concept.
        case missingLayer(path: String)
        /// A value target names a layer the base does not have.
        case unknownLayer(path: String)
        /// The gate's β or τ is out of range.
        case gate(String)
        /// The text statistics cannot be used (empty, malformed, not positive definite).
        case statistics(String)
        /// A caller's argument does not fit (concepts of another width, a missing key context).
        case invalidArgument(String)
        /// A file could not be read or written.
        case io(String)
    }

    /// The file (or other source) the problem is in.
    let source: String
    let problem: Problem

    init(_ source: String, _ problem: Problem) {
        self.source = source
        self.problem = problem
    }

    /// `ioError` for IO failures, `usage` for bad arguments and gates, `dataError` for
    /// malformed or mismatched concepts and statistics.
    public var exitStatus: ExitStatus {
        switch problem {
        case .io: .ioError
        case .invalidArgument, .gate: .usage
        default: .dataError
        }
    }

    /// What is wrong, in which file and tensor, and what to do.
    public var description: String {
        let retrain = "the concept does not belong to this base model: use a concept trained on it, or its own base"
        switch problem {
        case .missingTensor(let name):
            return "\(source): tensor \"\(name)\" is missing; a concept.safetensors holds token_embedding, target_input, superclass_input and value_target.<layer> for every cross-attention layer"
        case .unexpectedTensor(let name):
            return "\(source): tensor \"\(name)\" is not part of the concept format; remove it (a concept holds token_embedding, target_input, superclass_input and value_target.<layer>)"
        case .tensorShape(let name, let expected, let actual, let why):
            return "\(source): tensor \"\(name)\" has shape \(actual), but \(why) needs \(expected); \(retrain)"
        case .tensorType(let name, let dtype):
            return "\(source): tensor \"\(name)\" is \(dtype); concept tensors are F16 or F32: write it again with perf"
        case .nonFinite(let name):
            return "\(source): tensor \"\(name)\" holds NaN or an infinity; the concept is damaged: train it again"
        case .missingLayer(let path):
            return "\(source): the base's cross-attention layer \(path) has no tensor \"value_target.\(path)\"; \(retrain)"
        case .unknownLayer(let path):
            return "\(source): tensor \"value_target.\(path)\" names no cross-attention layer of the base; \(retrain)"
        case .gate(let what):
            return "\(source): \(what); choose β in [0, 1] (about 0.7) and τ > 0 (about 0.15)"
        case .statistics(let what):
            return "\(source): \(what); recompute them with `perf base stats BASE --captions FILE` over many varied captions"
        case .invalidArgument(let what):
            return "\(source): \(what)"
        case .io(let what):
            return "\(source): \(what); check that the path exists and is readable (or writable)"
        }
    }
}
