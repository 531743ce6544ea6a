import Crypto
import Foundation

extension BundleArchive {
    /// Streams the tar of `source` to `sink`, reading each file in chunks.
    static func write(_ source: BundleSource, to sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        let writer = try LibArchive.Writer(sink)
        for file in source.files {
            let input = try FileDescriptor.openForReading(file.url)
            let status = try input.status()
            guard status.kind == .file else { throw BundleError(.fileChanged(path: file.url.path)) }
            try writer.addFile(path: file.path, size: status.size) { write in
                var copied = 0
                try input.readChunks { chunk in
                    copied += chunk.count
                    guard copied <= status.size else { throw BundleError(.fileChanged(path: file.url.path)) }
                    try write(chunk)
                }
                guard copied == status.size else { throw BundleError(.fileChanged(path: file.url.path)) }
            }
        }
        try writer.finish()
    }

    /// Writes the tar of `source` to a temporary file beside `output`, then renames it over `output`.
    static func write(_ source: BundleSource, to output: URL) throws -> PackedBundle {
        let output = output.standardizedFileURL
        let parent = output.deletingLastPathComponent().resolvingSymlinksInPath()
        if parent.path == source.folder.path || parent.path.hasPrefix(source.folder.path + "/") {
            throw BundleError(.outputInsideFolder(output: output.path, folder: source.folder.path))
        }
        guard try FileDescriptor.kind(at: parent) == .directory else {
            throw BundleError(.io(path: parent.path, detail: "the folder to write the bundle into does not exist; create it first"))
        }
        let temporary = temporarySibling(of: output)
        var hasher = SHA256()
        var size = 0
        do {
            let file = try FileDescriptor.createExclusively(temporary)
            try write(source) { chunk in
                try file.writeAll(chunk)
                hasher.update(bufferPointer: chunk)
                size += chunk.count
            }
            try file.syncAndClose()
            guard rename(temporary.path, output.path) == 0 else {
                throw BundleError(.io(path: output.path, detail: "cannot be replaced: \(String(cString: strerror(errno)))"))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        return PackedBundle(url: output, sha256: ContentDigest.hex(hasher.finalize()), size: size)
    }
}
