import Foundation
import PerfSafeTensors
import PerfTestSupport
import Testing

/// perf against the reference Python `safetensors` package, both ways.
@Suite struct SafeTensorsInteropTests {
    struct Expected: Decodable {
        struct Tensor: Decodable {
            let dtype: String
            let shape: [Int]
            let values: [String]
        }
        let metadata: [String: String]
        let tensors: [String: Tensor]
    }

    /// Runs `script` with `python3`, passing `arguments`, and decodes what it prints as JSON.
    static func python<T: Decodable>(_ script: String, _ arguments: [String], as type: T.Type) throws -> T {
        let result = try ProcessRunner.run(tool: "python3", ["-c", script] + arguments)
        try #require(result.status == 0, "python3 failed: \(result.stderr)")
        return try JSONDecoder().decode(T.self, from: Data(result.stdout.utf8))
    }

    /// Prints every tensor of a file as the fixtures describe them: numpy-supported dtypes
    /// through `safetensors.numpy.load_file`, BF16 and FP8 from the raw bytes, decoded in numpy.
    static let describe = """
    import json, math, sys
    import numpy as np
    from safetensors import deserialize, safe_open
    from safetensors.numpy import load_file
    path = sys.argv[1]
    raw = {name: view for name, view in deserialize(open(path, "rb").read())}
    numeric = [name for name, view in raw.items() if view["dtype"] not in ("BF16", "F8_E4M3", "F8_E5M2")]
    arrays = load_file(path) if len(numeric) == len(raw) else {}
    def text(x):
        if isinstance(x, (bool, int)): return str(int(x))
        return "nan" if math.isnan(x) else "inf" if x == math.inf else "-inf" if x == -math.inf else repr(x)
    out = {}
    for name, view in raw.items():
        if name in arrays:
            values = arrays[name].reshape(-1).tolist()
        elif view["dtype"] == "BF16":
            bits = np.frombuffer(bytes(view["data"]), dtype=np.uint16).astype(np.uint32) << 16
            values = bits.view(np.float32).astype(np.float64).tolist()
        else:
            continue
        out[name] = {"dtype": view["dtype"], "shape": list(view["shape"]), "values": [text(v) for v in values]}
    with safe_open(path, framework="np") as f:
        metadata = f.metadata() or {}
    print(json.dumps({"metadata": metadata, "tensors": out}))
    """

    static func check(_ file: SafeTensorsFile, against expected: Expected, allowSkipped: Set<String> = []) throws {
        #expect(expected.metadata == file.metadata)
        #expect(Set(expected.tensors.keys).union(allowSkipped) == Set(file.tensors.keys))
        for (name, want) in expected.tensors {
            let tensor = try #require(file.tensors[name], "tensor \(name)")
            #expect(tensor.dtype.rawValue == want.dtype && tensor.shape == want.shape, "tensor \(name)")
            try SafeTensorsTestValues.expectValues(tensor, want.values, name)
        }
    }

    @Test func perfFilesAreReadByPython() throws {
        let folder = try TemporaryDirectory("safetensors")
        var generator = SeededGenerator(seed: 7)
        var file = SafeTensorsFile(metadata: ["format": "pt", "note": "ünï/\"q\"\\\n\u{01}"])
        let numeric: [SafeTensorsDType] = [.u8, .i8, .i16, .u16, .f16, .i32, .u32, .f32, .f64, .i64, .u64]
        for dtype in numeric {
            let data = SafeTensorsTestValues.randomBytes(6 * dtype.byteSize, &generator)
            file.tensors["layer.\(dtype.rawValue)"] = try SafeTensor(dtype: dtype, shape: [2, 3], data: data)
        }
        file.tensors["mask"] = try SafeTensor(dtype: .bool, shape: [4], data: Data([1, 0, 0, 1]))
        file.tensors["values"] = try SafeTensor(floats: [0.1, -3, .infinity, .nan, 1e-30], shape: [5], dtype: .f32)
        file.tensors["scalar"] = try SafeTensor(floats: [2.5], shape: [], dtype: .f16)
        file.tensors["empty"] = try SafeTensor(dtype: .f32, shape: [0, 3], data: Data())
        let path = folder.path("perf.safetensors")
        try file.write(to: path)
        try Self.check(file, against: Self.python(Self.describe, [path.path], as: Expected.self))

        var low = SafeTensorsFile(metadata: ["format": "pt"])
        low.tensors["bf16"] = try SafeTensor(floats: [1, -0.1, 3e38, .infinity, .nan], shape: [5], dtype: .bf16)
        low.tensors["f8"] = try SafeTensor(dtype: .f8E4M3, shape: [2], data: Data([0x38, 0xFE]))
        try low.write(to: path)
        try Self.check(low, against: Self.python(Self.describe, [path.path], as: Expected.self), allowSkipped: ["f8"])
    }

    /// The reference package, saving what it loaded from a perf file, writes the same bytes.
    @Test func pythonRewritesPerfFilesByteForByte() throws {
        let folder = try TemporaryDirectory("safetensors")
        var generator = SeededGenerator(seed: 8)
        var file = SafeTensorsFile(metadata: ["format": "pt"])  // one key: the reference orders metadata by hash
        for (index, dtype) in [SafeTensorsDType.f16, .f32, .u8, .f64, .i64, .f32, .bool].enumerated() {
            let count = index + 1
            let data = dtype == .bool ? Data((0..<count).map { UInt8($0 % 2) })
                : SafeTensorsTestValues.randomBytes(count * dtype.byteSize, &generator)
            file.tensors["b\(index % 3).t\(index)"] = try SafeTensor(dtype: dtype, shape: [count], data: data)
        }
        let ours = folder.path("perf.safetensors"), theirs = folder.path("python.safetensors")
        try file.write(to: ours)
        let script = """
        import sys
        from safetensors import safe_open
        from safetensors.numpy import load_file, save_file
        with safe_open(sys.argv[1], framework="np") as f:
            metadata = f.metadata()
        save_file(load_file(sys.argv[1]), sys.argv[2], metadata=metadata)
        print("{}")
        """
        _ = try Self.python(script, [ours.path, theirs.path], as: [String: String].self)
        #expect(try Data(contentsOf: theirs) == file.serialized())
    }

    @Test func pythonFixtureIsReadExactly() throws {
        let fixtures = SafeTensorsTestValues.fixtures
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: fixtures.appendingPathComponent("python_written.json")))
        let file = try SafeTensorsFile.read(from: fixtures.appendingPathComponent("python_written.safetensors"))
        #expect(Set(file.tensors.values.map(\.dtype)) == Set(SafeTensorsDType.allCases))
        try Self.check(file, against: expected)
    }
}
