import Foundation
import PerfRegistry
import PerfSigning

/// The publisher keys this client trusts in one registry, per scope (DESIGN §3, "Trust"):
/// the first time a scope is read its key history is pinned (trust on first use); afterwards
/// a new key is accepted only when the registry's history continues the pinned one, that is
/// when each later key carries a rotation signed by the key before it (which `ScopeKeys`
/// checks), starting from the last pinned key. A history that drops or replaces the pinned
/// key is refused. Pins live in `PERF_HOME/trust/<registry id>.json` (`TrustFile`) and are
/// written only by `save()`, so a dry run (`perf resolve`) changes nothing.
public final class TrustStore {
    /// The registry the pins are for.
    public let registry: RegistryLocation
    /// `PERF_HOME/trust/<registry id>.json`.
    public let file: URL
    /// The keys pinned on disk, per scope, oldest first.
    private var pinned: [String: [PublicKey]]
    /// The pinned keys plus those accepted in this run, per scope.
    private var trusted: [String: [PublicKey]]

    /// The pins of `registry` kept in `home`.
    public init(home: ClientHome, registry: RegistryLocation) throws {
        self.registry = registry
        file = home.trustFile(registry)
        pinned = try Self.load(file)
        trusted = pinned
    }

    /// Checks `keys`, the registry's history for its scope, against the pins and returns the
    /// keys now trusted for the scope; throws `ClientError` when the history does not
    /// continue the pinned one.
    @discardableResult
    public func accept(_ keys: ScopeKeys) throws -> [PublicKey] {
        let history = keys.keys.map(\.publicKey)
        guard let known = trusted[keys.scope], let last = known.last else {
            trusted[keys.scope] = history
            return history
        }
        guard let position = history.lastIndex(of: last) else {
            throw ClientError.keyHistoryRewritten(
                scope: keys.scope, registry: registry.description, pinned: last.keyID.description,
                offered: history.map(\.keyID.description).joined(separator: ", "), trustFile: file.path)
        }
        let extended = known + history[(position + 1)...]
        trusted[keys.scope] = extended
        return extended
    }

    /// The trusted key of `scope` with id `id`, if any.
    public func key(scope: String, id: KeyID) -> PublicKey? {
        trusted[scope]?.first { $0.keyID == id }
    }

    /// The keys trusted for `scope`, oldest first; empty when the scope was never read.
    public func keys(of scope: String) -> [PublicKey] {
        trusted[scope] ?? []
    }

    /// Whether this run accepted keys that are not pinned on disk yet.
    public var hasUnsavedKeys: Bool { trusted != pinned }

    /// Pins the keys accepted in this run. Pins written meanwhile by another perf are kept
    /// where they do not lie on the same history.
    public func save() throws {
        guard hasUnsavedKeys else { return }
        var merged = try Self.load(file)
        for (scope, keys) in trusted {
            let onDisk = merged[scope] ?? []
            if onDisk.count <= keys.count, Array(keys.prefix(onDisk.count)) == onDisk { merged[scope] = keys }
        }
        try LocalFile.write(try TrustFile(registry: registry.lockValue, scopes: merged).encoded(), to: file)
        pinned = merged
        trusted.merge(merged) { mine, _ in mine }
    }

    private static func load(_ file: URL) throws -> [String: [PublicKey]] {
        guard let data = try LocalFile.read(file) else { return [:] }
        return try TrustFile.decode(data, path: file.path).scopes
    }
}
