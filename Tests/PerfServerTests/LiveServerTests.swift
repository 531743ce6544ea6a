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

    @Test func serveRefusesToStartOnBadInput() throws {
        let fixture = try ServerFixture()
        let home = fixture.scratch.path("home")
        let missing = try ProcessRunner.perf(["registry", "serve", fixture.scratch.path("nowhere").path, "--port", "0"], home: home)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("is not a perf registry"))

        let badTokens = try fixture.scratch.write("bad-tokens.json", #"{"schema": 1, "tokens": {"plain": ["alice"]}}"#)
        let refused = try ProcessRunner.perf(["registry", "serve", fixture.root.path, "--port", "0", "--tokens", badTokens.path],
                                             home: home)
        #expect(refused.status == 78)
        #expect(refused.stderr.contains(badTokens.path) && refused.stderr.contains("sha256sum"))

        let running = try ServeProcess(root: fixture.root, arguments: [], scratch: fixture.scratch)
        defer { running.stop() }
        let taken = try ProcessRunner.perf(["registry", "serve", fixture.root.path, "--port", "\(running.port)"], home: home)
        #expect(taken.status == 69)
        #expect(taken.stderr.contains("cannot listen on 127.0.0.1:\(running.port)"), "\(taken.stderr)")
    }

    @Test func aRefusedUploadEndsItsConnection() throws {
        let fixture = try ServerFixture()
        let server = try ServeProcess(root: fixture.root, arguments: ["--tokens", fixture.tokensFile.path], scratch: fixture.scratch)
        defer { server.stop() }
        for (authorization, status) in [(ServerFixture.aliceToken, "413"), ("wrong", "401")] {
            let socket = try RawConnection(port: server.port)
            try socket.sendPublishHead(token: authorization, framing: "Content-Length: 1000000000")
            // The answer comes before any of the body, and then the server hangs up instead of
            // reading a gigabyte it will not use.
            let answer = String(decoding: try socket.receiveAll(), as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 \(status)"), "\(answer)")
            #expect(answer.contains("application/problem+json"))
        }
    }

    @Test func aChunkedBodyIsCutOffAtTheCap() throws {
        let fixture = try ServerFixture()
        let server = try ServeProcess(root: fixture.root, arguments: ["--tokens", fixture.tokensFile.path, "--max-upload", "100000"],
                                      scratch: fixture.scratch)
        defer { server.stop() }
        let socket = try RawConnection(port: server.port)
        try socket.sendPublishHead(token: ServerFixture.aliceToken, framing: "Transfer-Encoding: chunked")
        // No length declared: the server counts while it reads, and stops at the cap.
        let chunk = Data("8000\r\n".utf8) + Data(repeating: UInt8(ascii: "a"), count: 0x8000) + Data("\r\n".utf8)
        for _ in 0..<4 { try socket.send(chunk) }
        let answer = String(decoding: try socket.receiveAll(), as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer)")
        #expect(answer.contains("limit of 100000 bytes") && !answer.contains("Content-Length says"))
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("index/alice/teddy").path))
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
        try socket.sendPublishHead(token: ServerFixture.aliceToken, framing: "Content-Length: \(body.count)")
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
