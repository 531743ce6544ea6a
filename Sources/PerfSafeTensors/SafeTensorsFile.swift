import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A safetensors file: named tensors plus string metadata (the header's `__metadata__`).
///
/// Layout: an 8-byte little-endian header length N, N bytes of UTF-8 JSON naming each
/// tensor's dtype, shape and `data_offsets` (relative to the data buffer), then the data
/// buffer, which the tensors cover exactly, with no holes, overlaps or trailing bytes.
public struct SafeTensorsFile: Sendable, Equatable {
    /// The tensors by name.
    public var tensors: [String: SafeTensor]
    /// Free-form string annotations (`__metadata__`).
    public var metadata: [String: String]

    /// A file holding `tensors` and `metadata`.
    public init(tensors: [String: SafeTensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The reference's limit on the header's size, in bytes.
    static let maxHeaderLength = 100_000_000

    /// Reads a safetensors file, checking every header field; errors name its path.
    public static func read(from url: URL) throws -> SafeTensorsFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let missing = !FileManager.default.fileExists(atPath: url.path)
            throw SafeTensorsError(url.path, .io(missing ? "no such file" : "cannot read it (\(error.localizedDescription))",
                                                 missing: missing))
        }
        return try SafeTensorsFile(data: data, source: url.path)
    }

    /// Writes the file atomically: to a temporary file in the same folder, then renamed over `url`.
    public func write(to url: URL) throws {
        let bytes = try serialized(source: url.path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try bytes.write(to: temporary)
        } catch {
            let missing = !FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path)
            throw SafeTensorsError(url.path, .io(missing ? "its folder does not exist" : "cannot write it (\(error.localizedDescription))",
                                                 missing: missing))
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw SafeTensorsError(url.path, .io("cannot move the written file into place (\(reason))", missing: false))
        }
    }
}
