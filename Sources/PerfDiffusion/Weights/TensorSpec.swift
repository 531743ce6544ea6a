/// One tensor a component's weights must hold: its name, as diffusers or transformers name
/// it in the safetensors file, and its shape (PyTorch layout: linear weights [out, in],
/// convolution weights [out, in, kh, kw]).
public struct TensorSpec: Sendable, Hashable, CustomStringConvertible {
    /// The tensor's name in the weight file.
    public let name: String
    /// Its shape, outermost dimension first.
    public let shape: [Int]

    /// A tensor `name` of `shape`.
    public init(_ name: String, _ shape: [Int]) {
        self.name = name
        self.shape = shape
    }

    /// `name [d0, d1, …]`.
    public var description: String { "\(name) \(shape)" }
}

/// Collects the tensors of PyTorch modules under their module paths.
struct TensorList {
    private(set) var specs: [TensorSpec] = []

    /// `path.weight` [out, in, k, k] and `path.bias` [out] of a Conv2d.
    mutating func conv(_ path: String, out: Int, in input: Int, kernel: Int) {
        specs.append(TensorSpec("\(path).weight", [out, input, kernel, kernel]))
        specs.append(TensorSpec("\(path).bias", [out]))
    }

    /// `path.weight` [out, in] and, with `bias`, `path.bias` [out] of a Linear.
    mutating func linear(_ path: String, out: Int, in input: Int, bias: Bool = true) {
        specs.append(TensorSpec("\(path).weight", [out, input]))
        if bias { specs.append(TensorSpec("\(path).bias", [out])) }
    }

    /// `path.weight` and `path.bias` [channels] of a GroupNorm or LayerNorm.
    mutating func norm(_ path: String, channels: Int) {
        specs.append(TensorSpec("\(path).weight", [channels]))
        specs.append(TensorSpec("\(path).bias", [channels]))
    }

    /// `path.weight` [rows, width] of an Embedding.
    mutating func embedding(_ path: String, rows: Int, width: Int) {
        specs.append(TensorSpec("\(path).weight", [rows, width]))
    }

    /// Appends another list's tensors.
    mutating func append(_ other: [TensorSpec]) {
        specs.append(contentsOf: other)
    }
}
