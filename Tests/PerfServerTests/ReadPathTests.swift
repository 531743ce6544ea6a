import Foundation
import Hummingbird
import HummingbirdTesting
import PerfServer
import PerfTestSupport
import Testing

/// The read path in-process: static files with ETag, Range and content types, and every
/// way a path could leave the tree refused.
@Suite struct ReadPathTests {
    let fixture: ServerFixture

    init() throws {
        fixture = try ServerFixture()
        // A file outside the tree that no request may reach, and a large file for ranged streaming.
        try fixture.scratch.write("secret.txt", "outside the tree")
        try fixture.scratch.write("registry/big/data.bin", Data((0..<600_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
    }

    @Test func servesConfigWithHeaders() async throws {
        try await fixture.server().makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/config.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes > 0)
            #expect(response.body.readableBytesView.elementsEqual(try Data(contentsOf: fixture.root.appendingPathComponent("config.json"))))
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.headers[.contentLength] == String(response.body.readableBytes))
            #expect(response.headers[.acceptRanges] == "bytes")
            #expect(response.headers[.cacheControl] == "no-cache")
            #expect(response.headers[.lastModified]?.hasSuffix(" GMT") == true)
            let tag = try #require(response.headers[.eTag])
            #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && !tag.hasPrefix("W/"))
        }
    }

    @Test func headSendsHeadersWithoutBody() async throws {
        try await fixture.server().makeApplication().test(.router) { client in
            let get = try await client.execute(uri: "/config.json", method: .get)
            let head = try await client.execute(uri: "/config.json", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == String(get.body.readableBytes))
            #expect(head.headers[.eTag] == get.headers[.eTag])
        }
    }

    @Test func ifNoneMatchRevalidates() async throws {
        try await fixture.server().makeApplication().test(.router) { client in
            let first = try await client.execute(uri: "/log/checkpoint", method: .get)
            let tag = try #require(first.headers[.eTag])
            for condition in [tag, "W/\(tag)", "\"other\", \(tag)", "*"] {
                let again = try await client.execute(uri: "/log/checkpoint", method: .get, headers: [.ifNoneMatch: condition])
                #expect(again.status == .notModified, "If-None-Match: \(condition)")
                #expect(again.body.readableBytes == 0)
                #expect(again.headers[.eTag] == tag)
            }
            let stale = try await client.execute(uri: "/log/checkpoint", method: .get, headers: [.ifNoneMatch: "\"stale\""])
            #expect(stale.status == .ok)
            #expect(stale.body == first.body)
        }
    }

    @Test func etagChangesWhenTheFileIsReplaced() async throws {
        let file = fixture.root.appendingPathComponent("config.json")
        try await fixture.server().makeApplication().test(.router) { client in
            let before = try await client.execute(uri: "/config.json", method: .get)
            // Replace by rename, as registry writers do: same size, new inode.
            let temporary = fixture.root.appendingPathComponent(".config.json.tmp")
            try Data(before.body.readableBytesView).write(to: temporary)
            #expect(rename(temporary.path, file.path) == 0)
            let after = try await client.execute(uri: "/config.json", method: .get,
                                                 headers: [.ifNoneMatch: try #require(before.headers[.eTag])])
            #expect(after.status == .ok)
            #expect(after.headers[.eTag] != before.headers[.eTag])
        }
    }

    @Test(arguments: [
        ("bytes=0-9", 0...9), ("bytes=599990-", 599_990...599_999), ("bytes=-5", 599_995...599_999),
        ("bytes=100-2000000", 100...599_999), ("bytes=300000-562143", 300_000...562_143),
    ])
    func rangesOfALargeFile(header: String, expected: ClosedRange<Int>) async throws {
        let whole = try Data(contentsOf: fixture.root.appendingPathComponent("big/data.bin"))
        try await fixture.server().makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/big/data.bin", method: .get, headers: [.range: header])
            #expect(response.status == .partialContent)
            #expect(response.headers[.contentRange] == "bytes \(expected.lowerBound)-\(expected.upperBound)/600000")
            #expect(Data(response.body.readableBytesView) == whole[expected])
        }
    }

    @Test func wholeLargeFileStreams() async throws {
        let whole = try Data(contentsOf: fixture.root.appendingPathComponent("big/data.bin"))
        try await fixture.server().makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/big/data.bin", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentLength] == "600000")
            #expect(Data(response.body.readableBytesView) == whole)
        }
    }

    @Test func rangeOfASmallFile() async throws {
        try await fixture.server().makeApplication().test(.router) { client in
            let whole = try await client.execute(uri: "/config.json", method: .get)
            let part = try await client.execute(uri: "/config.json", method: .get, headers: [.range: "bytes=2-6"])
            #expect(part.status == .partialContent)
            #expect(Data(part.body.readableBytesView) == Data(whole.body.readableBytesView)[2...6])
        }
    }

    @Test func unsatisfiableAndIgnoredRanges() async throws {
        try await fixture.server().makeApplication().test(.router) { client in
            let size = try await client.execute(uri: "/config.json", method: .get).body.readableBytes
            let past = try await client.execute(uri: "/config.json", method: .get, headers: [.range: "bytes=\(size)-"])
            #expect(past.status == .rangeNotSatisfiable)
            #expect(past.headers[.contentRange] == "bytes */\(size)")
            #expect(past.problem?.slug == "range-not-satisfiable")
            let empty = try await client.execute(uri: "/log/entries", method: .get, headers: [.range: "bytes=0-"])
            #expect(empty.status == .rangeNotSatisfiable)
            // Several ranges, another unit, nonsense: the whole file.
            for header in ["bytes=0-1,4-5", "items=0-1", "bytes=abc", "bytes=5-2"] {
                let response = try await client.execute(uri: "/config.json", method: .get, headers: [.range: header])
                #expect(response.status == .ok, "Range: \(header)")
                #expect(response.body.readableBytes == size)
            }
        }
    }

