import Foundation
import PerfSigning

/// A scope's publisher keys in one registry (`keys/<scope>.json`), oldest first: the first
/// key was pinned by the scope's first publish; each later key carries a key-rotation
/// statement signed by the key before it. Values of this type have been checked.
public struct ScopeKeys: Sendable, Equatable {
    /// The scope (`alice` for `alice/teddy`).
    public let scope: String
    /// The keys in the order they were added; never empty.
    public let keys: [ScopeKey]

    /// The key that signs new publishes, yanks and rotations: the last one.
    public var current: PublicKey { keys[keys.count - 1].publicKey }

    /// The key with id `id`, current or retired, if the scope ever had it.
    public func key(_ id: KeyID) -> PublicKey? {
        keys.first { $0.publicKey.keyID == id }?.publicKey
    }

    /// Checks a history read from `path`: ids match keys, the first key has no rotation and
    /// every later one is vouched for by the key before it.
    init(scope: String, keys: [ScopeKey], path: String) throws {
        guard let first = keys.first else {
            throw RegistryError.tamperedFile("scope \(scope)", path: path, "it lists no key")
        }
        guard first.rotation == nil else {
            throw RegistryError.tamperedFile("scope \(scope)", path: path, "its first key carries a rotation statement")
        }
        for (previous, next) in zip(keys, keys.dropFirst()) {
            guard let rotation = next.rotation else {
                throw RegistryError.tamperedFile(
                    "scope \(scope)", path: path, "key \(next.publicKey.keyID) has no rotation statement")
            }
            do {
                try KeyRotation(newKey: next.publicKey, statement: rotation).verify(scope: scope, signedBy: previous.publicKey)
            } catch {
                throw RegistryError.tamperedFile(
                    "scope \(scope)", path: path,
                    "the rotation to key \(next.publicKey.keyID) is not vouched for by key \(previous.publicKey.keyID): \(error)")
            }
        }
        guard Set(keys.map(\.publicKey.keyID)).count == keys.count else {
            throw RegistryError.tamperedFile("scope \(scope)", path: path, "a key id appears twice")
        }
        self.scope = scope
        self.keys = keys
    }

    /// A history with `key` appended (already checked by the caller).
    func appending(_ key: ScopeKey) -> ScopeKeys {
        ScopeKeys(checkedScope: scope, keys: keys + [key])
    }

    /// A history of one pinned key.
    static func pinned(scope: String, key: ScopeKey) -> ScopeKeys {
        ScopeKeys(checkedScope: scope, keys: [key])
    }

    private init(checkedScope scope: String, keys: [ScopeKey]) {
        self.scope = scope
        self.keys = keys
    }
}

/// One key of a scope's history.
public struct ScopeKey: Sendable, Equatable {
    /// The public key.
    public let publicKey: PublicKey
    /// When the registry added it (ISO 8601, UTC).
    public let added: String
    /// The key-rotation statement signed by the previous key; nil for the pinned first key.
    public let rotation: Minisig?
}
