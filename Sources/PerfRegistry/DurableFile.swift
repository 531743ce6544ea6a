import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File writes that survive a crash at any instant: whole files are replaced by writing a
/// temporary file in the same folder, fsyncing it, renaming it over the target and fsyncing
/// the folder, so a reader sees the old file or the new one, never a part.
enum DurableFile {
    /// Temporary files start with this prefix (a dot, so listings of index folders skip them).
    static let temporaryPrefix = ".tmp-"

    /// Replaces `url` with `data` atomically and durably. With `mode`, the file gets exactly
    /// that mode; without, 0644 narrowed by the umask.
    static func write(_ data: Data, to url: URL, mode: mode_t? = nil) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            "\(temporaryPrefix)\(url.lastPathComponent)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode ?? 0o644)
        guard fd >= 0 else { throw failure(temporary, "create") }
        do {
            if let mode, fchmod(fd, mode) != 0 { throw failure(temporary, "set the mode of") }
            try writeAll(fd, data, path: temporary)
            guard fsync(fd) == 0 else { throw failure(temporary, "fsync") }
        } catch {
            close(fd)
            unlink(temporary.path)
            throw error
        }
        close(fd)
        guard rename(temporary.path, url.path) == 0 else {
            let error = failure(url, "rename \(temporary.lastPathComponent) onto")
            unlink(temporary.path)
            throw error
        }
        try syncFolder(folder)
    }

    /// The contents of `url`, or nil when it does not exist.
    static func read(_ url: URL) throws -> Data? {
        do {
            return try Data(contentsOf: url)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return nil
        } catch {
            throw RegistryError.io(url.path, "read", "\(error)")
        }
    }

    /// Makes `url` hold `data` from byte `offset` on: cuts off whatever follows `offset`
    /// (a torn earlier attempt) and writes `data` there in one call, then fsyncs.
    static func replaceTail(of url: URL, from offset: Int, with data: Data) throws {
        let fd = open(url.path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(url, "open") }
        defer { close(fd) }
        guard ftruncate(fd, off_t(offset)) == 0 else { throw failure(url, "truncate") }
        guard lseek(fd, off_t(offset), SEEK_SET) == off_t(offset) else { throw failure(url, "seek in") }
        try writeAll(fd, data, path: url)
        guard fsync(fd) == 0 else { throw failure(url, "fsync") }
    }

    /// Removes `url` if present. The removal is not fsynced: every file the registry removes
    /// (a finished intent record, a leftover temporary) is harmless if it comes back.
    static func remove(_ url: URL) throws {
        guard unlink(url.path) == 0 || errno == ENOENT else { throw failure(url, "remove") }
    }

    /// Creates `url` and any missing parents.
    static func makeFolder(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw RegistryError.io(url.path, "create the folder", "\(error)")
        }
    }

    /// Flushes a folder's entries (new names, renames) to disk.
    static func syncFolder(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(url, "open the folder") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure(url, "fsync the folder") }
    }

    /// The names in `url` that are not hidden (do not start with a dot), sorted; none if it is missing.
    static func visibleNames(in url: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: url.path)
                .filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw RegistryError.io(url.path, "list", "\(error)")
        }
    }

    /// The temporary files a killed writer left in `url`.
    static func leftoverTemporaries(in url: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasPrefix(temporaryPrefix) }.sorted().map { url.appendingPathComponent($0) }
    }

    private static func writeAll(_ fd: Int32, _ data: Data, path: URL) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var done = 0
            while done < buffer.count {
                let written = posixWrite(fd, buffer.baseAddress! + done, buffer.count - done)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(path, "write")
                }
                done += written
            }
        }
    }

    private static func failure(_ url: URL, _ operation: String) -> RegistryError {
        RegistryError.io(url.path, operation, String(cString: strerror(errno)))
    }
}

/// The C library's `write(2)`, named apart from `DurableFile.write`.
private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
