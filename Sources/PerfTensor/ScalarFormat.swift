/// How tensor elements are stored in files; raw values are safetensors' dtype names.
public enum ScalarFormat: String, Sendable, CaseIterable {
    /// IEEE 754 binary32.
    case float32 = "F32"
    /// IEEE 754 binary16 (half precision).
    case float16 = "F16"
    /// bfloat16: the upper half of a binary32.
    case bfloat16 = "BF16"

    /// Bytes per element.
    public var byteWidth: Int { self == .float32 ? 4 : 2 }

    /// The binary16 bits nearest to `value` (round to nearest, ties to even; overflow to ±inf;
    /// NaN stays NaN).
    public static func float16Bits(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        let mantissa = bits & 0x7F_FFFF
        if exponent == 0xFF { return sign | 0x7C00 | (mantissa == 0 ? 0 : 0x200 | UInt16(mantissa >> 13)) }
        let unbiased = exponent - 127
        if unbiased > 15 { return sign | 0x7C00 }
        if unbiased >= -14 {
            // Normal half: keep 10 mantissa bits, round the 13 dropped ones.
            var half = UInt32(unbiased + 15) << 10 | mantissa >> 13
            let dropped = mantissa & 0x1FFF
            if dropped > 0x1000 || (dropped == 0x1000 && half & 1 == 1) { half += 1 }  // may carry into ±inf: correct
            return sign | UInt16(half)
        }
        if unbiased < -25 { return sign }
        // Subnormal half: the value is m·2^-24 with m = full mantissa >> shift.
        let full = mantissa | 0x80_0000
        let shift = UInt32(-unbiased - 14 + 13)
        var half = full >> shift
        let dropped = full & ((1 << shift) - 1), halfway = UInt32(1) << (shift - 1)
        if dropped > halfway || (dropped == halfway && half & 1 == 1) { half += 1 }
        return sign | UInt16(half)
    }

    /// The value of binary16 `bits` (exact).
    public static func float(fromFloat16 bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
        case 0:
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        default:
            return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
        }
    }

    /// The bfloat16 bits nearest to `value` (round to nearest, ties to even; NaN stays a quiet NaN).
    public static func bfloat16Bits(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN { return UInt16(bits >> 16) | 0x40 }
        let rounded = bits &+ 0x7FFF &+ ((bits >> 16) & 1)
        return UInt16(rounded >> 16)
    }

    /// The value of bfloat16 `bits` (exact).
    public static func float(fromBFloat16 bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }
}
