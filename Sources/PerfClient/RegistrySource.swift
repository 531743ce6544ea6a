import Foundation
import PerfManifest
import PerfRegistry
import PerfSigning

/// A registry's read path (DESIGN §3, "Registry layout"), the same tree whether it lies in a
/// folder or behind a static web server: `config.json`, `index/<scope>/<name>`,
/// `keys/<scope>.json`, `sigs/sha256/<hex>.minisig`, the archives at the config's `dl`
/// template, and `log/`. A source only reads; it trusts nothing it reads: callers check every
/// archive against its index line and its signature against a pinned key, and index lines
/// against the registry's signed log (`LogSource`, checked by `TransparencyCheck`), so a
/// mirror whose files come from elsewhere is as safe as the registry itself.
public protocol RegistrySource: LogSource {
    /// Where the registry is.
    var location: RegistryLocation { get }
    /// Whether this source may not reach the network (`--offline`): then it answers from what
    /// is on this machine and fails clearly where that is not enough.
    var isOffline: Bool { get }
    /// The registry's `config.json`.
    func config() throws -> RegistryConfig
    /// Every published version of `name`, in publish order, yanked ones included; nil when
    /// the registry has no index file for it.
    func versions(of name: PackageName) throws -> [IndexLine]?
    /// The key history of `scope` (`keys/<scope>.json`, its rotation chain checked); nil when the scope has none.
    func scopeKeys(_ scope: String) throws -> ScopeKeys?
    /// The detached signature of the archive with `sha256`, not yet verified.
    func signature(of sha256: Digest) throws -> Minisig
    /// Where the archive with `sha256` is fetched from (the config's `dl` template).
    func archiveURL(of sha256: Digest) throws -> URL
    /// Fetches the archive with `sha256` into `destination` through `destination.partial`,
    /// resuming an interrupted download, calling `verify` on the complete file, and renaming
    /// it into place only when `verify` returns.
    func download(_ sha256: Digest, size: Int, to destination: URL, verify: (URL) throws -> Void) throws
}

/// Paths of the registry tree, relative to its root.
enum RegistryPath {
    /// `config.json`.
    static let config = "config.json"
    /// `log/checkpoint`.
    static let checkpoint = "log/checkpoint"
    /// `log/entries`.
    static let logEntries = "log/entries"

    /// `index/<scope>/<name>`.
    static func index(_ name: PackageName) -> String { "index/\(name.scope)/\(name.name)" }
    /// `keys/<scope>.json`.
    static func keys(_ scope: String) -> String { "keys/\(scope).json" }
    /// `sigs/sha256/<hex>.minisig`.
    static func signature(_ sha256: Digest) -> String { "sigs/sha256/\(sha256.hex).minisig" }
}
