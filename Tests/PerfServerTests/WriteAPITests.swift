import Foundation
import Hummingbird
import HummingbirdTesting
import PerfBundle
import PerfManifest
import PerfRegistry
import PerfServer
import PerfSigning
import PerfTestSupport
import Testing

/// The write API in-process: every status path of publish, yank and unyank, and what each
/// leaves in the registry.
@Suite struct WriteAPITests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture() }

    static let teddy = "/api/v1/packages/alice/teddy/1.0.0"

    @Test func publishWritesIndexBlobSignatureAndLog() async throws {
        let body = try fixture.publishBody("alice/teddy", "1.0.0")
        try await fixture.server().makeApplication().test(.router) { client in
            let response = try await client.execute(uri: Self.teddy, method: .put,
                                                    headers: ServerFixture.writeHeaders(token: ServerFixture.aliceToken), body: body)
            #expect(response.status == .created, "\(response.text)")
            #expect(response.headers[.location] == "/index/alice/teddy")
            let line = try IndexLine.decode(line: response.text.trimmingCharacters(in: .newlines), source: "response")
            #expect(line.name.description == "alice/teddy" && line.version.description == "1.0.0")
            #expect(line.keyID == "\(fixture.key.keyID)")
            // The same line is now served from the index, with its blob and signature.
            let index = try await client.execute(uri: "/index/alice/teddy", method: .get)
            #expect(index.text == response.text)
            let blob = try await client.execute(uri: "/blobs/sha256/\(line.sha256.hex)", method: .get)
            #expect(blob.body.readableBytes == line.size)
            let signature = try await client.execute(uri: "/sigs/sha256/\(line.sha256.hex).minisig", method: .get)
            #expect(signature.status == .ok)
            let log = try await client.execute(uri: "/log/entries", method: .get)
            #expect(log.text.contains("\"publish\"") && log.text.contains("alice/teddy"))
        }
        #expect(try fixture.registry.versions(of: PackageName(parsing: "alice/teddy")).count == 1)
        #expect(try fixture.registry.verifyConsistency().versions == 1)
    }

    @Test func tokensAreRequiredAndChecked() async throws {
        let body = try fixture.publishBody("alice/teddy", "1.0.0")
        let before = try fixture.snapshot()
        try await fixture.server().makeApplication().test(.router) { client in
            let missing = try await client.execute(uri: Self.teddy, method: .put, headers: ServerFixture.writeHeaders(token: nil), body: body)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == #"Bearer realm="perf""#)
            #expect(missing.problem?.slug == "missing-token")
            #expect(missing.problem?.package == "alice/teddy" && missing.problem?.version == "1.0.0")

            var basic = ServerFixture.writeHeaders(token: nil)
            basic[.authorization] = "Basic YWxpY2U6c2VjcmV0"
            #expect(try await client.execute(uri: Self.teddy, method: .put, headers: basic, body: body).status == .unauthorized)

            let wrong = try await client.execute(uri: Self.teddy, method: .put,
                                                 headers: ServerFixture.writeHeaders(token: ServerFixture.aliceToken + "x"), body: body)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
            #expect(wrong.problem?.slug == "invalid-token")
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func aTokenWritesOnlyItsScopes() async throws {
        let body = try fixture.publishBody("bob/kite", "1.0.0")
        try await fixture.server().makeApplication().test(.router) { client in
            let refused = try await client.execute(uri: "/api/v1/packages/bob/kite/1.0.0", method: .put,
                                                   headers: ServerFixture.writeHeaders(token: ServerFixture.aliceToken), body: body)
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.wwwAuthenticate]?.contains("insufficient_scope") == true)
            #expect(refused.problem?.slug == "insufficient-scope")
            let admin = try await client.execute(uri: "/api/v1/packages/bob/kite/1.0.0", method: .put,
                                                 headers: ServerFixture.writeHeaders(token: ServerFixture.adminToken), body: body)
            #expect(admin.status == .created, "\(admin.text)")
        }
    }

    @Test func withoutTokensTheServerTakesNoWrites() async throws {
        let body = try fixture.publishBody("alice/teddy", "1.0.0")
        try await fixture.server(writes: false).makeApplication().test(.router) { client in
            let response = try await client.execute(uri: Self.teddy, method: .put,
                                                    headers: ServerFixture.writeHeaders(token: ServerFixture.aliceToken), body: body)
            #expect(response.status == .forbidden)
            #expect(response.problem?.slug == "writes-disabled")
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("index/alice/teddy").path))
    }

    @Test func aValidTokenWithTheWrongKeyIsRefused() async throws {
        let first = try fixture.publishBody("alice/teddy", "1.0.0")
        let intruder = SecretKey.generate()
        let forged = try fixture.publishBody("alice/teddy", "1.1.0", signer: intruder)
        try await fixture.server().makeApplication().test(.router) { client in
            let headers = ServerFixture.writeHeaders(token: ServerFixture.aliceToken)
            #expect(try await client.execute(uri: Self.teddy, method: .put, headers: headers, body: first).status == .created)
            let before = try fixture.snapshot()
            let response = try await client.execute(uri: "/api/v1/packages/alice/teddy/1.1.0", method: .put, headers: headers, body: forged)
            #expect(response.status == .forbidden)
            let problem = try #require(response.problem)
            #expect(problem.slug == "verification-failed")
            #expect(problem.detail.contains("\(intruder.keyID)") && problem.detail.contains("\(fixture.key.keyID)"))
            #expect(!problem.detail.contains(fixture.root.path), "details name registry files relative to the registry")
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test func aSignatureOfOtherBytesIsRefused() async throws {
        let archive = try fixture.archive("alice/teddy", "1.0.0")
        let other = try fixture.archive("alice/teddy", "1.0.0", padding: 10)
        let signature = try PackageSignature.sign(archive: other, name: "alice/teddy", version: "1.0.0",
                                                  base: ServerFixture.baseDigest, with: fixture.key)
        let body = ServerFixture.json(["archive": archive.base64EncodedString(), "signature": signature.text,
                                       "public_key": fixture.key.publicKey.base64])
        try await fixture.server().makeApplication().test(.router) { client in
            let response = try await client.execute(uri: Self.teddy, method: .put,
                                                    headers: ServerFixture.writeHeaders(token: ServerFixture.aliceToken), body: body)
            #expect(response.status == .forbidden)
            #expect(response.problem?.slug == "verification-failed")
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("index/alice/teddy").path))
    }

    @Test func aRepublishedVersionIsAConflict() async throws {
        let body = try fixture.publishBody("alice/teddy", "1.0.0")
        let again = try fixture.publishBody("alice/teddy", "1.0.0", padding: 3)
        try await fixture.server().makeApplication().test(.router) { client in
            let headers = ServerFixture.writeHeaders(token: ServerFixture.aliceToken)
            #expect(try await client.execute(uri: Self.teddy, method: .put, headers: headers, body: body).status == .created)
            let before = try fixture.snapshot()
            for attempt in [body, again] {
                let response = try await client.execute(uri: Self.teddy, method: .put, headers: headers, body: attempt)
                #expect(response.status == .conflict)
                let problem = try #require(response.problem)
                #expect(problem.slug == "version-exists")
                #expect(problem.detail.contains("alice/teddy@1.0.0"))
                #expect(problem.package == "alice/teddy" && problem.version == "1.0.0")
            }
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test func oversizedBodiesAreRefusedBeforeOrWhileReading() async throws {
        let body = try fixture.publishBody("alice/teddy", "1.0.0", padding: 8192)
        let limit = body.readableBytes - 1
        try await fixture.server(maxUploadBytes: limit).makeApplication().test(.router) { client in
            var headers = ServerFixture.writeHeaders(token: ServerFixture.aliceToken)
            // The router test client sends no Content-Length: the cap is hit while streaming.
            let streamed = try await client.execute(uri: Self.teddy, method: .put, headers: headers, body: body)
            #expect(streamed.status == .contentTooLarge)
            #expect(streamed.problem?.slug == "too-large")
            #expect(streamed.headers[.connection] == "close")
            // A declared length over the cap is refused before any byte is read.
            headers[.contentLength] = String(body.readableBytes)
            let declared = try await client.execute(uri: Self.teddy, method: .put, headers: headers, body: body)
            #expect(declared.status == .contentTooLarge)
            #expect(declared.problem?.detail.contains("Content-Length says \(body.readableBytes)") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("index/alice/teddy").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root.appendingPathComponent("blobs/sha256").path).isEmpty)
    }

    @Test func aBodyLargerThanTheMemoryLimitIsSpooled() async throws {
        let body = try fixture.publishBody("alice/teddy", "1.0.0", padding: 1_500_000)
        try await fixture.server(maxUploadBytes: 4 << 20).makeApplication().test(.router) { client in
            let response = try await client.execute(uri: Self.teddy, method: .put,
                                                    headers: ServerFixture.writeHeaders(token: ServerFixture.aliceToken), body: body)
            #expect(response.status == .created, "\(response.text)")
        }
    }

    @Test(arguments: [
        ("not json", "malformed-request", 400), ("[1, 2]", "malformed-request", 400),
        (#"{"archive": "AAAA"}"#, "malformed-request", 400),
        (#"{"archive": "!!", "signature": "s", "public_key": "k"}"#, "malformed-request", 400),
        (#"{"archive": "AAAA", "signature": "s", "public_key": "k", "extra": "x"}"#, "malformed-request", 400),
        (#"{"archive": 1, "signature": "s", "public_key": "k"}"#, "malformed-request", 400),
        (#"{"archive": "AAAA", "signature": "not a minisig", "public_key": "k"}"#, "unprocessable", 422),
    ])
    func malformedBodiesAreProblems(body: String, slug: String, status: Int) async throws {
        try await fixture.server().makeApplication().test(.router) { client in
            let response = try await client.execute(uri: Self.teddy, method: .put,
                                                    headers: ServerFixture.writeHeaders(token: ServerFixture.aliceToken),
                                                    body: ByteBuffer(string: body))
            #expect(Int(response.status.code) == status, "\(response.text)")
            #expect(response.problem?.slug == slug)
        }
    }

    @Test func aBadPublicKeyIsUnprocessable() async throws {
        let body = try fixture.publishBody("alice/teddy", "1.0.0")
        var fields = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as! [String: String]
        fields["public_key"] = "RWQ" + String(repeating: "A", count: 10)
        let object = fields
        try await fixture.server().makeApplication().test(.router) { client in
            let response = try await client.execute(uri: Self.teddy, method: .put,
                                                    headers: ServerFixture.writeHeaders(token: ServerFixture.aliceToken),
                                                    body: ServerFixture.json(object))
            #expect(response.status == .unprocessableContent)
            #expect(response.problem?.slug == "unprocessable")
        }
    }

    @Test func theURLMustNameTheSignedPackage() async throws {
        let body = try fixture.publishBody("alice/teddy", "1.0.0")
        try await fixture.server().makeApplication().test(.router) { client in
            let headers = ServerFixture.writeHeaders(token: ServerFixture.aliceToken)
            for path in ["/api/v1/packages/alice/teddy/2.0.0", "/api/v1/packages/alice/other/1.0.0"] {
                let response = try await client.execute(uri: path, method: .put, headers: headers, body: body)
                #expect(response.status == .unprocessableContent, "\(path)")
                #expect(response.problem?.detail.contains("alice/teddy@1.0.0") == true)
            }
            for path in ["/api/v1/packages/alice/Teddy!/1.0.0", "/api/v1/packages/alice/teddy/one", "/api/v1/packages/alice/../1.0.0"] {
                let response = try await client.execute(uri: path, method: .put, headers: headers, body: body)
                #expect(response.status == .badRequest, "\(path)")
                #expect(response.problem?.slug == "malformed-path")
            }
        }
    }

    @Test func anInvalidManifestIsUnprocessable() async throws {
        let folder = fixture.scratch.path("broken")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"schema": 1, "kind": "concept", "name": "alice/teddy", "version": "1.0.0"}"#.utf8)
            .write(to: folder.appendingPathComponent("perf.json"))
        try Data([1, 2, 3]).write(to: folder.appendingPathComponent("concept.safetensors"))
        let archive = try BundleArchive.pack(directory: folder)
        let body = try fixture.publishBody("alice/teddy", "1.0.0", archive: archive)
        try await fixture.server().makeApplication().test(.router) { client in
            let response = try await client.execute(uri: Self.teddy, method: .put,
                                                    headers: ServerFixture.writeHeaders(token: ServerFixture.aliceToken), body: body)
            #expect(response.status == .unprocessableContent, "\(response.text)")
            #expect(response.problem?.slug == "invalid-package")
        }
    }

    @Test func writesMustBeJSON() async throws {
        let body = try fixture.publishBody("alice/teddy", "1.0.0")
        try await fixture.server().makeApplication().test(.router) { client in
            var headers = ServerFixture.writeHeaders(token: ServerFixture.aliceToken)
            headers[.contentType] = "multipart/form-data; boundary=x"
            let response = try await client.execute(uri: Self.teddy, method: .put, headers: headers, body: body)
            #expect(response.status == .unsupportedMediaType)
            headers[.contentType] = "Application/JSON; charset=utf-8"
            #expect(try await client.execute(uri: Self.teddy, method: .put, headers: headers, body: body).status == .created)
        }
    }

    @Test func yankAndUnyank() async throws {
        let body = try fixture.publishBody("alice/teddy", "1.0.0")
        try await fixture.server().makeApplication().test(.router) { client in
            let headers = ServerFixture.writeHeaders(token: ServerFixture.aliceToken)
            #expect(try await client.execute(uri: Self.teddy, method: .put, headers: headers, body: body).status == .created)

            let yank = try await client.execute(uri: Self.teddy + "/yank", method: .post, headers: headers,
                                                body: fixture.yankBody("alice/teddy", "1.0.0", yanked: true))
            #expect(yank.status == .ok, "\(yank.text)")
            #expect(try IndexLine.decode(line: yank.text.trimmingCharacters(in: .newlines), source: "yank").yanked)
            #expect(try fixture.registry.info(PackageName(parsing: "alice/teddy"), version: SemanticVersion(parsing: "1.0.0")).yanked)

            // An unyank statement cannot yank, and the wrong key cannot unyank.
            let swapped = try await client.execute(uri: Self.teddy + "/yank", method: .post, headers: headers,
                                                   body: fixture.yankBody("alice/teddy", "1.0.0", yanked: false))
            #expect(swapped.status == .forbidden)
            let intruder = try await client.execute(uri: Self.teddy + "/unyank", method: .post, headers: headers,
                                                    body: fixture.yankBody("alice/teddy", "1.0.0", yanked: false, signer: .generate()))
            #expect(intruder.status == .forbidden)
            #expect(intruder.problem?.slug == "verification-failed")

            let unyank = try await client.execute(uri: Self.teddy + "/unyank", method: .post, headers: headers,
                                                  body: fixture.yankBody("alice/teddy", "1.0.0", yanked: false))
            #expect(unyank.status == .ok)
            let log = try await client.execute(uri: "/log/entries", method: .get)
            #expect(log.text.contains("\"yank\"") && log.text.contains("\"unyank\""))

            let unknown = try await client.execute(uri: "/api/v1/packages/alice/teddy/9.9.9/yank", method: .post, headers: headers,
                                                   body: fixture.yankBody("alice/teddy", "9.9.9", yanked: true))
            #expect(unknown.status == .notFound)
            #expect(unknown.problem?.slug == "unknown-package")

            var anonymous = headers
            anonymous[.authorization] = nil
            let noToken = try await client.execute(uri: Self.teddy + "/yank", method: .post, headers: anonymous,
                                                   body: fixture.yankBody("alice/teddy", "1.0.0", yanked: true))
            #expect(noToken.status == .unauthorized)
        }
        #expect(try fixture.registry.verifyConsistency().versions == 1)
    }

    @Test func readsNeedATokenWhenTheRegistrySaysSo() async throws {
        let file = fixture.root.appendingPathComponent("config.json")
        var config = try RegistryConfig.decode(Data(contentsOf: file))
        config.authRequired = true
        try config.encoded().write(to: file)
        #expect(throws: ServerError.self) { try RegistryServer(root: fixture.root, tokens: nil) }
        try await fixture.server().makeApplication().test(.router) { client in
            #expect(try await client.execute(uri: "/config.json", method: .get).status == .ok)
            let anonymous = try await client.execute(uri: "/log/checkpoint", method: .get)
            #expect(anonymous.status == .unauthorized)
            let reader = try await client.execute(uri: "/log/checkpoint", method: .get,
                                                  headers: [.authorization: "Bearer \(ServerFixture.aliceToken)"])
            #expect(reader.status == .ok)
        }
    }
}
