import Foundation

/// The client's file operations: reads that tell "absent" from "unreadable", and writes that
/// readers see whole or not at all (a temporary file in the same folder, then a rename).
enum LocalFile {
    /// The bytes of `url`, or nil when there is no such file.
    static func read(_ url: URL) throws -> Data? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ClientError.io(url.path, "read", error.localizedDescription)
        }
    }

    /// Replaces `url` with `data` atomically, creating its folder when needed.
    static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try makeFolder(folder)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ClientError.io(temporary.path, "write", error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let problem = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ClientError.io(url.path, "replace", problem)
        }
    }

    /// Removes `url` if it exists.
    static func remove(_ url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw ClientError.io(url.path, "remove", error.localizedDescription)
        }
    }

    /// Creates `url` and its parents if missing.
    static func makeFolder(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ClientError.io(url.path, "create the folder", error.localizedDescription)
        }
    }
}
