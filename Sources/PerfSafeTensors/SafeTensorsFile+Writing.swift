import Foundation

extension SafeTensorsFile {
    /// The file's bytes, deterministic for equal values.
    ///
    /// Tensors are laid out as the reference `safetensors` package lays them out: by dtype
    /// alignment, largest first (the `SafeTensorsDType` case order, reversed), then by name
    /// (byte order), so every tensor's data starts aligned to its element size. The header
    /// is compact JSON with `__metadata__` first (keys in byte order; omitted when empty),
    /// padded with spaces to a multiple of 8 bytes.
    public func serialized() throws -> Data {
        try serialized(source: "safetensors data")
    }

    func serialized(source: String) throws -> Data {
        if tensors["__metadata__"] != nil {
            throw SafeTensorsError(source, .tensor(name: "__metadata__", field: nil,
                                                   "the name is reserved for the header's metadata; rename the tensor"))
        }
        let ordered = tensors.sorted { left, right in
            let (a, b) = (left.value.dtype.layoutRank, right.value.dtype.layoutRank)
            return a != b ? a > b : left.key.utf8.lexicographicallyPrecedes(right.key.utf8)
        }
        var header = Array("{".utf8)
        if !metadata.isEmpty {
            header += Array("\"__metadata__\":{".utf8)
            for (index, (key, value)) in metadata.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if index > 0 { header.append(UInt8(ascii: ",")) }
                Self.appendJSONString(key, to: &header)
                header.append(UInt8(ascii: ":"))
                Self.appendJSONString(value, to: &header)
            }
            header += Array("}".utf8)
            if !ordered.isEmpty { header.append(UInt8(ascii: ",")) }
        }
        var offset = 0
        for (index, (name, tensor)) in ordered.enumerated() {
            if index > 0 { header.append(UInt8(ascii: ",")) }
            Self.appendJSONString(name, to: &header)
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            let end = offset + tensor.data.count
            header += Array(":{\"dtype\":\"\(tensor.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}".utf8)
            offset = end
        }
        header.append(UInt8(ascii: "}"))
        header += Array(repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
        guard header.count <= Self.maxHeaderLength else {
            throw SafeTensorsError(source, .header(field: nil, "the header would be \(header.count) bytes, over the \(Self.maxHeaderLength)-byte limit; store fewer tensors or shorter metadata"))
        }
        var bytes = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for (_, tensor) in ordered { bytes.append(tensor.data) }
        return bytes
    }

    /// Appends `text` as a JSON string, escaped as serde_json escapes it (only quotes,
    /// backslashes and control characters), so perf's headers match the reference's.
    private static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case ..<0x20: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
