import Foundation
import PerfDiagnostics

/// The one JSON style of the registry's own files: sorted keys, no escaped slashes, one line.
enum RegistryJSON {
    /// Encodes `value` as one line of JSON.
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            throw InternalError("encoding a \(T.self) as JSON failed: \(error)")
        }
    }

    /// Decodes `data`, read from `path`, as a `T`.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw RegistryError.malformedFile(path, "it is not a valid \(T.self) (\(error))")
        }
    }
}
