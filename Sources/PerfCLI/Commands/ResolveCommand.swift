import ArgumentParser
import PerfClient
import PerfManifest

/// `perf resolve [--json]`: shows what `perf install` would lock, like `cargo update
/// --dry-run`: the versions chosen for `perf.json` (those `perf.lock` pins are preferred),
/// the base model, and how the lock would change. It writes nothing in the project and pins
/// no scope key; only PERF_HOME's caches change (index copies, base archives, the registry's
/// last verified log checkpoint). When nothing fits, it prints the resolver's derivation and fails.
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve perf.json and show what `perf install` would lock (writes nothing).",
        discussion: "Versions pinned by perf.lock are preferred while they fit; a pinned yanked version is kept with a warning."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var clientOptions: ClientOptions

    @Flag(help: "Print the resolution as JSON.")
    var json = false

    func run() async throws {
        global.bootstrapLogging()
        let client = try clientOptions.client()
        let resolved = try client.resolve(ClientOptions.project)
        for warning in resolved.warnings { Output.note("warning: \(warning.description)") }
        let report = ResolutionReport(resolved, registry: client.registry.lockValue)
        if json { try Output.json(report); return }
        Output.line("Resolved \(report.packages.count) package\(report.packages.count == 1 ? "" : "s") from \(client.registry):")
        for package in report.packages { Output.line("  " + package.summary) }
        for removed in resolved.changes where removed.kind == .removed {
            Output.line("  \(removed.name) \(removed.from.map { "\($0)" } ?? "") (no longer needed)")
        }
    }
}

/// What `perf resolve --json` prints.
struct ResolutionReport: Encodable {
    /// One chosen package.
    struct Package: Encodable {
        let name: String
        let version: String
        let kind: String
        let sha256: String
        let keyID: String
        let baseDigest: String?
        /// `added`, `updated` or `unchanged` against perf.lock.
        let change: String
        /// The version perf.lock held before, if it held another.
        let locked: String?

        enum CodingKeys: String, CodingKey {
            case name, version, kind, sha256, keyID = "key_id", baseDigest = "base_digest", change, locked
        }

        /// `alice/teddy 1.2.0 (concept, was 1.1.0)`.
        var summary: String {
            let note = change == "updated" ? ", was \(locked ?? "?")" : change == "added" ? ", new" : ""
            return "\(name) \(version) (\(kind)\(note))"
        }
    }

    /// The composition's base model.
    struct Base: Encodable {
        let name: String
        let version: String
        let digest: String?
    }

    let registry: String
    let base: Base?
    let packages: [Package]
    let removed: [String]
    let warnings: [String]

    init(_ resolved: ResolvedComposition, registry: String) {
        self.registry = registry
        base = resolved.base.map { Base(name: "\($0.name)", version: "\($0.version)", digest: $0.digest.map { "\($0)" }) }
        let changes = Dictionary(resolved.changes.map { ($0.name, $0) }) { first, _ in first }
        packages = resolved.lockfile.packages.map { package in
            let change = changes[package.name]
            return Package(name: "\(package.name)", version: "\(package.version)", kind: package.kind.rawValue,
                           sha256: package.sha256.hex, keyID: package.keyID, baseDigest: package.baseDigest.map { "\($0)" },
                           change: change?.kind.rawValue ?? "added",
                           locked: change?.kind == .updated ? change?.from.map { "\($0)" } : nil)
        }
        removed = resolved.changes.filter { $0.kind == .removed }.map { "\($0.name)" }
        warnings = resolved.warnings.map(\.description)
    }
}
