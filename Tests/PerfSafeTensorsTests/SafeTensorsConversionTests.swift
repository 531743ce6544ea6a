import Foundation
import PerfSafeTensors
import Testing

/// Float conversions against numpy (float16) and ml_dtypes (bfloat16, float8), from
/// `Fixtures/conversions.json`.
@Suite struct SafeTensorsConversionTests {
    struct Table: Decodable {
        let f32_bits: [UInt32]
        let f16_bits: [UInt16]
        let f16_to_f32_bits: [UInt32]
        let bf16_bits: [UInt16]
        let bf16_to_f32_bits: [UInt32]
        let f8_e4m3_to_f32_bits: [UInt32]
        let f8_e5m2_to_f32_bits: [UInt32]
    }

    static func table() throws -> Table {
        let url = SafeTensorsTestValues.fixtures.appendingPathComponent("conversions.json")
        return try JSONDecoder().decode(Table.self, from: Data(contentsOf: url))
    }

    static func halves(_ tensor: SafeTensor) -> [UInt16] {
        stride(from: 0, to: tensor.data.count, by: 2).map { UInt16(tensor.data[$0]) | UInt16(tensor.data[$0 + 1]) << 8 }
    }

    static func isHalfNaN(_ bits: UInt16, exponentMask: UInt16) -> Bool {
        bits & exponentMask == exponentMask && bits & ~(exponentMask | 0x8000) != 0
    }

    static func littleEndian(_ values: [UInt16]) -> Data {
        Data(values.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] })
    }

    /// Encodes the inputs as `dtype` and decodes the expected bits back, both checked bit for bit.
    func check(_ dtype: SafeTensorsDType, encoded: [UInt16], decoded: [UInt32], exponentMask: UInt16) throws {
        let table = try Self.table()
        let inputs = table.f32_bits.map(Float.init(bitPattern:))
        #expect(inputs.count > 100)
        let ours = Self.halves(try SafeTensor(floats: inputs, shape: [inputs.count], dtype: dtype))
        for (index, (mine, theirs)) in zip(ours, encoded).enumerated() {
            let same = mine == theirs || (Self.isHalfNaN(theirs, exponentMask: exponentMask) && Self.isHalfNaN(mine, exponentMask: exponentMask))
            #expect(same, "\(dtype) of \(inputs[index]) (0x\(String(table.f32_bits[index], radix: 16))): perf 0x\(String(mine, radix: 16)), reference 0x\(String(theirs, radix: 16))")
        }
        let back = try SafeTensor(dtype: dtype, shape: [encoded.count], data: Self.littleEndian(encoded)).floats()
        for (value, bits) in zip(back, decoded) {
            let expected = Float(bitPattern: bits)
            #expect(value.bitPattern == bits || (value.isNaN && expected.isNaN), "\(dtype) 0x\(String(bits, radix: 16))")
        }
    }

    @Test func float16MatchesNumpy() throws {
        let table = try Self.table()
        try check(.f16, encoded: table.f16_bits, decoded: table.f16_to_f32_bits, exponentMask: 0x7C00)
    }

    @Test func bfloat16MatchesMLDtypes() throws {
        let table = try Self.table()
        try check(.bf16, encoded: table.bf16_bits, decoded: table.bf16_to_f32_bits, exponentMask: 0x7F80)
    }

    @Test(arguments: [SafeTensorsDType.f8E4M3, .f8E5M2])
    func float8DecodesEveryByteAsMLDtypes(_ dtype: SafeTensorsDType) throws {
        let table = try Self.table()
        let expected = dtype == .f8E4M3 ? table.f8_e4m3_to_f32_bits : table.f8_e5m2_to_f32_bits
        let values = try SafeTensor(dtype: dtype, shape: [256], data: Data(0...255)).floats()
        #expect(values.count == expected.count)
        for (byte, (value, bits)) in zip(values, expected).enumerated() {
            let wanted = Float(bitPattern: bits)
            #expect(value.bitPattern == bits || (value.isNaN && wanted.isNaN), "\(dtype) byte 0x\(String(byte, radix: 16)): \(value) != \(wanted)")
        }
    }
}
