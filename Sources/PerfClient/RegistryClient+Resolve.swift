import PerfDiagnostics
import PerfManifest
import PerfResolver

extension RegistryClient {
    /// Resolves the project's `perf.json` against the registry, preferring the versions its
    /// `perf.lock` pins (a pinned yanked version is kept, with a warning), and returns what
    /// `perf install` would lock. Writes neither `perf.lock` nor scope-key pins; the download
    /// cache may gain index copies and base archives, and the registry's log checkpoint
    /// remembered in PERF_HOME advances. Throws `ResolutionError` with the
    /// derivation when nothing fits, and `ClientError` when the registry now describes a
    /// locked version differently from the lock.
    public func resolve(_ project: CompositionProject) throws -> ResolvedComposition {
        try resolve(project.manifest(), lock: project.lockfile(), source: project.manifestURL.path).resolved
    }

    /// Resolves `manifest` (read from `source`) with the versions of `lock` preferred; also
    /// returns the catalogue, whose trust store holds the keys accepted on the way.
    func resolve(_ manifest: CompositionManifest, lock: Lockfile?, source: String) throws
        -> (resolved: ResolvedComposition, catalog: RegistryCatalog) {
        let pins = (lock?.packages ?? []).filter { $0.registry == registry.lockValue }
        let catalog = try catalog(locked: Dictionary(pins.map { ($0.name, $0.version) }) { first, _ in first })
        let requirements = try CompositionRequirements(
            concepts: manifest.concepts.reduce(into: [:]) { result, entry in
                result[entry.key] = try Self.requirement(entry.key, entry.value, source: source)
            },
            base: manifest.base.map { .init(name: $0.name, requirement: try Self.requirement($0.name, $0.requirement, source: source)) },
            locked: catalog.locked)
        let resolution = try Resolver(provider: catalog).resolve(requirements)
        var packages: [Lockfile.Package] = []
        for (name, version) in resolution.packages {
            guard let line = try catalog.line(name, version) else {
                throw InternalError("the resolver chose \(name)@\(version), which the catalogue does not list")
            }
            let package = Lockfile.Package(name: name, version: line.version, kind: line.kind, sha256: line.sha256, size: line.size,
                                           registry: registry.lockValue, keyID: line.keyID, baseDigest: line.base?.digest)
            if let pinned = pins.first(where: { $0.name == name && $0.version == version }) {
                try Self.check(pinned, against: package, registry: registry.description)
            }
            packages.append(package)
        }
        let lockfile = Lockfile(packages: packages)
        let resolved = ResolvedComposition(lockfile: lockfile, base: resolution.base, warnings: resolution.warnings,
                                           changes: LockChange.between(lock, lockfile))
        return (resolved, catalog)
    }

    /// A published version never changes: its index line must still say what the lock recorded.
    private static func check(_ pinned: Lockfile.Package, against published: Lockfile.Package, registry: String) throws {
        let fields: [(String, String, String)] = [
            ("sha256", pinned.sha256.hex, published.sha256.hex),
            ("size", "\(pinned.size)", "\(published.size)"),
            ("kind", pinned.kind.rawValue, published.kind.rawValue),
            ("key id", pinned.keyID, published.keyID),
            ("base digest", pinned.baseDigest.map { "\($0)" } ?? "none", published.baseDigest.map { "\($0)" } ?? "none"),
        ]
        for (field, locked, now) in fields where locked != now {
            throw ClientError.lockContradicted("\(pinned.name)@\(pinned.version)", registry: registry, field: field,
                                               locked: locked, published: now)
        }
    }

    /// Parses a requirement of `perf.json`.
    private static func requirement(_ name: PackageName, _ text: String, source: String) throws -> VersionRequirement {
        guard let requirement = VersionRequirement(text) else {
            throw ClientError.invalidRequirement("\(name)", text, source: source)
        }
        return requirement
    }
}
