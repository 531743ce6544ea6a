import Foundation
import PerfDiagnostics
import PerfSafeTensors
import PerfTestSupport
import Testing

@Suite struct SafeTensorsRoundTripTests {
    /// One tensor of every dtype, random bytes, in several shapes.
    static func everyDType(seed: UInt64) throws -> SafeTensorsFile {
        var generator = SeededGenerator(seed: seed)
        var file = SafeTensorsFile(metadata: ["format": "pt", "note": "ünï \"quoted\"\n\tline"])
        for dtype in SafeTensorsDType.allCases {
            let shape = [2, 3, Int.random(in: 1...4, using: &generator)]
            let data = SafeTensorsTestValues.randomBytes(shape.reduce(dtype.byteSize, *), &generator)
            file.tensors["t.\(dtype.rawValue.lowercased())"] = try SafeTensor(dtype: dtype, shape: shape, data: data)
        }
        file.tensors["scalar"] = try SafeTensor(floats: [3.25], shape: [])
        file.tensors["empty"] = try SafeTensor(dtype: .i16, shape: [4, 0], data: Data())
        return file
    }

    @Test func everyDTypeAndMetadataRoundTrip() throws {
        let file = try Self.everyDType(seed: 1)
        let back = try SafeTensorsFile(data: try file.serialized(), source: "memory")
        #expect(back == file)
        #expect(back.metadata["note"] == "ünï \"quoted\"\n\tline")
        #expect(back.tensors["scalar"]?.elementCount == 1)
        #expect(back.tensors["empty"]?.elementCount == 0)
        #expect(Set(back.tensors.values.map(\.dtype)) == Set(SafeTensorsDType.allCases))
    }

    @Test func layoutFollowsTheReference() throws {
        let data = try Self.everyDType(seed: 2).serialized()
        let length = Int(data.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        #expect(length % 8 == 0)
        let header = String(decoding: data[8..<8 + length], as: UTF8.self)
        #expect(header.hasPrefix("{\"__metadata__\":{\"format\":\"pt\",\"note\":\"ünï \\\"quoted\\\"\\n\\tline\"},"))
        // Largest alignment first, then by name; every tensor starts aligned to its element size.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])
        let entries = json.filter { $0.key != "__metadata__" }.compactMap { name, value -> (String, String, Int)? in
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let offsets = entry["data_offsets"] as? [Int] else { return nil }
            return (name, dtype, offsets[0])
        }.sorted { ($0.2, $0.0) < ($1.2, $1.0) }
        let order = SafeTensorsDType.allCases.map(\.rawValue)
        let ranks = entries.map { order.firstIndex(of: $0.1)! }
        #expect(ranks == ranks.sorted(by: >))
        for (name, dtype, begin) in entries {
            #expect(begin % SafeTensorsDType(rawValue: dtype)!.byteSize == 0, "\(name)")
        }
    }

    @Test func serializationIsDeterministic() throws {
        let file = try Self.everyDType(seed: 3)
        var shuffled = SafeTensorsFile(metadata: file.metadata)
        for (name, tensor) in file.tensors.sorted(by: { $0.key > $1.key }) { shuffled.tensors[name] = tensor }
        #expect(try shuffled.serialized() == file.serialized())
    }

    @Test func floatEncodingsRoundTrip() throws {
        let values: [Float] = [0, -0.0, 1, -2.5, 0.1, 65504, 1e-8, .infinity, -.infinity, .nan, 3.0e38, .leastNonzeroMagnitude]
        for dtype in [SafeTensorsDType.f32, .f64] {
            let decoded = try SafeTensor(floats: values, shape: [3, 4], dtype: dtype).floats()
            #expect(zip(decoded, values).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }, "\(dtype)")
        }
        for dtype in [SafeTensorsDType.f16, .bf16] {
            let once = try SafeTensor(floats: values, shape: [12], dtype: dtype)
            let twice = try SafeTensor(floats: once.floats(), shape: [12], dtype: dtype)
            #expect(once == twice, "\(dtype): decoding then encoding changes nothing")
            let decoded = try once.floats()
            #expect(decoded[2] == 1 && decoded[3] == -2.5 && decoded[7] == .infinity && decoded[9].isNaN, "\(dtype)")
        }
    }

    @Test func integerTensorsDecodeToFloats() throws {
        let bytes = Data([0xFF, 0xFF, 0x02, 0x00, 0x00, 0x80])
        #expect(try SafeTensor(dtype: .i16, shape: [3], data: bytes).floats() == [-1, 2, -32768])
        #expect(try SafeTensor(dtype: .u16, shape: [3], data: bytes).floats() == [65535, 2, 32768])
        #expect(try SafeTensor(dtype: .bool, shape: [2], data: Data([1, 0])).floats() == [1, 0])
        let badBool = try SafeTensor(dtype: .bool, shape: [2], data: Data([1, 7]))
        #expect(throws: SafeTensorsError.self) { try badBool.floats() }
    }

    @Test func invalidTensorsAreRejected() throws {
        let cases: [(() throws -> SafeTensor, String)] = [
            ({ try SafeTensor(dtype: .f32, shape: [2, 2], data: Data(count: 15)) }, "needs 16 bytes of data but was given 15"),
            ({ try SafeTensor(dtype: .u8, shape: [-1], data: Data()) }, "dimension -1 is negative"),
            ({ try SafeTensor(dtype: .u8, shape: [1 << 32, 1 << 32], data: Data()) }, "more elements than fit"),
            ({ try SafeTensor(floats: [1, 2], shape: [3]) }, "needs 12 bytes of data but was given 8"),
            ({ try SafeTensor(floats: [1], shape: [1], dtype: .i32) }, "perf encodes floats only as F32, F64, F16 or BF16"),
        ]
        for (make, message) in cases {
            let error = try #require(throws: SafeTensorsError.self) { try make() }
            #expect(error.description.contains(message), "\(error)")
            #expect(error.exitStatus == .dataError)
        }
        let reserved = SafeTensorsFile(tensors: ["__metadata__": try SafeTensor(floats: [1], shape: [1])])
        let error = try #require(throws: SafeTensorsError.self) { try reserved.serialized() }
        #expect(error.description.contains("reserved"))
    }

    @Test func writeIsAtomicAndReadBack() throws {
        let folder = try TemporaryDirectory("safetensors")
        let target = folder.path("model.safetensors")
        let first = try Self.everyDType(seed: 4)
        try first.write(to: target)
        #expect(try SafeTensorsFile.read(from: target) == first)
        let second = SafeTensorsFile(tensors: ["w": try SafeTensor(floats: [1, 2], shape: [2], dtype: .f16)])
        try second.write(to: target)
        #expect(try SafeTensorsFile.read(from: target) == second)
        #expect(try folder.listFiles() == ["model.safetensors"], "no temporary file is left behind")
    }

    @Test func missingPathsNameTheFile() throws {
        let folder = try TemporaryDirectory("safetensors")
        let missing = folder.path("absent.safetensors")
        let readError = try #require(throws: SafeTensorsError.self) { try SafeTensorsFile.read(from: missing) }
        #expect(readError.description.contains(missing.path) && readError.description.contains("no such file"))
        #expect(readError.exitStatus == .notFound)
        let nowhere = folder.path("no/such/folder/out.safetensors")
        let writeError = try #require(throws: SafeTensorsError.self) { try SafeTensorsFile().write(to: nowhere) }
        #expect(writeError.description.contains(nowhere.path) && writeError.exitStatus == .notFound)
        #expect(try folder.listFiles() == [])
    }
}
