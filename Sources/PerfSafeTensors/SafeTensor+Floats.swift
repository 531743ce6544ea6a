import Foundation

extension SafeTensor {
    /// Encodes `floats` (row-major, `product(shape)` of them) as F32, F64, F16 or BF16.
    /// F16 and BF16 round to nearest, ties to even; infinities and NaN are kept.
    public init(floats: [Float], shape: [Int], dtype: SafeTensorsDType = .f32) throws {
        let bytes: Data
        switch dtype {
        case .f32: bytes = Self.littleEndianBytes(floats.map(\.bitPattern))
        case .f64: bytes = Self.littleEndianBytes(floats.map { Double($0).bitPattern })
        case .f16: bytes = Self.littleEndianBytes(floats.map { Float16($0).bitPattern })
        case .bf16: bytes = Self.littleEndianBytes(floats.map(Self.bfloat16Bits))
        default:
            throw SafeTensorsError("\(dtype.rawValue) tensor of shape \(shape)",
                                   .invalidTensor("perf encodes floats only as F32, F64, F16 or BF16; build other dtypes with init(dtype:shape:data:)"))
        }
        try self.init(dtype: dtype, shape: shape, data: bytes)
    }

    /// Decodes every element (row-major) to Float: floats convert exactly or round to
    /// nearest, integers round to the nearest Float, BOOL gives 0 or 1.
    /// Throws for a BOOL byte other than 0 or 1.
    public func floats() throws -> [Float] {
        switch dtype {
        case .f32: return decode(UInt32.self) { Float(bitPattern: $0) }
        case .f64: return decode(UInt64.self) { Float(Double(bitPattern: $0)) }
        case .f16: return decode(UInt16.self) { Float(Float16(bitPattern: $0)) }
        case .bf16: return decode(UInt16.self) { Float(bitPattern: UInt32($0) << 16) }
        case .f8E5M2: return decode(UInt8.self) { Float(Float16(bitPattern: UInt16($0) << 8)) }
        case .f8E4M3: return decode(UInt8.self, Self.floatFromE4M3)
        case .u8: return decode(UInt8.self) { Float($0) }
        case .i8: return decode(UInt8.self) { Float(Int8(bitPattern: $0)) }
        case .u16: return decode(UInt16.self) { Float($0) }
        case .i16: return decode(UInt16.self) { Float(Int16(bitPattern: $0)) }
        case .u32: return decode(UInt32.self) { Float($0) }
        case .i32: return decode(UInt32.self) { Float(Int32(bitPattern: $0)) }
        case .u64: return decode(UInt64.self) { Float($0) }
        case .i64: return decode(UInt64.self) { Float(Int64(bitPattern: $0)) }
        case .bool:
            if let index = data.firstIndex(where: { $0 > 1 }) {
                throw SafeTensorsError("BOOL tensor of shape \(shape)",
                                       .invalidTensor("element \(index) is byte \(data[index]), not 0 or 1"))
            }
            return data.map { Float($0) }
        }
    }

    /// Each element as `T` read little-endian, converted by `convert`.
    private func decode<T: FixedWidthInteger>(_ type: T.Type, _ convert: (T) -> Float) -> [Float] {
        data.withUnsafeBytes { raw in
            (0..<elementCount).map { index in
                convert(T(littleEndian: raw.loadUnaligned(fromByteOffset: index * MemoryLayout<T>.size, as: T.self)))
            }
        }
    }

    /// The bytes of `values` in little-endian order.
    private static func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> Data {
        values.map(\.littleEndian).withUnsafeBytes { Data($0) }
    }

    /// The bfloat16 nearest `value` (ties to even); NaN stays a quiet NaN of the same sign.
    static func bfloat16Bits(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN { return UInt16(truncatingIfNeeded: bits >> 16) | 0x0040 }
        let roundingBias: UInt32 = 0x7FFF + ((bits >> 16) & 1)
        return UInt16(truncatingIfNeeded: (bits &+ roundingBias) >> 16)
    }

    /// Decodes FP8 E4M3FN: bias 7, subnormals, no infinities, NaN at S.1111.111.
    static func floatFromE4M3(_ byte: UInt8) -> Float {
        let sign: Float = byte & 0x80 == 0 ? 1 : -1
        let exponent = Int((byte >> 3) & 0x0F)
        let mantissa = Float(byte & 0x07)
        if exponent == 0x0F && byte & 0x07 == 0x07 { return .nan }
        if exponent == 0 { return sign * mantissa * 0x1p-9 }
        return sign * (1 + mantissa / 8) * Float(sign: .plus, exponent: exponent - 7, significand: 1)
    }
}
