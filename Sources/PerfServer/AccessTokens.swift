import Crypto
import Foundation
import PerfManifest

/// The bearer tokens a server accepts for writes, and the scopes each may write to: the
/// `--tokens FILE`, a JSON document
///
///     {"schema": 1, "tokens": {"sha256:<64 hex>": ["alice", "bob"], "sha256:<64 hex>": ["*"]}}
///
/// Tokens are stored **hashed**: a key is `sha256:` and the SHA-256 of the token's UTF-8
/// bytes (`printf %s "$TOKEN" | sha256sum`), so the file grants nothing to whoever reads it.
/// Tokens should be long and random (`openssl rand -hex 32`), which makes an unsalted hash
/// safe. `*` grants every scope. A presented token is hashed and compared with every entry
/// in constant time, so response timing says nothing about how close a guess came.
public struct AccessTokens: Sendable {
    /// One line of the file: a token's digest and what it may write.
    struct Grant: Sendable {
        let digest: [UInt8]
        let scopes: Set<String>
    }

    let grants: [Grant]

    /// The schema version of the tokens file this build reads.
    public static let schema = 1
    /// The scope that grants every scope.
    public static let anyScope = "*"

    /// Reads the tokens file at `url`.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ServerError.tokensFile(url.path, "it cannot be read (\(error.localizedDescription))")
        }
        try self.init(json: data, source: url.path)
    }

    /// Reads a tokens document; `source` names it in errors.
    public init(json: Data, source: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw ServerError.tokensFile(source, "it is not a JSON object")
        }
        let unknown = Set(object.keys).subtracting(["schema", "tokens"])
        guard unknown.isEmpty else {
            throw ServerError.tokensFile(source, "it has unknown keys \(unknown.sorted().joined(separator: ", "))")
        }
        // JSONDecoder tells an integer from a boolean, which JSONSerialization's NSNumber does not.
        struct Schema: Decodable { let schema: Int }
        guard (try? JSONDecoder().decode(Schema.self, from: json))?.schema == Self.schema else {
            throw ServerError.tokensFile(source, "its \"schema\" must be \(Self.schema)")
        }
        guard let tokens = object["tokens"] as? [String: Any] else {
            throw ServerError.tokensFile(source, "its \"tokens\" must be an object mapping \"sha256:<hex>\" to a list of scopes")
        }
        grants = try tokens.keys.sorted().map { key in
            guard let digest = Self.digestBytes(key) else {
                throw ServerError.tokensFile(source, "the key \"\(key.prefix(80))\" is not \"sha256:\" and 64 lowercase hex digits "
                                                 + "(tokens are stored hashed: printf %s TOKEN | sha256sum)")
            }
            guard let scopes = tokens[key] as? [String], !scopes.isEmpty else {
                throw ServerError.tokensFile(source, "the scopes of \(key) must be a non-empty list of scope names or \"*\"")
            }
            for scope in scopes where scope != Self.anyScope && (try? PackageName(scope: scope, name: "x")) == nil {
                throw ServerError.tokensFile(source, "the scope \"\(scope.prefix(80))\" of \(key) is not a scope name "
                                                 + "(1 to 64 of a-z, 0-9, _ and -) or \"*\"")
            }
            return Grant(digest: digest, scopes: Set(scopes))
        }
    }

    /// The key a tokens file uses for `token`: `sha256:` and the hex SHA-256 of its UTF-8 bytes.
    public static func key(for token: String) -> String {
        "sha256:" + SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The scopes `token` grants, or nil for an unknown token. Every grant is compared, each in constant time.
    func scopes(for token: String) -> Set<String>? {
        let presented = Array(SHA256.hash(data: Data(token.utf8)))
        var found: Set<String>?
        for grant in grants {
            var difference: UInt8 = 0
            for (a, b) in zip(presented, grant.digest) { difference |= a ^ b }
            if difference == 0 { found = grant.scopes }
        }
        return found
    }

    /// The 32 bytes of a `sha256:<hex>` key, or nil.
    private static func digestBytes(_ key: String) -> [UInt8]? {
        guard key.hasPrefix("sha256:") else { return nil }
        let hex = Array(key.utf8.dropFirst("sha256:".count))
        guard hex.count == 64 else { return nil }
        var bytes: [UInt8] = []
        for pair in stride(from: 0, to: 64, by: 2) {
            guard let high = lowerHex(hex[pair]), let low = lowerHex(hex[pair + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func lowerHex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
