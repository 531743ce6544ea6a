import Foundation

/// One tensor of a safetensors file: its element type, its shape (row-major) and its
/// raw little-endian bytes. A value always holds exactly the bytes its shape needs.
public struct SafeTensor: Sendable, Equatable {
    /// The element type.
    public let dtype: SafeTensorsDType
    /// The extent of each dimension, outermost first; `[]` is a scalar.
    public let shape: [Int]
    /// The elements' raw little-endian bytes, row-major, starting at index 0.
    public let data: Data

    /// Wraps raw little-endian bytes; throws unless `data` holds exactly
    /// `product(shape) × dtype.byteSize` bytes and no dimension is negative.
    public init(dtype: SafeTensorsDType, shape: [Int], data: Data) throws {
        let source = "\(dtype.rawValue) tensor of shape \(shape)"
        if let negative = shape.first(where: { $0 < 0 }) {
            throw SafeTensorsError(source, .invalidTensor("dimension \(negative) is negative"))
        }
        guard let needed = Self.byteCount(dtype: dtype, shape: shape) else {
            throw SafeTensorsError(source, .invalidTensor("the shape has more elements than fit in memory"))
        }
        guard needed == data.count else {
            throw SafeTensorsError(source, .invalidTensor("it needs \(needed) bytes of data but was given \(data.count)"))
        }
        self.init(checked: dtype, shape: shape, data: data)
    }

    /// Wraps bytes whose size the caller has already checked.
    init(checked dtype: SafeTensorsDType, shape: [Int], data: Data) {
        self.dtype = dtype
        self.shape = shape
        self.data = data.startIndex == 0 ? data : Data(data)
    }

    /// The number of elements: the product of `shape` (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }

    /// `product(shape) × dtype.byteSize` for non-negative dimensions, or nil on overflow.
    static func byteCount(dtype: SafeTensorsDType, shape: [Int]) -> Int? {
        var total = dtype.byteSize
        for extent in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: extent)
            if overflow { return nil }
            total = product
        }
        return total
    }
}
