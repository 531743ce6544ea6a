import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// TCP ports on 127.0.0.1 for test servers: a free one to listen on, and a wait until one answers.
public enum LoopbackPort {
    /// A port that nothing listens on right now (the kernel's pick for port 0).
    public static func free() throws -> Int {
        let fd = socket(AF_INET, Int32(socketStreamType), 0)
        guard fd >= 0 else { throw LoopbackPortError(what: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw LoopbackPortError(what: "bind() failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw LoopbackPortError(what: "getsockname() failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` now.
    public static func isListening(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(socketStreamType), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// Waits until `port` accepts connections; throws after `timeout` seconds.
    public static func waitUntilListening(_ port: Int, timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !isListening(port) {
            guard Date() < deadline else { throw LoopbackPortError(what: "nothing listens on 127.0.0.1:\(port) after \(timeout) s") }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    private static var socketStreamType: Int {
        #if canImport(Glibc)
        Int(SOCK_STREAM.rawValue)
        #else
        Int(SOCK_STREAM)
        #endif
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// A loopback socket call failed while preparing a test server.
public struct LoopbackPortError: Error, CustomStringConvertible {
    /// What failed.
    public let what: String
    public var description: String { "loopback port: \(what)" }
}
