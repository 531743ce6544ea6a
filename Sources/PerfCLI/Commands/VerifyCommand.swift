import ArgumentParser
import Foundation
import PerfSigning

/// `perf verify FILE [--key PUBKEY]`: checks a bundle's contents and its minisign signature.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a bundle and its signature (FILE.minisig).",
        discussion: "PUBKEY is a minisign public key file, the key's base64 line, or the name of a key in PERF_HOME/keys. Without it, the keyring's key with the signature's key id."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The bundle to verify.")
    var file: String

    @Option(name: .long, help: "The public key to verify with.")
    var key: String?

    @Option(name: .long, help: "The signature file (default: FILE.minisig).")
    var signature: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        global.bootstrapLogging()
        let bundle = try BundleFile(path: file)
        let facts = try bundle.signedFacts()
        let minisig = try bundle.signature(at: signature)
        let publicKey = try resolveKey(for: minisig)
        try PackageSignature.verify(minisig, archive: bundle.archive, name: facts.name, version: facts.version,
                                    base: facts.base, with: publicKey)
        let report = VerifyReport(name: facts.name, version: facts.version, keyID: publicKey.keyID.description,
                                  trustedComment: minisig.trustedComment)
        if json { try Output.json(report) } else {
            Output.line("Verified \(facts.name)@\(facts.version): signed by key \(publicKey.keyID)")
        }
    }

    /// The public key named by `--key`, or the keyring's key with the signature's key id.
    private func resolveKey(for minisig: Minisig) throws -> PublicKey {
        let keyring = Keyring(directory: PerfHome.current.keys)
        guard let key else {
            for entry in try keyring.list() where entry.keyID == minisig.keyID {
                return try keyring.publicKey(named: entry.name)
            }
            throw CLIError.fileNotFound("key \(minisig.keyID)", what: "public key in PERF_HOME/keys",
                                        fix: "pass the signer's public key with --key FILE")
        }
        if let data = FileManager.default.contents(atPath: key) {
            return try PublicKey(minisign: String(decoding: data, as: UTF8.self), source: key)
        }
        if key.count == 56, !key.contains("/") {
            return try PublicKey(minisign: key, source: "--key")
        }
        return try keyring.publicKey(named: key)
    }
}

/// What `perf verify --json` prints.
struct VerifyReport: Codable {
    let name: String
    let version: String
    let keyID: String
    let trustedComment: String

    enum CodingKeys: String, CodingKey {
        case name, version
        case keyID = "key_id"
        case trustedComment = "trusted_comment"
    }
}