    @Test func ifRangeSendsTheWholeFileWhenTheTagDiffers() async throws {
        try await fixture.server().makeApplication().test(.router) { client in
            let whole = try await client.execute(uri: "/config.json", method: .get)
            let tag = try #require(whole.headers[.eTag])
            let matching = try await client.execute(uri: "/config.json", method: .get, headers: [.range: "bytes=0-3", .ifRange: tag])
            #expect(matching.status == .partialContent)
            #expect(matching.body.readableBytes == 4)
            let stale = try await client.execute(uri: "/config.json", method: .get, headers: [.range: "bytes=0-3", .ifRange: "\"old\""])
            #expect(stale.status == .ok)
            #expect(stale.body == whole.body)
        }
    }

    @Test(arguments: [
        "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/index/%2e%2e/%2e%2e/secret.txt",
        "/index/../../secret.txt", "/.%2e/secret.txt", "/index%2f..%2f..%2fsecret.txt", "//etc/passwd",
        "/index/./../config.json", "/index\\..\\..\\secret.txt", "/config.json%00", "/%zz", "/%",
        "/\(String(repeating: "a/", count: 20))x",
    ])
    func traversalIsRefused(path: String) async throws {
        try await fixture.server().makeApplication().test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .badRequest || response.status == .notFound, "\(path) gave \(response.status)")
            #expect(!response.text.contains("outside the tree"))
            #expect(response.headers[.contentType] == ProblemDocument.mediaType)
            let problem = try #require(response.problem)
            #expect(problem.status == Int(response.status.code))
            #expect(problem.instance == path)
        }
    }

    @Test func hiddenFilesAndFoldersAreNotServed() async throws {
        try fixture.scratch.write("registry/log/pending", "{}")
        try fixture.scratch.write("registry/index/.tmp-line", "partial")
        #expect(FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent(".lock").path)
                    || FileManager.default.createFile(atPath: fixture.root.appendingPathComponent(".lock").path, contents: Data()))
        try await fixture.server().makeApplication().test(.router) { client in
            for path in ["/.lock", "/log/pending", "/index/.tmp-line", "/%2elock", "/", "/index/", "/index", "/blobs/sha256",
                         "/log", "/missing", "/api/v1/packages"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path) gave \(response.status)")
                #expect(response.problem?.slug == "not-found", "\(path)")
            }
        }
    }

    @Test func symlinksServeOnlyInsideTheTree() async throws {
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: fixture.root.appendingPathComponent("escape").path,
                                  withDestinationPath: fixture.scratch.path("secret.txt").path)
        try fm.createSymbolicLink(atPath: fixture.root.appendingPathComponent("up").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: fixture.root.appendingPathComponent("root").path, withDestinationPath: "/")
        try fm.createSymbolicLink(atPath: fixture.root.appendingPathComponent("pending").path, withDestinationPath: "log/pending")
        try fixture.scratch.write("registry/log/pending", "{}")
        try fm.createSymbolicLink(atPath: fixture.root.appendingPathComponent("inside").path, withDestinationPath: "config.json")
        try fm.createSymbolicLink(atPath: fixture.root.appendingPathComponent("fifo-link").path, withDestinationPath: "fifo")
        #expect(mkfifo(fixture.root.appendingPathComponent("fifo").path, 0o644) == 0)
        try await fixture.server().makeApplication().test(.router) { client in
            for path in ["/escape", "/up/secret.txt", "/root/etc/passwd", "/pending", "/fifo", "/fifo-link"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path) gave \(response.status)")
                #expect(!response.text.contains("outside the tree") && !response.text.contains("root:"))
            }
            let inside = try await client.execute(uri: "/inside", method: .get)
            #expect(inside.status == .ok)
        }
    }

    @Test func contentTypesFollowTheLayout() async throws {
        try fixture.scratch.write("registry/index/alice/teddy", "{}\n")
        try fixture.scratch.write("registry/blobs/sha256/\(String(repeating: "0", count: 64))", "blob")
        try fixture.scratch.write("registry/sigs/sha256/\(String(repeating: "0", count: 64)).minisig", "sig")
        try fixture.scratch.write("registry/keys/alice.json", "{}")
        try await fixture.server().makeApplication().test(.router) { client in
            let expected = [
                "/index/alice/teddy": ("application/x-ndjson", "no-cache"),
                "/blobs/sha256/\(String(repeating: "0", count: 64))": ("application/octet-stream", "public, max-age=31536000, immutable"),
                "/sigs/sha256/\(String(repeating: "0", count: 64)).minisig": ("text/plain; charset=utf-8", "public, max-age=31536000, immutable"),
                "/keys/alice.json": ("application/json", "no-cache"),
                "/log/entries": ("application/x-ndjson", "no-cache"),
            ]
            for (path, (type, cache)) in expected {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType] == type, "\(path)")
                #expect(response.headers[.cacheControl] == cache, "\(path)")
            }
        }
    }
}
