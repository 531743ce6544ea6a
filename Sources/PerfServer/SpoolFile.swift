#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOCore

/// An unlinked temporary file in the system's temporary folder, closed when released.
final class SpoolFile: Sendable {
    private let descriptor: CInt
    private let path = NSTemporaryDirectory() + "/perf-upload-XXXXXX"

    init() throws {
        var template = Array(path.utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw ServerError.io(path, "create", String(cString: strerror(errno))) }
        unlink(template)
        descriptor = fd
    }

    /// Appends `buffer` (blocking).
    func append(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw ServerError.io(path, "write", String(cString: strerror(errno))) }
                offset += n
            }
        }
    }

    /// Everything written so far (blocking).
    func contents() throws -> Data {
        let size = Int(lseek(descriptor, 0, SEEK_END))
        var data = Data(count: size)
        var offset = 0
        try data.withUnsafeMutableBytes { bytes in
            while offset < size {
                let n = pread(descriptor, bytes.baseAddress! + offset, size - offset, off_t(offset))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw ServerError.io(path, "read", String(cString: strerror(errno))) }
                offset += n
            }
        }
        return data
    }

    deinit { close(descriptor) }
}
