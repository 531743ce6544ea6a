/// A dense Float32 tensor: an explicit shape and its elements in row-major order.
///
/// A value type: copies share storage until one is written (copy on write), so passing
/// tensors around is cheap. Every op returns a new contiguous tensor; views do not exist.
/// A tensor may be *tracked*: watched by a `Tape`, or computed from tracked tensors while
/// that tape records. Ops on tracked tensors record their backward onto the tape; ops on
/// untracked tensors record nothing and keep nothing alive.
public struct Tensor: Sendable {
    /// The extent of each dimension, outermost first; `[]` for a scalar.
    public let shape: [Int]
    /// The elements in row-major order: the product of `shape` of them.
    public let scalars: [Float]
    /// The tape and node this tensor was recorded as, when tracked.
    let tracking: Tracking?

    /// A tensor of `shape` holding `scalars` in row-major order (their count must match).
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "Tensor: shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.init(shape: shape, scalars: scalars, tracking: nil)
    }

    /// A tensor of `shape` with every element `value`.
    public init(shape: [Int], repeating value: Float) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// A rank-0 tensor holding `value`.
    public init(_ value: Float) {
        self.init(shape: [], scalars: [value], tracking: nil)
    }

    init(shape: [Int], scalars: [Float], tracking: Tracking?) {
        self.shape = shape
        self.scalars = scalars
        self.tracking = tracking
    }

    /// A tensor of `shape` filled with zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }

    /// A tensor of `shape` filled with ones.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }

    /// The number of elements.
    public var count: Int { scalars.count }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The only element of a one-element tensor (a loss, say).
    public var scalar: Float {
        precondition(count == 1, "Tensor.scalar: tensor of shape \(shape) has \(count) elements")
        return scalars[0]
    }

    /// Whether a live tape records ops on this tensor.
    public var isTracked: Bool { tracking?.tape.isRecording ?? false }

    /// The same values, untracked: gradients stop here.
    public func detached() -> Tensor {
        Tensor(shape: shape, scalars: scalars, tracking: nil)
    }

    /// Builds an untracked tensor of `shape` whose elements `fill` writes, every one of them.
    static func make(_ shape: [Int], _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        let count = shape.reduce(1, *)
        let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { fill(buffer) }  // an empty buffer may have no address at all
            initialized = count
        }
        return Tensor(shape: shape, scalars: scalars, tracking: nil)
    }

    /// Builds an untracked tensor of `shape`, zero-filled before `fill` adds to it.
    static func makeZeroed(_ shape: [Int], _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        var scalars = [Float](repeating: 0, count: shape.reduce(1, *))
        if !scalars.isEmpty { scalars.withUnsafeMutableBufferPointer { fill($0) } }
        return Tensor(shape: shape, scalars: scalars, tracking: nil)
    }

    /// Calls `body` with pointers to the elements of each of `tensors` (valid only inside `body`).
    static func withPointers<R>(_ tensors: [Tensor], _ body: ([UnsafePointer<Float>]) -> R) -> R {
        func step(_ index: Int, _ pointers: [UnsafePointer<Float>]) -> R {
            if index == tensors.count { return body(pointers) }
            return tensors[index].withPointer { step(index + 1, pointers + [$0]) }
        }
        return step(0, [])
    }

    /// Calls `body` with a pointer to the elements (valid only inside `body`).
    func withPointer<R>(_ body: (UnsafePointer<Float>) -> R) -> R {
        scalars.withUnsafeBufferPointer { body($0.baseAddress ?? UnsafePointer(bitPattern: 16)!) }
    }
}

extension Tensor: CustomStringConvertible {
    /// The shape and the first few elements.
    public var description: String {
        let head = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor\(shape)[\(head)\(count > 8 ? ", …" : "")]"
    }
}

extension Array where Element == Int {
    /// The number of elements a tensor of this shape holds.
    var elementCount: Int { reduce(1, *) }
}
