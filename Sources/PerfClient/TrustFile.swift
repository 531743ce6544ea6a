import Foundation
import PerfSigning

/// `PERF_HOME/trust/<registry id>.json`, version 1: the keys a client pinned for each scope
/// of one registry, oldest first, as minisign base64 lines with their key ids:
///
///     {"schema": 1, "registry": "https://…", "scopes": {"alice": [{"key": "RWQ…", "key_id": "…"}]}}
struct TrustFile: Sendable {
    /// The file format's version.
    static let schema = 1

    /// The registry's `lockValue`, for a reader of the file.
    let registry: String
    /// The pinned keys per scope.
    let scopes: [String: [PublicKey]]

    private struct Document: Codable {
        struct Pin: Codable {
            let key: String
            let keyID: String

            enum CodingKeys: String, CodingKey { case key, keyID = "key_id" }
        }

        let schema: Int
        let registry: String
        let scopes: [String: [Pin]]
    }

    /// Pins for `registry`.
    init(registry: String, scopes: [String: [PublicKey]]) {
        self.registry = registry
        self.scopes = scopes
    }

    /// Reads the file's bytes; `path` names it in errors.
    static func decode(_ data: Data, path: String) throws -> TrustFile {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ClientError.malformedFile(path, "it is not a trust file (\(error))")
        }
        guard document.schema == schema else {
            throw ClientError.malformedFile(path, "its schema is \(document.schema); this perf reads schema \(schema)")
        }
        var scopes: [String: [PublicKey]] = [:]
        for (scope, pins) in document.scopes {
            scopes[scope] = try pins.map { pin in
                let key = try PublicKey(minisign: pin.key, source: "\(path) scope \(scope)")
                guard key.keyID.description == pin.keyID else {
                    throw ClientError.malformedFile(path, "scope \(scope) lists key \(pin.keyID), but that key's id is \(key.keyID)")
                }
                return key
            }
        }
        return TrustFile(registry: document.registry, scopes: scopes)
    }

    /// The file's bytes: sorted keys, indented, a final newline.
    func encoded() throws -> Data {
        let document = Document(schema: Self.schema, registry: registry, scopes: scopes.mapValues { keys in
            keys.map { Document.Pin(key: $0.base64, keyID: $0.keyID.description) }
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document) + Data("\n".utf8)
    }
}
