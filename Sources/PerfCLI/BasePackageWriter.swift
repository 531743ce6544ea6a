import Foundation
import PerfBundle
import PerfManifest
import PerfSafeTensors

/// Writes a base package folder all at once: everything goes into a hidden folder beside the
/// target, renamed into place by `finish`, so that a failure leaves no half-written package
/// (the hidden folder is removed if `finish` never runs).
final class BasePackageWriter {
    /// The package folder to create.
    let target: URL
    /// The hidden folder being filled.
    let staging: URL
    private var finished = false

    /// Prepares to write `target`, which must be absent or an empty folder.
    init(target: URL) throws {
        self.target = target
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: target.path, isDirectory: &isFolder) {
            let contents = isFolder.boolValue ? (try? manager.contentsOfDirectory(atPath: target.path)) : nil
            guard let contents, contents.isEmpty else {
                throw CLIError.invalidArgument("--output", value: target.path, expected: "a folder that does not exist yet or is empty")
            }
        }
        staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw CLIError.fileNotFound(target.deletingLastPathComponent().path, what: "writable folder",
                                        fix: "create the parent folder or choose another --output")
        }
    }

    deinit {
        if !finished { try? FileManager.default.removeItem(at: staging) }
    }

    /// Writes the text covariance to `stats/text_covariance.safetensors`; returns its digest.
    func writeStats(_ file: SafeTensorsFile) throws -> Digest {
        let url = staging.appendingPathComponent(BaseManifest.Stats.defaultPath)
        try createFolder(url.deletingLastPathComponent())
        try file.write(to: url)
        return try Digest(sha256Hex: ContentDigest.sha256Hex(file: url))
    }

    /// Copies the model's files (links resolved) into the package under their relative paths.
    func copyModel(_ model: BaseModelFiles) throws {
        for file in model.files {
            let source = model.root.appendingPathComponent(file.path).resolvingSymlinksInPath()
            let destination = staging.appendingPathComponent(file.path)
            try createFolder(destination.deletingLastPathComponent())
            do {
                try FileManager.default.copyItem(at: source, to: destination)
            } catch {
                throw CLIError.fileNotFound(source.path, what: "readable model file", fix: "check the model folder's permissions")
            }
        }
    }

    /// Writes perf.json and moves the package into place.
    func finish(manifest: Data) throws {
        try AtomicFile.write(manifest, to: staging.appendingPathComponent("perf.json"))
        try? FileManager.default.removeItem(at: target)  // an empty folder, checked in init
        guard rename(staging.path, target.path) == 0 else {
            throw CLIError.fileNotFound(target.path, what: "writable location", fix: "check that the folder can be created")
        }
        finished = true
    }

    private func createFolder(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw CLIError.fileNotFound(url.path, what: "writable folder", fix: "check the package folder's permissions")
        }
    }
}
