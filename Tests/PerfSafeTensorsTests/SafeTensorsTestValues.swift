import Foundation
import PerfSafeTensors
import Testing

/// A small seeded generator (SplitMix64) so random tests replay exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Shared fixtures and value checks for the safetensors tests.
enum SafeTensorsTestValues {
    /// `Tests/PerfSafeTensorsTests/Fixtures`, made by its `make_fixtures.py`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `count` random bytes from `generator`.
    static func randomBytes(_ count: Int, _ generator: inout SeededGenerator) -> Data {
        Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static let floatTypes: Set<SafeTensorsDType> = [.f64, .f32, .f16, .bf16, .f8E4M3, .f8E5M2]

    /// Each element written out as the fixtures write it: integers in decimal, floats as
    /// Doubles that read back exactly ("nan", "inf" and "-inf" for the special values).
    static func integerTexts(_ tensor: SafeTensor) -> [String] {
        let size = tensor.dtype.byteSize
        let signed: Set<SafeTensorsDType> = [.i8, .i16, .i32, .i64]
        return (0..<tensor.elementCount).map { index in
            var raw: UInt64 = 0
            for byte in 0..<size { raw |= UInt64(tensor.data[index * size + byte]) << (8 * byte) }
            guard signed.contains(tensor.dtype) else { return String(raw) }
            let shift = UInt64(64 - 8 * size)
            return String(Int64(bitPattern: raw << shift) >> shift)
        }
    }

    /// Records an issue unless `tensor`'s elements equal `expected` exactly (NaN matches NaN).
    static func expectValues(_ tensor: SafeTensor, _ expected: [String], _ name: String) throws {
        guard floatTypes.contains(tensor.dtype) else {
            #expect(integerTexts(tensor) == expected, "tensor \(name)")
            return
        }
        let actual = try tensor.floats()
        try #require(actual.count == expected.count, "tensor \(name)")
        for (index, (value, text)) in zip(actual, expected).enumerated() {
            let wanted = try #require(Double(text), "tensor \(name): \(text)")
            if tensor.dtype == .f64 {
                let exact = Double(bitPattern: tensor.data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self) })
                #expect(exact.bitPattern == wanted.bitPattern || (exact.isNaN && wanted.isNaN), "tensor \(name)[\(index)]")
            }
            #expect(value.bitPattern == Float(wanted).bitPattern || (value.isNaN && wanted.isNaN),
                    "tensor \(name)[\(index)]: \(value) != \(text)")
        }
    }
}
