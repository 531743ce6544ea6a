/// Tensors to and from little-endian bytes in a storage format (as in safetensors files).
extension Tensor {
    /// A tensor of `shape` decoded from little-endian `bytes` in `format`. Throws when the byte
    /// count does not match; `name` says which tensor, for the message.
    public init(bytes: UnsafeRawBufferPointer, format: ScalarFormat, shape: [Int], name: String = "tensor") throws(TensorError) {
        // A hostile header may claim a shape whose size overflows: refuse it before multiplying blindly.
        var count = 1, overflow = !shape.allSatisfy { $0 >= 0 }
        for dimension in shape where !overflow {
            (count, overflow) = count.multipliedReportingOverflow(by: Swift.max(dimension, 0))
        }
        let (needed, tooBig) = count.multipliedReportingOverflow(by: format.byteWidth)
        guard !overflow, !tooBig, bytes.count == needed else {
            throw TensorError.byteCount(name: name, format: format, shape: shape,
                                        expected: overflow || tooBig ? -1 : needed, actual: bytes.count)
        }
        let scalars = [Float](unsafeUninitializedCapacity: count) { out, initialized in
            for i in 0..<count {
                switch format {
                case .float32:
                    out[i] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
                case .float16:
                    out[i] = ScalarFormat.float(fromFloat16: UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self)))
                case .bfloat16:
                    out[i] = ScalarFormat.float(fromBFloat16: UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self)))
                }
            }
            initialized = count
        }
        self.init(shape: shape, scalars: scalars)
    }

    /// A tensor of `shape` decoded from little-endian `bytes` in `format`.
    public init(bytes: [UInt8], format: ScalarFormat, shape: [Int], name: String = "tensor") throws(TensorError) {
        let decoded: Result<Tensor, TensorError> = bytes.withUnsafeBytes { raw in
            Result { () throws(TensorError) in try Tensor(bytes: raw, format: format, shape: shape, name: name) }
        }
        self = try decoded.get()
    }

    /// The elements as little-endian bytes in `format` (rounded to nearest even when narrowing).
    public func bytes(as format: ScalarFormat) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count * format.byteWidth) { out, initialized in
            let raw = UnsafeMutableRawBufferPointer(out)
            for (i, value) in scalars.enumerated() {
                switch format {
                case .float32: raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: i * 4, as: UInt32.self)
                case .float16: raw.storeBytes(of: ScalarFormat.float16Bits(value).littleEndian, toByteOffset: i * 2, as: UInt16.self)
                case .bfloat16: raw.storeBytes(of: ScalarFormat.bfloat16Bits(value).littleEndian, toByteOffset: i * 2, as: UInt16.self)
                }
            }
            initialized = count * format.byteWidth
        }
    }

    /// The elements rounded through `format` and back (what storing and loading them gives).
    public func rounded(through format: ScalarFormat) -> Tensor {
        switch format {
        case .float32: return detached()
        case .float16: return Tensor(shape: shape, scalars: scalars.map { ScalarFormat.float(fromFloat16: ScalarFormat.float16Bits($0)) })
        case .bfloat16: return Tensor(shape: shape, scalars: scalars.map { ScalarFormat.float(fromBFloat16: ScalarFormat.bfloat16Bits($0)) })
        }
    }

    /// Throws unless this tensor has shape `expected`; `name` says which tensor, for the message.
    public func checkShape(_ expected: [Int], name: String) throws(TensorError) {
        guard shape == expected else { throw TensorError.shape(name: name, expected: expected, actual: shape) }
    }
}
