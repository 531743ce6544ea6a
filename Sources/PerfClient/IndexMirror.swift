import Foundation
import PerfHTTP

/// The client's copy of the parts of an HTTP registry's tree it has read (`config.json`,
/// `index/…`, `keys/…`), laid out as the registry lays them out, so that `FileRegistry` reads
/// and checks the copy exactly as it reads a registry folder. Each file's ETag is kept in
/// `.etags/<path>`, written after the body: a crash between the two leaves an old ETag, which
/// only costs a full fetch next time.
struct IndexMirror: Sendable {
    /// `PERF_HOME/cache/index/<registry id>/`.
    let root: URL

    /// The copy of `path`.
    func file(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// The copy of `path` and its ETag, or nil when there is no copy.
    func cached(_ path: String) throws -> CachedResource? {
        guard let body = try LocalFile.read(file(path)) else { return nil }
        let etag = try LocalFile.read(etagFile(path)).map { String(decoding: $0, as: UTF8.self) }
        return CachedResource(body: body, etag: etag)
    }

    /// Replaces the copy of `path` with `resource`.
    func store(_ path: String, _ resource: CachedResource) throws {
        try LocalFile.write(resource.body, to: file(path))
        if let etag = resource.etag {
            try LocalFile.write(Data(etag.utf8), to: etagFile(path))
        } else {
            try LocalFile.remove(etagFile(path))
        }
    }

    /// Removes the copy of `path` (the registry no longer has it).
    func forget(_ path: String) throws {
        try LocalFile.remove(etagFile(path))
        try LocalFile.remove(file(path))
    }

    private func etagFile(_ path: String) -> URL { root.appendingPathComponent(".etags/" + path) }
}
