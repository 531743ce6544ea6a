import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The registry's writer lock: an exclusive `flock` on `<root>/.lock`. The kernel releases
/// it when its holder exits in any way, SIGKILL included, so a crashed writer never leaves
/// the registry locked, and hands it to the next waiter at once. Readers never take it.
enum RegistryLock {
    /// Runs `body` while holding the lock on `file`, waiting for other writers first.
    static func withLock<T>(_ file: URL, _ body: () throws -> T) throws -> T {
        let fd = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RegistryError.io(file.path, "open the lock file", String(cString: strerror(errno)))
        }
        defer { close(fd) }  // closing the descriptor releases the lock
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw RegistryError.io(file.path, "lock", String(cString: strerror(errno)))
            }
        }
        return try body()
    }
}
