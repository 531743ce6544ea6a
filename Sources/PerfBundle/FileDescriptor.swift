import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file, read or written in chunks, never through a symbolic link; closed when
/// released. Failures become `BundleError.io` naming the file.
final class FileDescriptor {
    /// What `lstat` says a path is.
    enum Kind: Equatable {
        case file, directory, symlink, fifo, socket, characterDevice, blockDevice, other
    }

    private var descriptor: Int32
    /// The file's path, for messages.
    let path: String

    private init(_ descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { if descriptor >= 0 { _ = close(descriptor) } }

    /// Opens an existing regular file for reading; refuses a symbolic link.
    static func openForReading(_ url: URL) throws -> FileDescriptor {
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(url.path, "cannot be opened for reading") }
        return FileDescriptor(descriptor, path: url.path)
    }

    /// Creates a new file for writing, failing if anything already has its name.
    static func createExclusively(_ url: URL) throws -> FileDescriptor {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(url.path, "cannot be created") }
        return FileDescriptor(descriptor, path: url.path)
    }

    /// What is at `url`, without following a symbolic link; nil when nothing is there.
    static func kind(at url: URL) throws -> Kind? {
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw failure(url.path, "cannot be examined")
        }
        return kind(of: info.st_mode)
    }

    /// The open file's kind and size.
    func status() throws -> (kind: Kind, size: Int) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Self.failure(path, "cannot be examined") }
        return (Self.kind(of: info.st_mode), Int(info.st_size))
    }

    /// Feeds the file to `body` in chunks of up to 1 MiB, to its end.
    func readChunks(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure(path, "could not be read")
            }
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
        }
    }

    /// Writes all of `bytes`.
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            let count = write(descriptor, rest.baseAddress, rest.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure(path, "could not be written")
            }
            rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(count))
        }
    }

    /// Flushes the file to disk and closes it, reporting a failure of either.
    func syncAndClose() throws {
        defer { descriptor = -1 }
        guard fsync(descriptor) == 0 else {
            _ = close(descriptor)
            throw Self.failure(path, "could not be flushed to disk")
        }
        guard close(descriptor) == 0 else { throw Self.failure(path, "could not be closed") }
    }

    private static func kind(of mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        case S_IFIFO: return .fifo
        case S_IFSOCK: return .socket
        case S_IFCHR: return .characterDevice
        case S_IFBLK: return .blockDevice
        default: return .other
        }
    }

    private static func failure(_ path: String, _ what: String) -> BundleError {
        BundleError(.io(path: path, detail: "\(what): \(String(cString: strerror(errno)))"))
    }
}
