#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PerfManifest
import PerfRegistry
import PerfServer
import PerfSigning
import PerfTestSupport
import Testing

/// `perf registry serve` as a real process on loopback, driven by the stock `curl`.
@Suite(.serialized) struct LiveServerTests {
    @Test func staticReadsWithETagAndRange() throws {
        let fixture = try ServerFixture()
        try fixture.scratch.write("secret.txt", "outside the tree")
        let server = try ServeProcess(root: fixture.root, arguments: [], scratch: fixture.scratch)
        defer { server.stop() }
        let config = try Data(contentsOf: fixture.root.appendingPathComponent("config.json"))

        let whole = try Curl.request(server.url("/config.json"), scratch: fixture.scratch)
        #expect(whole.status == 200)
        #expect(whole.body == config)
        let tag = try #require(whole.headers["etag"])
        #expect(whole.headers["content-type"] == "application/json")

        let revalidated = try Curl.request(server.url("/config.json"), ["-H", "If-None-Match: \(tag)"], scratch: fixture.scratch)
        #expect(revalidated.status == 304)
        #expect(revalidated.body.isEmpty)

        let part = try Curl.request(server.url("/config.json"), ["-r", "5-14"], scratch: fixture.scratch)
        #expect(part.status == 206)
        #expect(part.body == config[5...14])
        #expect(part.headers["content-range"] == "bytes 5-14/\(config.count)")

        let head = try Curl.request(server.url("/config.json"), ["-I"], scratch: fixture.scratch)
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == String(config.count))
        // With -I curl writes the headers where the body would go: nothing of the file follows them.
        #expect(head.text.hasPrefix("HTTP/1.1 200") && !head.text.contains("\"dl\""))

