import Foundation
import PerfTestSupport
import Testing

/// Runs the stock `minisign` in a test's temporary directory.
struct MinisignTool {
    /// Where key, message and signature files live.
    let directory: TemporaryDirectory

    /// Runs `minisign arguments` in the directory, with no terminal and empty input.
    @discardableResult
    func run(_ arguments: [String], input: String = "") throws -> ProcessResult {
        try ProcessRunner.run(tool: "minisign", arguments, currentDirectory: directory.url, input: Data(input.utf8))
    }

    /// Generates an unencrypted key pair `name.pub` / `name.key` with `minisign -G -W`.
    func generateKeyPair(_ name: String) throws {
        let result = try run(["-G", "-W", "-p", "\(name).pub", "-s", "\(name).key"])
        try #require(result.status == 0, "minisign -G failed: \(result.stderr)")
    }

    /// The text of a file in the directory.
    func read(_ relative: String) throws -> String {
        try String(contentsOf: directory.path(relative), encoding: .utf8)
    }
}
