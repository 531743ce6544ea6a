import Foundation
import PerfDiagnostics

extension SafeTensorsFile {
    /// Parses a whole safetensors file held in memory; `source` names it in errors.
    /// Every header field is checked; any problem throws `SafeTensorsError`.
    public init(data: Data, source: String) throws {
        let base = data.startIndex
        guard data.count >= 8 else {
            throw SafeTensorsError(source, .truncated("the file is \(data.count) bytes long, too short for the 8-byte header length"))
        }
        let declared = data[base..<base + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard declared <= UInt64(Self.maxHeaderLength) else {
            throw SafeTensorsError(source, .header(field: nil, "the header length field says \(declared) bytes, over the \(Self.maxHeaderLength)-byte limit"))
        }
        let headerLength = Int(declared)
        guard headerLength <= data.count - 8 else {
            throw SafeTensorsError(source, .truncated("the header length field says \(headerLength) bytes but only \(data.count - 8) follow it"))
        }
        let header = [UInt8](data[base + 8..<base + 8 + headerLength])
        let bufferStart = base + 8 + headerLength
        let (entries, metadata) = try Self.parseHeader(header, source: source)
        try Self.checkLayout(entries, bufferSize: data.count - 8 - headerLength, source: source)
        var tensors: [String: SafeTensor] = [:]
        for entry in entries {
            let bytes = Data(data[bufferStart + entry.begin..<bufferStart + entry.end])
            tensors[entry.name] = SafeTensor(checked: entry.dtype, shape: entry.shape, data: bytes)
        }
        self.init(tensors: tensors, metadata: metadata)
    }

    /// One tensor's header entry, its fields checked one by one.
    struct Entry {
        let name: String
        let dtype: SafeTensorsDType
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    /// The tensor entries and metadata of a header; rejects anything but the format's fields.
    static func parseHeader(_ header: [UInt8], source: String) throws -> ([Entry], [String: String]) {
        guard String(decoding: header, as: UTF8.self).utf8.elementsEqual(header) else {
            throw SafeTensorsError(source, .header(field: nil, "the header is not valid UTF-8 text"))
        }
        guard header.first == UInt8(ascii: "{") else {
            let start = header.first.map { "starts with \"\(Character(Unicode.Scalar($0)))\"" } ?? "is empty"
            throw SafeTensorsError(source, .header(field: nil, "the header must be a JSON object starting with \"{\", but it \(start)"))
        }
        guard case .object(let members) = try HeaderJSON.parse(header, source: source) else {
            throw InternalError("a header starting with { parsed to something other than an object")
        }
        var entries: [Entry] = []
        var metadata: [String: String] = [:]
        for (key, value) in members {
            if key == "__metadata__" {
                metadata = try parseMetadata(value, source: source)
            } else {
                entries.append(try parseEntry(name: key, value, source: source))
            }
        }
        return (entries, metadata)
    }

    private static func parseMetadata(_ value: HeaderJSON, source: String) throws -> [String: String] {
        func problem(_ what: String) -> SafeTensorsError { SafeTensorsError(source, .header(field: "__metadata__", what)) }
        switch value {
        case .null:
            return [:]
        case .object(let members):
            var metadata: [String: String] = [:]
            for (key, entry) in members {
                guard case .string(let text) = entry else {
                    throw problem("the value of \"\(key)\" is \(entry.kindName), but metadata values must be strings")
                }
                metadata[key] = text
            }
            return metadata
        default:
            throw problem("it is \(value.kindName), but it must be an object of strings")
        }
    }

    private static func parseEntry(name: String, _ value: HeaderJSON, source: String) throws -> Entry {
        func problem(_ field: String?, _ what: String) -> SafeTensorsError {
            SafeTensorsError(source, .tensor(name: name, field: field, what))
        }
        guard case .object(let fields) = value else {
            throw problem(nil, "its entry is \(value.kindName), not an object with dtype, shape and data_offsets")
        }
        var dtype: SafeTensorsDType?, shape: [Int]?, offsets: [Int]?
        for (field, value) in fields {
            switch field {
            case "dtype":
                guard case .string(let text) = value else { throw problem(field, "it is \(value.kindName), not a dtype name") }
                guard let known = SafeTensorsDType(rawValue: text) else {
                    throw problem(field, "unknown dtype \"\(text)\"; perf reads \(SafeTensorsDType.namesList)")
                }
                dtype = known
            case "shape":
                shape = try integers(value) { problem(field, $0) }
            case "data_offsets":
                let pair = try integers(value) { problem(field, $0) }
                guard pair.count == 2 else { throw problem(field, "it has \(pair.count) numbers, not 2 (begin, end)") }
                offsets = pair
            default:
                throw problem(field, "unknown field; a tensor entry has only dtype, shape and data_offsets")
            }
        }
        guard let dtype else { throw problem("dtype", "the field is missing") }
        guard let shape else { throw problem("shape", "the field is missing") }
        guard let offsets else { throw problem("data_offsets", "the field is missing") }
        return Entry(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
    }

    /// A JSON array of non-negative integers that fit an `Int`.
    private static func integers(_ value: HeaderJSON, _ problem: (String) -> SafeTensorsError) throws -> [Int] {
        guard case .array(let elements) = value else { throw problem("it is \(value.kindName), not an array of integers") }
        return try elements.map { element in
            guard case .number(let text) = element else { throw problem("\(element.kindName) is not a non-negative integer") }
            if text.contains(where: { ".eE".contains($0) }) { throw problem("\(text) is not an integer") }
            if text.hasPrefix("-") { throw problem("\(text) is negative") }
            guard let integer = Int(text) else { throw problem("\(text) is too large") }
            return integer
        }
    }

    /// Checks that the entries' sizes match their shapes and that they tile the data
    /// buffer exactly: in range, no reversed offsets, overlaps, holes or trailing bytes.
    static func checkLayout(_ entries: [Entry], bufferSize: Int, source: String) throws {
        func problem(_ entry: Entry, _ what: String) -> SafeTensorsError {
            SafeTensorsError(source, .tensor(name: entry.name, field: "data_offsets", what))
        }
        for entry in entries {
            let span = "[\(entry.begin), \(entry.end)]"
            guard let needed = SafeTensor.byteCount(dtype: entry.dtype, shape: entry.shape) else {
                throw SafeTensorsError(source, .tensor(name: entry.name, field: "shape", "\(entry.shape) has more elements than fit in memory"))
            }
            guard entry.begin <= entry.end else { throw problem(entry, "\(span) is reversed: it ends before it begins") }
            guard entry.end <= bufferSize else {
                throw problem(entry, "\(span) is out of range: the data buffer has only \(bufferSize) bytes")
            }
            guard entry.end - entry.begin == needed else {
                throw problem(entry, "size mismatch: shape \(entry.shape) of \(entry.dtype.rawValue) needs \(needed) bytes, but \(span) spans \(entry.end - entry.begin)")
            }
        }
        var covered = 0
        var previous: String?
        for entry in entries.sorted(by: { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }) {
            if entry.begin < covered {
                throw problem(entry, "bytes \(entry.begin)..<\(covered) overlap tensor \"\(previous ?? "")\"")
            }
            if entry.begin > covered {
                throw problem(entry, "bytes \(covered)..<\(entry.begin) before it belong to no tensor (a hole in the data buffer)")
            }
            covered = entry.end
            previous = entry.name
        }
        guard covered == bufferSize else {
            throw SafeTensorsError(source, .header(field: nil, "\(bufferSize - covered) trailing bytes after the last tensor's data belong to no tensor"))
        }
    }
}
