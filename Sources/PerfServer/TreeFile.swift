#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// A regular file of the tree, opened once per request: its size and tag come from the same
/// `fstat` as the bytes sent, so a file replaced meanwhile is never served under another's tag.
/// Small files are read whole at once and closed; larger ones stay open for ranged reads.
final class TreeFile: Sendable {
    /// The open descriptor, or -1 when `contents` holds the whole file.
    let descriptor: CInt
    /// The file's size in bytes.
    let size: Int
    /// The file's strong entity tag.
    let tag: EntityTag
    /// Seconds since 1970 of the last modification, for `Last-Modified`.
    let modifiedSeconds: Int
    /// The whole file, when it was small enough to read at open.
    let contents: ByteBuffer?

    /// Files up to this size are read whole when opened.
    static let wholeReadLimit = 256 * 1024

    /// Opens `realPath`, already resolved inside the tree (blocking: call on a thread pool).
    /// Anything but a regular file is `notFound(shownAs)`.
    init(realPath: String, shownAs: String) throws(ServerError) {
        // O_NONBLOCK: opening a FIFO someone left in the tree must not hang the server.
        let fd = open(realPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { throw .notFound(shownAs) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFREG) else {
            close(fd)
            throw .notFound(shownAs)
        }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        let statSize = Int(info.st_size)
        tag = EntityTag(inode: UInt64(info.st_ino), size: statSize,
                        modifiedNanoseconds: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec))
        modifiedSeconds = Int(modified.tv_sec)
        if statSize <= Self.wholeReadLimit {
            defer { close(fd) }
            let whole = try Self.read(fd, offset: 0, length: statSize, path: shownAs)
            contents = whole
            size = whole.readableBytes
            descriptor = -1
        } else {
            contents = nil
            size = statSize
            descriptor = fd
        }
    }

    /// Up to `length` bytes from `offset` (blocking: call on a thread pool). Fewer only at the end of the file.
    func read(offset: Int, length: Int, path: String) throws(ServerError) -> ByteBuffer {
        if let contents {
            let start = min(offset, contents.readableBytes)
            return contents.getSlice(at: contents.readerIndex + start, length: min(length, contents.readableBytes - start))
                ?? ByteBuffer()
        }
        return try Self.read(descriptor, offset: offset, length: length, path: path)
    }

    private static func read(_ fd: CInt, offset: Int, length: Int, path: String) throws(ServerError) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: length)
        var done = 0
        while done < length {
            var failure: CInt = 0
            let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length - done) { bytes in
                let n = pread(fd, bytes.baseAddress, length - done, off_t(offset + done))
                if n < 0 { failure = errno }
                return max(n, 0)
            }
            if failure == EINTR { continue }
            if failure != 0 { throw .io(path, "read", String(cString: strerror(failure))) }
            if count == 0 { break }
            done += count
        }
        return buffer
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
