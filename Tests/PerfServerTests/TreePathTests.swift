@testable import PerfServer
import Testing

/// Request paths, hostile ones first: nothing climbs, hides or smuggles a separator.
@Suite struct TreePathTests {
    @Test(arguments: [
        ("/config.json", ["config.json"]), ("/index/alice/teddy", ["index", "alice", "teddy"]),
        ("/blobs/sha256/%61%62", ["blobs", "sha256", "ab"]), ("/keys/caf%C3%A9.json", ["keys", "café.json"]),
        ("/a..b", ["a..b"]), ("/x/...y", nil),
    ] as [(String, [String]?)])
    func acceptedPaths(raw: String, components: [String]?) throws {
        if let components {
            #expect(try TreePath(rawPath: raw).components == components)
        } else {
            #expect(throws: ServerError.self) { try TreePath(rawPath: raw) }
        }
    }

    @Test(arguments: [
        "/..", "/../x", "/a/../../x", "/%2e%2e/x", "/%2E%2e/x", "/.%2E/x", "/%2e/x", "/./x",
        "//etc/passwd", "/a//b", "/a%2fb", "/a%2Fb", "/a%5cb", "/a\\b", "/a%00b", "/a%0ab", "/%", "/%4", "/%g0",
        "/%ff%fe", "relative/path", "",
    ])
    func malformedPathsAreBadRequests(raw: String) {
        #expect(status(raw) == 400, "\(raw)")
    }

    @Test(arguments: ["/", "/index/", "/.lock", "/.%6cock", "/log/pending", "/log/%70ending", "/index/.tmp", "/.git/config"])
    func hiddenPathsAndFoldersAreNotFound(raw: String) {
        #expect(status(raw) == 404, "\(raw)")
    }

    @Test func lengthAndDepthAreBounded() {
        #expect(status("/" + String(repeating: "a", count: 1100)) == 400)
        #expect(status("/" + Array(repeating: "a", count: 17).joined(separator: "/")) == 400)
        #expect(status("/" + Array(repeating: "a", count: 16).joined(separator: "/")) == nil)
    }

    /// The HTTP status the path is refused with, or nil when accepted.
    private func status(_ raw: String) -> UInt? {
        do {
            _ = try TreePath(rawPath: raw)
            return nil
        } catch {
            return UInt(error.kind.status.code)
        }
    }
}
