#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PerfTestSupport

/// A plain TCP connection to a loopback port, for sending a request that never finishes.
final class RawConnection {
    private let descriptor: CInt

    init(port: Int) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, CInt(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, connected == 0 else { throw ServeFailed(message: "cannot connect to port \(port)") }
    }

    /// Sends the head of a publish of alice/teddy@1.0.0 with `token` and `framing`
    /// (`Content-Length: N` or `Transfer-Encoding: chunked`); the body is the caller's to send.
    func sendPublishHead(token: String, framing: String) throws {
        try send(Data(("PUT /api/v1/packages/alice/teddy/1.0.0 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       + "Authorization: Bearer \(token)\r\nContent-Type: application/json\r\n\(framing)\r\n\r\n").utf8))
    }

    /// Sends all of `data`.
    func send(_ data: Data) throws {
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                guard n > 0 else { throw ServeFailed(message: "send failed: \(String(cString: strerror(errno)))") }
                offset += n
            }
        }
    }

    /// Everything the server sends until it closes the connection (at most 10 s).
    func receiveAll() throws -> Data {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(descriptor, &buffer, buffer.count)
            if n == 0 { return data }
            guard n > 0 else { throw ServeFailed(message: "the server did not close the connection: \(String(cString: strerror(errno)))") }
            data.append(contentsOf: buffer[..<n])
        }
    }

    deinit { close(descriptor) }
}
