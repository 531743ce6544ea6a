import Foundation
@testable import PerfServer
import PerfTestSupport
import Testing

/// The tokens file: hashed tokens, scopes, and refusals that name the problem.
@Suite struct AccessTokensTests {
    static let key = AccessTokens.key(for: "s3cret-token")

    @Test func keysAreSHA256OfTheToken() throws {
        // printf %s abc | sha256sum
        #expect(AccessTokens.key(for: "abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        if ProcessRunner.which("sha256sum") != nil {
            let result = try ProcessRunner.run(tool: "sha256sum", [], input: Data("s3cret-token".utf8))
            #expect(Self.key == "sha256:" + result.stdout.prefix(64))
        }
    }

    @Test func scopesOfKnownTokens() throws {
        let tokens = try AccessTokens(json: Data(#"""
            {"schema": 1, "tokens": {"\#(Self.key)": ["alice", "bob"], "\#(AccessTokens.key(for: "root"))": ["*"]}}
            """#.utf8), source: "tokens.json")
        #expect(tokens.scopes(for: "s3cret-token") == ["alice", "bob"])
        #expect(tokens.scopes(for: "root") == ["*"])
        #expect(tokens.scopes(for: "s3cret-token ") == nil)
        #expect(tokens.scopes(for: "") == nil)
        #expect(tokens.scopes(for: String(Self.key.dropFirst(7))) == nil, "the digest itself is not a token")
        #expect(throws: Never.self) { try AccessTokens.require("bob", in: ["alice", "bob"]) }
        #expect(throws: Never.self) { try AccessTokens.require("anyone", in: ["*"]) }
        #expect(throws: ServerError.self) { try AccessTokens.require("carol", in: ["alice", "bob"]) }
    }

    @Test func bearerCredentials() {
        #expect(AccessTokens.bearerToken(in: "Bearer abc") == "abc")
        #expect(AccessTokens.bearerToken(in: "bearer   abc ") == "abc")
        #expect(AccessTokens.bearerToken(in: "Basic abc") == nil)
        #expect(AccessTokens.bearerToken(in: "Bearer") == nil)
        #expect(AccessTokens.bearerToken(in: "Bearer ") == nil)
        #expect(AccessTokens.bearerToken(in: nil) == nil)
    }

    @Test(arguments: [
        ("[]", "not a JSON object"), ("{}", "\"schema\""), (#"{"schema": 2, "tokens": {}}"#, "\"schema\""),
        (#"{"schema": true, "tokens": {}}"#, "\"schema\""),
        (#"{"schema": 1}"#, "\"tokens\""), (#"{"schema": 1, "tokens": [], "x": 1}"#, "unknown keys x"),
        (#"{"schema": 1, "tokens": {"plain-token": ["alice"]}}"#, "sha256sum"),
        (#"{"schema": 1, "tokens": {"sha256:ABC": ["alice"]}}"#, "64 lowercase hex"),
        (#"{"schema": 1, "tokens": {"\#(AccessTokensTests.key)": []}}"#, "non-empty list"),
        (#"{"schema": 1, "tokens": {"\#(AccessTokensTests.key)": "alice"}}"#, "non-empty list"),
        (#"{"schema": 1, "tokens": {"\#(AccessTokensTests.key)": ["Alice!"]}}"#, "is not a scope name"),
        (#"{"schema": 1, "tokens": {"\#(AccessTokensTests.key)": ["../x"]}}"#, "is not a scope name"),
    ])
    func malformedFilesAreRefused(json: String, expected: String) {
        do {
            _ = try AccessTokens(json: Data(json.utf8), source: "/etc/perf/tokens.json")
            Issue.record("accepted \(json)")
        } catch let error as ServerError {
            #expect(error.description.contains("/etc/perf/tokens.json"))
            #expect(error.description.contains(expected), "\(error)")
            #expect(error.exitStatus == .configuration)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aMissingFileIsAConfigurationError() throws {
        let scratch = try TemporaryDirectory()
        #expect(throws: ServerError.self) { try AccessTokens(contentsOf: scratch.path("absent.json")) }
    }
}
