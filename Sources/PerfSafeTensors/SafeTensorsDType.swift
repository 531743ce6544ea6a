/// The element types a safetensors file can hold, spelled as in the file's header.
///
/// The case order is the reference implementation's alignment order (smallest first);
/// `SafeTensorsFile.serialized()` lays tensors out by it, largest alignment first.
public enum SafeTensorsDType: String, Sendable, CaseIterable {
    /// One byte per element, 0 or 1.
    case bool = "BOOL"
    /// Unsigned 8-bit integer.
    case u8 = "U8"
    /// Signed 8-bit integer.
    case i8 = "I8"
    /// 8-bit float, 5 exponent and 2 mantissa bits, with infinities (OCP FP8 E5M2).
    case f8E5M2 = "F8_E5M2"
    /// 8-bit float, 4 exponent and 3 mantissa bits, no infinities (OCP FP8 E4M3FN).
    case f8E4M3 = "F8_E4M3"
    /// Signed 16-bit integer.
    case i16 = "I16"
    /// Unsigned 16-bit integer.
    case u16 = "U16"
    /// IEEE 754 half precision.
    case f16 = "F16"
    /// bfloat16: the upper half of an IEEE 754 single.
    case bf16 = "BF16"
    /// Signed 32-bit integer.
    case i32 = "I32"
    /// Unsigned 32-bit integer.
    case u32 = "U32"
    /// IEEE 754 single precision.
    case f32 = "F32"
    /// IEEE 754 double precision.
    case f64 = "F64"
    /// Signed 64-bit integer.
    case i64 = "I64"
    /// Unsigned 64-bit integer.
    case u64 = "U64"

    /// The size of one element in bytes.
    public var byteSize: Int {
        switch self {
        case .bool, .u8, .i8, .f8E5M2, .f8E4M3: 1
        case .i16, .u16, .f16, .bf16: 2
        case .i32, .u32, .f32: 4
        case .f64, .i64, .u64: 8
        }
    }

    /// Position in the reference's alignment order; larger is laid out first.
    var layoutRank: Int { Self.allCases.firstIndex(of: self)! }

    /// Every dtype name, for error messages.
    static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
