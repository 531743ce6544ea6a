import Foundation
import PerfManifest

extension ClientHome {
    /// The versions of `name` installed in `packages/`, newest first.
    public func installedVersions(of name: PackageName) -> [SemanticVersion] {
        let folder = packages.appendingPathComponent(name.scope, isDirectory: true).appendingPathComponent(name.name, isDirectory: true)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return entries.compactMap(SemanticVersion.init)
            .filter { FileManager.default.fileExists(atPath: installFolder(name, $0).appendingPathComponent("perf.json").path) }
            .sorted(by: >)
    }

    /// The installed folder of `name` that a command should use: the version `lockfile` pins
    /// when it pins one (a project's choice), else the newest installed version.
    public func installedPackage(_ name: PackageName, lockfile: Lockfile?) throws -> (version: SemanticVersion, folder: URL) {
        if let locked = lockfile?.package(named: name) {
            let folder = installFolder(name, locked.version)
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("perf.json").path) else {
                throw ClientError.notInstalled("\(name)@\(locked.version)", home: packages.path,
                                               fix: "perf.lock pins it: run `perf install` (or `perf install --offline`) in the project")
            }
            return (locked.version, folder)
        }
        guard let newest = installedVersions(of: name).first else {
            throw ClientError.notInstalled("\(name)", home: packages.path,
                                           fix: "add it to a project and install it: `perf init`, `perf add \(name)`, `perf install`")
        }
        return (newest, installFolder(name, newest))
    }
}
