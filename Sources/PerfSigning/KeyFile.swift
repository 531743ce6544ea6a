import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing key files: new files appear atomically, with their final mode,
/// and never replace an existing file.
enum KeyFile {
    /// Writes `contents` to a temporary file in the same folder with `mode`, then links it
    /// to `url`, which fails rather than replace a file that appeared meanwhile.
    static func create(_ url: URL, contents: Data, mode: mode_t, name: String) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw ioError(temporary, "create") }
        defer { unlink(temporary.path) }
        let written = contents.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        // The umask may have narrowed the mode; set it exactly.
        let ok = written == contents.count && fchmod(fd, mode) == 0 && fsync(fd) == 0
        let closed = close(fd) == 0
        guard ok, closed else { throw ioError(temporary, "write") }
        guard link(temporary.path, url.path) == 0 else {
            if errno == EEXIST { throw SigningError.keyExists(name, path: url.path) }
            throw ioError(url, "create")
        }
    }

    /// The text of a key file.
    static func read(_ url: URL) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SigningError.io(url.path, "read", error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SigningError.malformed(url.path, "it is not UTF-8 text")
        }
        return text
    }

    private static func ioError(_ url: URL, _ operation: String) -> SigningError {
        SigningError.io(url.path, operation, String(cString: strerror(errno)))
    }
}
