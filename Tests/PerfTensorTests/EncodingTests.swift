import Foundation
import Testing
@testable import PerfTensor

/// Float16 / bfloat16 storage conversions and the bytes of a tensor.
@Suite struct EncodingTests {
#if !(os(macOS) && arch(x86_64))
    /// Every one of the 65,536 half-precision bit patterns decodes as Swift's `Float16` does.
    @Test func float16DecodesEveryPattern() {
        for bits in UInt16.min...UInt16.max {
            let ours = ScalarFormat.float(fromFloat16: bits), swift = Float(Float16(bitPattern: bits))
            #expect(ours.bitPattern == swift.bitPattern || (ours.isNaN && swift.isNaN), "bits \(bits)")
            if ours.bitPattern != swift.bitPattern && !(ours.isNaN && swift.isNaN) { return }
        }
    }

    /// Encoding rounds as Swift's `Float16(_:)` does (nearest, ties to even), for halfway
    /// cases, subnormals, overflow and random values.
    @Test func float16EncodesLikeSwift() {
        var random = SeededRandom(seed: 7)
        var values: [Float] = [0, -0, 1, -1, 65504, 65519.99, 65520, 1e6, -1e6, .infinity, -.infinity, .nan,
                               0x1p-24, 0x1p-25, 0x1.8p-25, 0x1p-26, 0x1.ffcp-15, 0x1.0p-14, 1 + 0x1p-11, 1 + 0x3p-11, 6.1e-5]
        for _ in 0..<20_000 {
            values.append(Float(bitPattern: UInt32.random(in: 0x3000_0000...0x4800_0000, using: &random)) * (Bool.random(using: &random) ? 1 : -1))
        }
        for value in values {
            let ours = ScalarFormat.float16Bits(value), swift = Float16(value).bitPattern
            #expect(ours == swift || (value.isNaN && ours & 0x7C00 == 0x7C00 && ours & 0x3FF != 0), "value \(value)")
            if ours != swift && !value.isNaN { return }
        }
    }
#endif

    /// bfloat16 rounding against a float64 nearest-neighbour search between the two candidates.
    @Test func bfloat16RoundsToNearestEven() {
        var random = SeededRandom(seed: 8)
        for _ in 0..<20_000 {
            let value = Float(bitPattern: UInt32.random(in: 0...0x7F7F_FFFF, using: &random))
            let low = UInt16(value.bitPattern >> 16), high = low + 1
            let dl = abs(Double(value) - Double(ScalarFormat.float(fromBFloat16: low)))
            // IEEE rounding treats +inf as 2^128 (the next value with an unbounded exponent).
            let highValue = high == 0x7F80 ? 0x1p128 : Double(ScalarFormat.float(fromBFloat16: high))
            let dh = abs(Double(value) - highValue)
            let expected = dl < dh ? low : dh < dl ? high : (low & 1 == 0 ? low : high)
            #expect(ScalarFormat.bfloat16Bits(value) == expected, "value \(value)")
        }
        #expect(ScalarFormat.float(fromBFloat16: ScalarFormat.bfloat16Bits(.nan)).isNaN)
        #expect(ScalarFormat.bfloat16Bits(-.infinity) == 0xFF80)
    }

    @Test func bytesRoundTripLittleEndian() throws {
        let tensor = Tensor(shape: [2, 2], scalars: [1, -2, 0.5, 3.140625])
        #expect(tensor.bytes(as: .float16) == [0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38, 0x48, 0x42])
        #expect(tensor.bytes(as: .bfloat16) == [0x80, 0x3F, 0x00, 0xC0, 0x00, 0x3F, 0x49, 0x40])
        #expect(tensor.bytes(as: .float32).prefix(4) == [0x00, 0x00, 0x80, 0x3F])
        for format in ScalarFormat.allCases {
            let decoded = try Tensor(bytes: tensor.bytes(as: format), format: format, shape: [2, 2])
            #expect(decoded.scalars == tensor.scalars && decoded.shape == [2, 2])
        }
        let noisy = Tensor(shape: [3], scalars: [0.1, 1000.7, -3.3])
        #expect(noisy.rounded(through: .float16).scalars == [Float(Float16(0.1)), 1000.5, Float(Float16(-3.3))])
        #expect(noisy.rounded(through: .bfloat16).scalars == [0.10009765625, 1000, -3.296875])
    }

    /// Truncated data, lying and absurd shapes are refused with a message naming the tensor.
    @Test func hostileBuffersAreRefused() {
        let cases: [([UInt8], ScalarFormat, [Int])] = [
            ([0, 0, 0], .float32, [1]), ([0, 0, 0, 0], .float16, [1]), ([], .bfloat16, [1]),
            ([0, 0], .float16, [-1]), ([0, 0], .float16, [Int.max / 2, 4]), ([0, 0], .bfloat16, [1 << 62, 1 << 62]),
        ]
        for (bytes, format, shape) in cases {
            #expect(throws: TensorError.self) { try Tensor(bytes: bytes, format: format, shape: shape, name: "unet.conv_in.weight") }
            do {
                _ = try Tensor(bytes: bytes, format: format, shape: shape, name: "unet.conv_in.weight")
            } catch {
                #expect(error.description.contains("unet.conv_in.weight") && error.description.contains(format.rawValue))
                #expect(error.exitStatus == .dataError)
            }
        }
        #expect(throws: TensorError.shape(name: "w", expected: [2, 3], actual: [3, 2])) {
            try Tensor.zeros([3, 2]).checkShape([2, 3], name: "w")
        }
        #expect(throws: Never.self) { try Tensor.zeros([3, 2]).checkShape([3, 2], name: "w") }
    }
}
