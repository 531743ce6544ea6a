import Foundation
import PerfManifest

/// A generation project: a folder with `perf.json` (a `CompositionManifest`) and, once
/// installed, `perf.lock` (a `Lockfile`). Both are written atomically in perf's canonical
/// form (sorted keys, indented, a final newline).
public struct CompositionProject: Sendable {
    /// The project's folder.
    public let folder: URL

    /// The project in `folder` (nothing is read yet).
    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    /// `perf.json`.
    public var manifestURL: URL { folder.appendingPathComponent(CompositionManifest.defaultSource) }
    /// `perf.lock`.
    public var lockURL: URL { folder.appendingPathComponent(Lockfile.defaultSource) }

    /// Writes a new, empty composition (`perf init`); refuses when `perf.json` exists.
    @discardableResult
    public static func create(in folder: URL, name: PackageName? = nil) throws -> CompositionProject {
        let project = CompositionProject(folder: folder)
        guard !FileManager.default.fileExists(atPath: project.manifestURL.path) else {
            throw ClientError.manifestExists(project.manifestURL.path)
        }
        try project.write(CompositionManifest(name: name))
        return project
    }

    /// The composition in `perf.json`.
    public func manifest() throws -> CompositionManifest {
        guard let data = try LocalFile.read(manifestURL) else { throw ClientError.noManifest(manifestURL.path) }
        return try CompositionManifest.decode(data, source: manifestURL.path)
    }

    /// The lockfile, or nil when the project has none yet.
    public func lockfile() throws -> Lockfile? {
        guard let data = try LocalFile.read(lockURL) else { return nil }
        return try Lockfile.decode(data, source: lockURL.path)
    }

    /// Replaces `perf.json`.
    public func write(_ manifest: CompositionManifest) throws {
        try LocalFile.write(manifest.encoded(), to: manifestURL)
    }

    /// Replaces `perf.lock`.
    public func write(_ lockfile: Lockfile) throws {
        try LocalFile.write(lockfile.encoded(), to: lockURL)
    }
}