        for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/index/..%2f..%2fsecret.txt", "/.lock"] {
            let refused = try Curl.request(server.url(path), ["--path-as-is"], scratch: fixture.scratch)
            #expect(refused.status == 400 || refused.status == 404, "\(path)")
            #expect(!refused.text.contains("outside the tree"))
            #expect(refused.headers["content-type"] == "application/problem+json")
        }

        // A read-only server refuses writes, and points config.json's api at itself.
        let write = try Curl.request(server.url("/api/v1/packages/alice/teddy/1.0.0"),
                                     ["-X", "PUT", "-H", "Authorization: Bearer x", "-H", "Content-Type: application/json",
                                      "--data-binary", "{}"], scratch: fixture.scratch)
        #expect(write.status == 403)
        let advertised = try RegistryConfig.decode(Data(contentsOf: fixture.root.appendingPathComponent("config.json")))
        #expect(advertised.api == server.url("/api/v1"))
    }

    @Test func writesAreRefusedUnlessTokenKeyVersionAndSizeAreRight() throws {
        let fixture = try ServerFixture()
        let server = try ServeProcess(root: fixture.root, arguments: ["--tokens", fixture.tokensFile.path, "--max-upload", "65536",
                                                                      "--public-url", "https://registry.example"],
                                      scratch: fixture.scratch)
        defer { server.stop() }
        func publish(_ body: Data, token: String, path: String = "/api/v1/packages/alice/teddy/1.0.0") throws -> CurlResponse {
            let file = try fixture.scratch.write("body-\(UUID().uuidString).json", body)
            return try Curl.request(server.url(path), ["-X", "PUT", "-H", "Authorization: Bearer \(token)",
                                                       "-H", "Content-Type: application/json", "--data-binary", "@\(file.path)"],
                                    scratch: fixture.scratch)
        }
        let body = Data(try fixture.publishBody("alice/teddy", "1.0.0").readableBytesView)

        let wrongToken = try publish(body, token: "not-a-token")
        #expect(wrongToken.status == 401)
        #expect(wrongToken.headers["www-authenticate"]?.hasPrefix("Bearer") == true)

        let published = try publish(body, token: ServerFixture.aliceToken)
        #expect(published.status == 201, "\(published.text)")
        let index = try Curl.request(server.url("/index/alice/teddy"), scratch: fixture.scratch)
        #expect(index.text == published.text)
        let settled = try fixture.snapshot()

        let wrongKey = try publish(Data(try fixture.publishBody("alice/teddy", "1.0.1", signer: .generate()).readableBytesView),
                                   token: ServerFixture.aliceToken, path: "/api/v1/packages/alice/teddy/1.0.1")
        #expect(wrongKey.status == 403)
        #expect(wrongKey.headers["content-type"] == "application/problem+json")

        let republished = try publish(body, token: ServerFixture.aliceToken)
        #expect(republished.status == 409)
        #expect(republished.text.contains("version-exists"))

        let oversized = try publish(Data(try fixture.publishBody("alice/teddy", "1.0.2", padding: 200_000).readableBytesView),
                                    token: ServerFixture.aliceToken, path: "/api/v1/packages/alice/teddy/1.0.2")
        #expect(oversized.status == 413)

        #expect(try fixture.snapshot() == settled, "refused writes change nothing")
        let config = try RegistryConfig.decode(Data(contentsOf: fixture.root.appendingPathComponent("config.json")))
        #expect(config.api == "https://registry.example/api/v1")
        #expect(try fixture.registry.verifyConsistency().versions == 1)
    }

    @Test func aRefusedUploadEndsItsConnection() throws {
        let fixture = try ServerFixture()
        let server = try ServeProcess(root: fixture.root, arguments: ["--tokens", fixture.tokensFile.path], scratch: fixture.scratch)
        defer { server.stop() }
        for (authorization, status) in [(ServerFixture.aliceToken, "413"), ("wrong", "401")] {
            let socket = try RawConnection(port: server.port)
            try socket.send(Data("""
                PUT /api/v1/packages/alice/teddy/1.0.0 HTTP/1.1\r
                Host: 127.0.0.1\r
                Authorization: Bearer \(authorization)\r
                Content-Type: application/json\r
                Content-Length: 1000000000\r
                \r

                """.utf8))
            // The answer comes before any of the body, and then the server hangs up instead of
            // reading a gigabyte it will not use.
            let answer = String(decoding: try socket.receiveAll(), as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 \(status)"), "\(answer)")
            #expect(answer.contains("application/problem+json"))
        }
    }

    @Test func aServerKilledMidUploadPublishesNothing() throws {
        let fixture = try ServerFixture()
        let spool = fixture.scratch.path("tmp")
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        let arguments = ["--tokens", fixture.tokensFile.path, "--public-url", "http://registry.test"]
        let first = try ServeProcess(root: fixture.root, arguments: arguments, scratch: fixture.scratch,
                                     environment: ["TMPDIR": spool.path + "/"])
        let before = try fixture.snapshot()
        // Over the in-memory limit, so that the server has spooled part of it to disk when killed.
        let body = Data(try fixture.publishBody("alice/teddy", "1.0.0", padding: 2_400_000).readableBytesView)
        let socket = try RawConnection(port: first.port)
        try socket.send(Data("""
            PUT /api/v1/packages/alice/teddy/1.0.0 HTTP/1.1\r
            Host: 127.0.0.1\r
            Authorization: Bearer \(ServerFixture.aliceToken)\r
            Content-Type: application/json\r
            Content-Length: \(body.count)\r
            \r

            """.utf8))
        try socket.send(body.prefix(body.count / 2 + 1_000_000))
        // Let the server read what was sent, then kill it without warning.
        Thread.sleep(forTimeInterval: 1.0)
        #if os(Linux)
        // The part past the memory limit is in a spool file that is already unlinked.
        let descriptors = "/proc/\(first.process.processIdentifier)/fd"
        let open = try FileManager.default.contentsOfDirectory(atPath: descriptors).compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "\(descriptors)/\($0)")
        }
        #expect(open.contains { $0.contains("perf-upload-") && $0.hasSuffix("(deleted)") }, "\(open)")
        #endif
        first.stop(SIGKILL)
        #expect(first.process.terminationReason == .uncaughtSignal)

        #expect(try fixture.snapshot() == before, "a killed upload writes nothing into the registry")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool.path).isEmpty, "the spool file was unlinked")
        let report = try FileRegistry(root: fixture.root).verifyConsistency()
        #expect(report.versions == 0 && report.interruptedOperation == nil && report.temporaryFiles.isEmpty)

        // A restarted server takes the same publish whole.
        let second = try ServeProcess(root: fixture.root, arguments: arguments, scratch: fixture.scratch)
        defer { second.stop() }
        let file = try fixture.scratch.write("body.json", body)
        let published = try Curl.request(second.url("/api/v1/packages/alice/teddy/1.0.0"),
                                         ["-X", "PUT", "-H", "Authorization: Bearer \(ServerFixture.aliceToken)",
                                          "-H", "Content-Type: application/json", "--data-binary", "@\(file.path)"],
                                         scratch: fixture.scratch)
        #expect(published.status == 201, "\(published.text)")
        #expect(try FileRegistry(root: fixture.root).verifyConsistency().versions == 1)
    }
}

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
