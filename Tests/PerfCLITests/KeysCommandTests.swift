import Foundation
import PerfTestSupport
import Testing

/// `perf keys generate | list | export`, run as the built `perf` binary with a private PERF_HOME.
@Suite struct KeysCommandTests {
    let home: TemporaryDirectory
    var keys: URL { home.path("keys") }

    init() throws {
        home = try TemporaryDirectory("perf-keys-cli")
    }

    func perf(_ arguments: String...) throws -> ProcessResult {
        try ProcessRunner.perf(arguments, home: home.url)
    }

    func mode(_ path: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path.path)[.posixPermissions] as? Int)
    }

    /// The 16-hex-digit key id in `perf keys generate`'s output.
    func keyID(in output: String) throws -> String {
        let match = try #require(output.firstMatch(of: /key id ([0-9A-F]{16})/))
        return String(match.1)
    }

    @Test func generateWritesAPrivateKeyPairAndRefusesToOverwriteIt() throws {
        let generated = try perf("keys", "generate")
        #expect(generated.status == 0, "\(generated.stderr)")
        let id = try keyID(in: generated.stdout)
        #expect(generated.stdout.contains(keys.appendingPathComponent("default.pub").path))
        #expect(try mode(keys) == 0o700)
        #expect(try mode(keys.appendingPathComponent("default.key")) == 0o600)
        let secret = try Data(contentsOf: keys.appendingPathComponent("default.key"))

        let again = try perf("keys", "generate", "default")
        #expect(again.status == 73)
        #expect(again.stderr.contains("already exists"))
        #expect(try Data(contentsOf: keys.appendingPathComponent("default.key")) == secret)
        #expect(try perf("keys", "list").stdout.contains(id))
    }

    @Test func listShowsNamesAndKeyIDsAsTextAndJSON() throws {
        let empty = try perf("keys", "list")
        #expect(empty.status == 0 && empty.stdout.isEmpty && empty.stderr.contains("perf keys generate"))
        let emptyJSON = try perf("keys", "list", "--json")
        #expect((try JSONSerialization.jsonObject(with: Data(emptyJSON.stdout.utf8)) as? [Any])?.isEmpty == true)

        let release = try keyID(in: perf("keys", "generate", "release").stdout)
        let main = try keyID(in: perf("keys", "generate").stdout)
        let listed = try perf("keys", "list")
        #expect(listed.status == 0)
        #expect(listed.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            == [["default", main], ["release", release]])

        let json = try perf("keys", "list", "--json")
        #expect(json.status == 0, "\(json.stderr)")
        let entries = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]])
        #expect(entries.map { $0["name"] } == ["default", "release"])
        #expect(entries.map { $0["keyID"] } == [main, release])
        #expect(entries.allSatisfy { $0["publicKey"]?.hasPrefix("RW") == true })
    }

    @Test func exportedPublicKeyVerifiesWithMinisign() throws {
        #expect(try perf("keys", "generate").status == 0)
        #expect(try perf("keys", "generate", "other").status == 0)
        let exported = try perf("keys", "export", "default")
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.hasPrefix("untrusted comment: minisign public key "))
        #expect(try exported.stdout == String(contentsOf: keys.appendingPathComponent("default.pub"), encoding: .utf8))
        try home.write("exported.pub", exported.stdout)
        try home.write("other.pub", perf("keys", "export", "other").stdout)

        // minisign signs with perf's secret key file and checks the signature with the export.
        try home.write("bundle.perf", "bytes to sign")
        let minisign = { (arguments: [String]) in try ProcessRunner.run(tool: "minisign", arguments, currentDirectory: home.url) }
        let signed = try minisign(["-S", "-s", keys.appendingPathComponent("default.key").path, "-m", "bundle.perf", "-t", "e2e"])
        try #require(signed.status == 0, "\(signed.stderr)")
        let verified = try minisign(["-V", "-p", "exported.pub", "-m", "bundle.perf"])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("Trusted comment: e2e"))
        #expect(try minisign(["-V", "-p", "other.pub", "-m", "bundle.perf"]).status != 0)
    }

    @Test func missingAndInvalidNamesFailWithStableStatuses() throws {
        let missing = try perf("keys", "export", "nobody")
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no key named 'nobody'"))
        #expect(missing.stdout.isEmpty)
        let invalid = try perf("keys", "generate", "../escape")
        #expect(invalid.status == 64)
        #expect(invalid.stderr.contains("not a valid key name"))
        #expect(!FileManager.default.fileExists(atPath: home.path("escape.key").path))
    }
}
