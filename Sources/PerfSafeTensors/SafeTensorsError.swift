import PerfDiagnostics

/// Why a safetensors file or tensor was rejected: names the file, the tensor or header
/// field, what is wrong, and what to do.
public struct SafeTensorsError: PerfError {
    enum Problem: Sendable, Equatable {
        /// The file is too short to hold what it claims.
        case truncated(String)
        /// The header (the JSON text or one of its fields) breaks the format.
        case header(field: String?, String)
        /// A tensor's entry or data breaks the format.
        case tensor(name: String, field: String?, String)
        /// A value the caller built is not a valid tensor.
        case invalidTensor(String)
        /// The file could not be read or written.
        case io(String, missing: Bool)
    }

    /// The file (or other source) the problem is in.
    let source: String
    let problem: Problem

    init(_ source: String, _ problem: Problem) {
        self.source = source
        self.problem = problem
    }

    /// `notFound` for a missing file or folder, `ioError` for other IO failures, `dataError` otherwise.
    public var exitStatus: ExitStatus {
        switch problem {
        case .io(_, let missing): missing ? .notFound : .ioError
        default: .dataError
        }
    }

    /// What is wrong, in which file and tensor or header field, and what to do.
    public var description: String {
        let advice = "the file is damaged or was not written by a safetensors writer; write it again (perf, or the Python `safetensors` package)"
        switch problem {
        case .truncated(let what):
            return "\(source): \(what); the file is truncated: copy or download it again"
        case .header(let field, let what):
            let place = field.map { " (header field \"\($0)\")" } ?? ""
            return "\(source): bad safetensors header\(place): \(what); \(advice)"
        case .tensor(let name, let field, let what):
            let place = field.map { ", field \"\($0)\"" } ?? ""
            return "\(source): tensor \"\(name)\"\(place): \(what); \(advice)"
        case .invalidTensor(let what):
            return "\(source): \(what); fix the tensor's shape, dtype or data before saving it"
        case .io(let what, _):
            return "\(source): \(what); check that the path exists and is readable (or writable)"
        }
    }
}
