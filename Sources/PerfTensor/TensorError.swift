import PerfDiagnostics

/// What went wrong turning outside data into a tensor: a byte buffer of the wrong size, or a
/// tensor whose shape is not the one a model expects.
public struct TensorError: PerfError, Equatable {
    private enum Kind: Equatable {
        case byteCount(name: String, format: ScalarFormat, shape: [Int], expected: Int, actual: Int)
        case shape(name: String, expected: [Int], actual: [Int])
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// A buffer holds `actual` bytes where `shape` in `format` needs `expected` (-1: a shape
    /// too large or with a negative dimension).
    public static func byteCount(name: String, format: ScalarFormat, shape: [Int],
                                 expected: Int, actual: Int) -> TensorError {
        TensorError(.byteCount(name: name, format: format, shape: shape, expected: expected, actual: actual))
    }

    /// The tensor `name` has shape `actual` where `expected` was required.
    public static func shape(name: String, expected: [Int], actual: [Int]) -> TensorError {
        TensorError(.shape(name: name, expected: expected, actual: actual))
    }

    /// Always `dataError`: the data handed to the engine was malformed.
    public var exitStatus: ExitStatus { .dataError }

    /// What happened, to which tensor, and what to do.
    public var description: String {
        switch kind {
        case let .byteCount(name, format, shape, expected, actual):
            let needs = expected < 0 ? "more bytes than can exist" : "\(expected)"
            return "tensor '\(name)': \(actual) bytes of data, but shape \(shape) in \(format.rawValue) "
                + "needs \(needs); the file is truncated or its header lies about the shape or type: "
                + "re-export the weights"
        case let .shape(name, expected, actual):
            return "tensor '\(name)' has shape \(actual), expected \(expected); the weights belong to a "
                + "different model configuration: check the model's config against its weights"
        }
    }
}
