import PerfManifest
import PerfResolver

extension RegistryClient {
    /// `perf install`: resolves `perf.json` preferring `perf.lock`, installs every package
    /// (verified before it is renamed into the cache and extracted atomically), then writes
    /// `perf.lock` atomically when it changed and pins the keys accepted on the way.
    ///
    /// Offline, when `perf.lock` already satisfies `perf.json`, the lock is installed as it
    /// is: no index is read and every archive is verified from the cache with the key the
    /// lock names, as pinned in PERF_HOME. Otherwise an offline install resolves from what is
    /// on this machine (a registry folder, or the cached copy of an HTTP index), and fails
    /// naming what the lock and the cache lack (the cached index may be out of date, so a
    /// failed offline resolution says so rather than pass for the registry's answer).
    @discardableResult
    public func install(_ project: CompositionProject) throws -> InstallReport {
        let manifest = try project.manifest()
        let lock = try project.lockfile()
        let installer = PackageInstaller(home: home, logger: logger)
        if offline {
            let unlocked = Self.unlocked(manifest, by: lock)
            if let lock, unlocked.isEmpty {
                let installed = try installer.install(lock, source: try? source())
                return InstallReport(lockfile: lock, installed: installed, warnings: [],
                                     changes: LockChange.between(lock, lock), fromLock: true, wroteLock: false)
            }
            do {
                return try resolveAndInstall(manifest, lock: lock, project: project, installer: installer)
            } catch let error as ClientError where error.exitStatus == .unavailable {
                throw ClientError.lockIncomplete(unlocked + ["and resolving again offline fails: \(error)"])
            } catch let error as ResolutionError {
                throw ClientError.lockIncomplete(unlocked + ["and the index cached on this machine offers no solution: \(error)"])
            }
        }
        return try resolveAndInstall(manifest, lock: lock, project: project, installer: installer)
    }

    private func resolveAndInstall(_ manifest: CompositionManifest, lock: Lockfile?, project: CompositionProject,
                                   installer: PackageInstaller) throws -> InstallReport {
        let (resolved, catalog) = try resolve(manifest, lock: lock, source: project.manifestURL.path)
        let installed = try installer.install(resolved.lockfile, trust: [catalog.trust], source: catalog.source)
        let wroteLock = resolved.lockfile != lock
        if wroteLock { try project.write(resolved.lockfile) }
        try catalog.trust.save()
        return InstallReport(lockfile: resolved.lockfile, installed: installed, warnings: resolved.warnings,
                             changes: resolved.changes, fromLock: false, wroteLock: wroteLock)
    }

    /// The requirements of `manifest` that `lock` does not satisfy, in words.
    static func unlocked(_ manifest: CompositionManifest, by lock: Lockfile?) -> [String] {
        guard let lock else { return ["there is no perf.lock"] }
        var wanted = manifest.concepts.map { (name: $0.key, requirement: $0.value, kind: PackageKind.concept) }
        if let base = manifest.base { wanted.append((base.name, base.requirement, .base)) }
        return wanted.sorted { $0.name < $1.name }.compactMap { name, text, kind in
            guard let locked = lock.package(named: name) else { return "\(name) \(text) is not locked" }
            guard locked.kind == kind, let requirement = VersionRequirement(text), requirement.matches(locked.version) else {
                return "\(name) \(text) does not accept the locked \(locked.kind.rawValue) \(locked.version)"
            }
            return nil
        }
    }
}

/// What `perf install` did.
public struct InstallReport: Sendable {
    /// The lock installed (and written, when `wroteLock`).
    public let lockfile: Lockfile
    /// Every package of the lock, as installed.
    public let installed: [InstalledPackage]
    /// Things the user should know, such as a locked version that is yanked.
    public let warnings: [ResolutionWarning]
    /// How `perf.lock` changed.
    public let changes: [LockChange]
    /// Whether the lock was installed without resolving (offline, the lock satisfying `perf.json`).
    public let fromLock: Bool
    /// Whether `perf.lock` was written.
    public let wroteLock: Bool
}
