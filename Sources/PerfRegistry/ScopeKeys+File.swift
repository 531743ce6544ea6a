import Foundation
import PerfSigning

extension ScopeKeys {
    /// The file format of `keys/<scope>.json`, version 1.
    private struct File: Codable {
        struct Key: Codable {
            let key: String
            let keyID: KeyID
            let added: String
            let rotation: String?

            enum CodingKeys: String, CodingKey {
                case key, keyID = "key_id", added, rotation
            }
        }

        let schema: Int
        let scope: String
        let keys: [Key]
    }

    /// The current file format version.
    static let schema = 1

    /// Reads and checks `keys/<scope>.json`; nil when the scope has no key yet.
    static func load(scope: String, from url: URL) throws -> ScopeKeys? {
        guard let data = try DurableFile.read(url) else { return nil }
        return try ScopeKeys(scope: scope, data: data, url: url)
    }

    /// Decodes and checks the bytes of `keys/<scope>.json`, read from `url`.
    init(scope: String, data: Data, url: URL) throws {
        let file = try RegistryJSON.decode(File.self, from: data, path: url.path)
        guard file.schema == Self.schema else {
            throw RegistryError.malformedFile(url.path, "its schema is \(file.schema); this perf reads schema \(Self.schema): upgrade perf")
        }
        guard file.scope == scope else {
            throw RegistryError.tamperedFile("scope \(scope)", path: url.path, "it describes scope '\(file.scope)'")
        }
        let keys = try file.keys.enumerated().map { index, entry in
            let publicKey: PublicKey
            let rotation: Minisig?
            do {
                publicKey = try PublicKey(minisign: entry.key, source: "\(url.path) key \(index + 1)")
                rotation = try entry.rotation.map { try Minisig(text: $0, source: "\(url.path) rotation \(index + 1)") }
            } catch {
                throw RegistryError.malformedFile(url.path, "\(error)")
            }
            guard publicKey.keyID == entry.keyID else {
                throw RegistryError.tamperedFile("scope \(scope)", path: url.path,
                                                 "key \(index + 1) is listed as \(entry.keyID) but its id is \(publicKey.keyID)")
            }
            return ScopeKey(publicKey: publicKey, added: entry.added, rotation: rotation)
        }
        try self.init(scope: scope, keys: keys, path: url.path)
    }

    /// The file's bytes, one JSON object and a newline.
    func encoded() throws -> Data {
        let file = File(schema: Self.schema, scope: scope, keys: keys.map {
            File.Key(key: $0.publicKey.base64, keyID: $0.publicKey.keyID, added: $0.added, rotation: $0.rotation?.text)
        })
        return try RegistryJSON.encode(file) + Data("\n".utf8)
    }
}
