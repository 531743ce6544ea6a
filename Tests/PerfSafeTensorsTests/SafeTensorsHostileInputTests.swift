import Foundation
import PerfDiagnostics
import PerfSafeTensors
import Testing

/// Malformed and hostile files: each must give a `SafeTensorsError` naming the problem, never a crash.
@Suite struct SafeTensorsHostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let bytes: Data
        let message: String
        var testDescription: String { label }

        /// A file whose header is `header` (length prefix correct) followed by `buffer` bytes.
        init(_ label: String, header: String, buffer: Int = 0, _ message: String) {
            self.init(label, bytes: Self.file(Array(header.utf8), buffer: buffer), message)
        }

        init(_ label: String, bytes: Data, _ message: String) {
            self.label = label
            self.bytes = bytes
            self.message = message
        }

        static func file(_ header: [UInt8], buffer: Int, declaredLength: UInt64? = nil) -> Data {
            var data = Data()
            withUnsafeBytes(of: (declaredLength ?? UInt64(header.count)).littleEndian) { data.append(contentsOf: $0) }
            return data + header + Data(repeating: 0x41, count: buffer)
        }
    }

    static func entry(_ name: String, _ dtype: String = "F32", shape: String = "[2]", offsets: String) -> String {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":\(offsets)}"
    }

    static let valid = "{" + entry("a", offsets: "[0,8]") + "}"

    static let cases: [Case] = [
        Case("empty file", bytes: Data(), "0 bytes long, too short for the 8-byte header length"),
        Case("5 bytes", bytes: Data([1, 2, 3, 4, 5]), "5 bytes long, too short"),
        Case("header cut", bytes: Case.file(Array(valid.utf8), buffer: 8).prefix(30), "but only 22 follow it"),
        Case("header length past the end", bytes: Case.file(Array("{}".utf8), buffer: 0, declaredLength: 1000),
             "says 1000 bytes but only 2 follow it"),
        Case("header length over the cap", bytes: Case.file(Array("{}".utf8), buffer: 0, declaredLength: 100_000_001),
             "over the 100000000-byte limit"),
        Case("header length 2^64-1", bytes: Case.file([], buffer: 0, declaredLength: .max), "over the 100000000-byte limit"),
        Case("empty header", header: "", "must be a JSON object starting with \"{\", but it is empty"),
        Case("non-JSON header", header: "{not json}", "invalid JSON at byte 1"),
        Case("header not an object", header: "[1, 2]", "must be a JSON object starting with \"{\", but it starts with \"[\""),
        Case("leading space", header: " {}", "must be a JSON object"),
        Case("unclosed object", header: "{\"a\":{}", "invalid JSON"),
        Case("NUL padding", header: "{}\0\0", "unexpected text after the JSON object"),
        Case("invalid UTF-8", bytes: Case.file([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], buffer: 0), "not valid UTF-8"),
        Case("lone surrogate", header: "{\"\\ud800\":1}", "lone high surrogate"),
        Case("deep nesting", header: "{\"__metadata__\":" + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}",
             "nested deeper than 64 levels"),
        Case("unknown dtype", header: "{" + entry("w", "F128", offsets: "[0,8]") + "}", buffer: 8, "tensor \"w\", field \"dtype\": unknown dtype \"F128\""),
        Case("complex dtype", header: "{" + entry("w", "C64", offsets: "[0,16]") + "}", buffer: 16, "unknown dtype \"C64\""),
        Case("dtype not a string", header: "{" + entry("w", offsets: "[0,8]").replacingOccurrences(of: "\"F32\"", with: "4") + "}",
             buffer: 8, "it is the number 4, not a dtype name"),
        Case("size mismatch", header: "{" + entry("w", shape: "[3]", offsets: "[0,8]") + "}", buffer: 8,
             "size mismatch: shape [3] of F32 needs 12 bytes, but [0, 8] spans 8"),
        Case("offsets out of range", header: "{" + entry("w", shape: "[4]", offsets: "[0,16]") + "}", buffer: 8,
             "[0, 16] is out of range: the data buffer has only 8 bytes"),
        Case("overlapping offsets", header: "{" + entry("a", offsets: "[0,8]") + "," + entry("b", offsets: "[4,12]") + "}",
             buffer: 12, "tensor \"b\", field \"data_offsets\": bytes 4..<8 overlap tensor \"a\""),
        Case("same offsets twice", header: "{" + entry("a", offsets: "[0,8]") + "," + entry("b", offsets: "[0,8]") + "}",
             buffer: 8, "overlap tensor \"a\""),
        Case("hole between tensors", header: "{" + entry("a", shape: "[1]", offsets: "[0,4]") + "," + entry("b", shape: "[1]", offsets: "[8,12]") + "}",
             buffer: 12, "bytes 4..<8 before it belong to no tensor (a hole"),
        Case("hole at the start", header: "{" + entry("a", shape: "[1]", offsets: "[4,8]") + "}", buffer: 8, "bytes 0..<4 before it"),
        Case("reversed offsets", header: "{" + entry("a", shape: "[0]", offsets: "[8,0]") + "}", buffer: 8, "[8, 0] is reversed"),
        Case("three offsets", header: "{" + entry("a", offsets: "[0,8,8]") + "}", buffer: 8, "it has 3 numbers, not 2"),
        Case("negative shape", header: "{" + entry("a", shape: "[-2]", offsets: "[0,8]") + "}", buffer: 8, "field \"shape\": -2 is negative"),
        Case("negative offset", header: "{" + entry("a", shape: "[0]", offsets: "[-1,0]") + "}", "-1 is negative"),
        Case("fractional shape", header: "{" + entry("a", shape: "[2.0]", offsets: "[0,8]") + "}", buffer: 8, "2.0 is not an integer"),
        Case("exponent shape", header: "{" + entry("a", shape: "[2e0]", offsets: "[0,8]") + "}", buffer: 8, "2e0 is not an integer"),
        Case("string shape", header: "{" + entry("a", shape: "[\"2\"]", offsets: "[0,8]") + "}", buffer: 8, "the string \"2\" is not a non-negative integer"),
        Case("shape not an array", header: "{" + entry("a", shape: "2", offsets: "[0,8]") + "}", buffer: 8, "not an array of integers"),
        Case("huge number", header: "{" + entry("a", shape: "[99999999999999999999]", offsets: "[0,8]") + "}", buffer: 8, "is too large"),
        Case("element count overflow", header: "{" + entry("a", shape: "[4294967296,4294967296,4]", offsets: "[0,8]") + "}", buffer: 8,
             "more elements than fit in memory"),
        Case("duplicate tensor names", header: "{" + entry("a", offsets: "[0,8]") + "," + entry("a", offsets: "[0,8]") + "}", buffer: 8,
             "header field \"a\"): the key appears twice"),
        Case("duplicate field", header: "{\"a\":{\"dtype\":\"F32\",\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,8]}}", buffer: 8, "\"dtype\"): the key appears twice"),
        Case("trailing bytes", header: valid, buffer: 9, "1 trailing bytes after the last tensor's data"),
        Case("buffer without tensors", header: "{}", buffer: 1, "1 trailing bytes"),
        Case("metadata number", header: "{\"__metadata__\":{\"epoch\":3}}", "\"epoch\" is the number 3, but metadata values must be strings"),
        Case("metadata nested", header: "{\"__metadata__\":{\"a\":{}}}", "is an object, but metadata values must be strings"),
        Case("metadata array", header: "{\"__metadata__\":[\"a\"]}", "it is an array, but it must be an object of strings"),
        Case("entry not an object", header: "{\"a\":5}", "tensor \"a\": its entry is the number 5, not an object"),
        Case("missing dtype", header: "{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", buffer: 8, "field \"dtype\": the field is missing"),
        Case("missing offsets", header: "{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", buffer: 8, "field \"data_offsets\": the field is missing"),
        Case("unknown field", header: "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"stride\":[1]}}", buffer: 8,
             "field \"stride\": unknown field"),
    ]

    @Test(arguments: cases)
    func hostileFileIsRejectedClearly(_ hostile: Case) {
        do {
            let file = try SafeTensorsFile(data: hostile.bytes, source: "hostile.safetensors")
            Issue.record("\(hostile.label) was accepted: \(file.tensors.keys.sorted())")
        } catch let error as SafeTensorsError {
            #expect(error.description.hasPrefix("hostile.safetensors: "), "\(error)")
            #expect(error.description.contains(hostile.message), "\(error)")
            #expect(error.exitStatus == .dataError)
        } catch {
            Issue.record("\(hostile.label): unexpected error type \(type(of: error)): \(error)")
        }
    }

    @Test func referenceQuirksThatAreAccepted() throws {
        // Whitespace inside and after the JSON (the reference pads with spaces), escapes, null metadata.
        let header = "{ \"__metadata__\" : null ,\n\t\"a\\u00e9\\/\" : {\"data_offsets\":[0,8],\"shape\":[2],\"dtype\":\"F32\"} }  \r\n"
        let file = try SafeTensorsFile(data: Case.file(Array(header.utf8), buffer: 8), source: "quirks")
        #expect(file.metadata.isEmpty)
        #expect(file.tensors["aé/"]?.shape == [2])
        let zeroSized = "{" + Self.entry("z", shape: "[0,5]", offsets: "[0,0]") + "," + Self.entry("a", offsets: "[0,8]") + "}"
        #expect(try SafeTensorsFile(data: Case.file(Array(zeroSized.utf8), buffer: 8), source: "zero").tensors.count == 2)
    }

    /// Flips, truncates and splices bytes of a valid file 2,000 times (seeded): each result
    /// either parses (and then round-trips) or throws `SafeTensorsError`; nothing traps.
    @Test func mutatedFilesNeverCrash() throws {
        let original = try SafeTensorsRoundTripTests.everyDType(seed: 9).serialized()
        var generator = SeededGenerator(seed: 0x5AFE)
        var parsed = 0, rejected = 0
        for _ in 0..<2000 {
            var bytes = [UInt8](original)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
                }
            case 1:
                bytes.removeLast(Int.random(in: 1...bytes.count, using: &generator))
            case 2:
                let position = Int.random(in: 0..<8, using: &generator)
                bytes[position] = UInt8.random(in: 0...255, using: &generator)
            default:
                let header = 8 + Int(bytes[0]) + Int(bytes[1]) << 8
                let at = Int.random(in: 8..<header, using: &generator)
                bytes[at] = Array("{}[]\",:-0e.9 \\".utf8).randomElement(using: &generator)!
            }
            do {
                let file = try SafeTensorsFile(data: Data(bytes), source: "fuzz")
                parsed += 1
                #expect(try SafeTensorsFile(data: file.serialized(), source: "again") == file)
            } catch is SafeTensorsError {
                rejected += 1
            } catch {
                Issue.record("unexpected error type \(type(of: error)): \(error)")
            }
        }
        #expect(parsed > 50 && rejected > 500, "parsed \(parsed), rejected \(rejected)")
    }
}
