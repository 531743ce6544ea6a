import Foundation
import PerfSigning
import PerfTestSupport
import Testing

@Suite struct KeyringTests {
    let home: TemporaryDirectory
    let keyring: Keyring

    init() throws {
        home = try TemporaryDirectory("perf-keyring")
        keyring = Keyring(directory: home.path("keys"))
    }

    func mode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    @Test func generateWritesAPrivateSecretKeyAndItsPublicKey() throws {
        let key = try keyring.generate(name: "default")
        #expect(try mode(keyring.directory) == 0o700)
        #expect(try mode(keyring.secretKeyURL("default")) == 0o600)
        #expect(try mode(keyring.publicKeyURL("default")) == 0o644)
        #expect(try keyring.secretKey(named: "default").publicKey == key.publicKey)
        #expect(try keyring.publicKey(named: "default") == key.publicKey)
        #expect(try String(contentsOf: keyring.publicKeyURL("default"), encoding: .utf8) == key.publicKey.minisignFile)
        // Only the two key files are left: no temporary files.
        #expect(try home.listFiles() == ["keys/default.key", "keys/default.pub"])
    }

    @Test func generateNeverOverwritesAKey() throws {
        let first = try keyring.generate(name: "release")
        let before = try Data(contentsOf: keyring.secretKeyURL("release"))
        let error = #expect(throws: SigningError.self) { _ = try keyring.generate(name: "release") }
        #expect(error?.exitStatus == .conflict)
        #expect(error?.description.contains("already exists") == true)
        #expect(try Data(contentsOf: keyring.secretKeyURL("release")) == before)
        #expect(try keyring.publicKey(named: "release") == first.publicKey)

        // A stray public key alone also blocks the name, and no secret key is left behind.
        try home.write("keys/stray.pub", first.publicKey.minisignFile)
        #expect(throws: SigningError.self) { _ = try keyring.generate(name: "stray") }
        #expect(!FileManager.default.fileExists(atPath: keyring.secretKeyURL("stray").path))
    }

    @Test(arguments: ["", "Default", "../escape", "a/b", ".hidden", "with space", "é", String(repeating: "a", count: 65)])
    func namesOutsideTheAllowedSetAreRefused(name: String) {
        let error = #expect(throws: SigningError.self) { _ = try keyring.generate(name: name) }
        #expect(error?.exitStatus == .usage)
        #expect(throws: SigningError.self) { _ = try keyring.secretKey(named: name) }
        #expect(throws: SigningError.self) { _ = try keyring.publicKey(named: name) }
        #expect(!FileManager.default.fileExists(atPath: keyring.directory.path))
    }

    @Test func listShowsEveryKeySortedWithItsID() throws {
        #expect(try keyring.list().isEmpty)
        let b = try keyring.generate(name: "b-key")
        let a = try keyring.generate(name: "a.key_1")
        try home.write("keys/notes.txt", "not a key")
        let listed = try keyring.list()
        #expect(listed.map(\.name) == ["a.key_1", "b-key"])
        #expect(listed.map(\.keyID) == [a.keyID, b.keyID])
    }

    @Test func aMinisignSecretKeyCopiedInIsUsable() throws {
        let minisign = MinisignTool(directory: home)
        try minisign.generateKeyPair("m")
        try FileManager.default.createDirectory(at: keyring.directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: home.path("m.key"), to: keyring.secretKeyURL("copied"))
        let publicKey = try PublicKey(minisign: minisign.read("m.pub"), source: "m.pub")
        #expect(try keyring.publicKey(named: "copied") == publicKey)
        #expect(try keyring.list().map(\.keyID) == [publicKey.keyID])
    }

    @Test func aMissingKeyNamesTheKeysThatExist() throws {
        _ = try keyring.generate(name: "default")
        let error = #expect(throws: SigningError.self) { _ = try keyring.secretKey(named: "release") }
        #expect(error?.exitStatus == .notFound)
        #expect(error?.description.contains("known keys: default") == true)
        #expect(error?.description.contains("perf keys generate release") == true)
        #expect(throws: SigningError.self) { _ = try keyring.publicKey(named: "release") }
    }

    @Test func aCorruptKeyFileNamesTheFile() throws {
        try home.write("keys/bad.pub", "untrusted comment: x\nnot base64\n")
        let error = #expect(throws: SigningError.self) { _ = try keyring.publicKey(named: "bad") }
        #expect(error?.description.contains(keyring.publicKeyURL("bad").path) == true)
        #expect(throws: SigningError.self) { _ = try keyring.list() }
    }
}
