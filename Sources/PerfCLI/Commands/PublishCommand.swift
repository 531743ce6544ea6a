import ArgumentParser
import Foundation
import PerfClient
import PerfManifest
import PerfRegistry
import PerfSigning

/// `perf publish FILE [--registry URL]`: adds a signed bundle to a registry. The registry
/// checks the signature and the scope's key; a published version is never overwritten.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a signed bundle (FILE with FILE.minisig) to a registry."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var registryOptions: RegistryOptions
    @OptionGroup var keySelection: KeySelection

    @Argument(help: "The bundle to publish; its signature is FILE.minisig.")
    var file: String

    @Option(name: .long, help: "Rotate the scope's key: the name of the previous key, which signs the new one.")
    var rotateFrom: String?

    @Flag(help: "Print the published index line as JSON.")
    var json = false

    func run() async throws {
        global.bootstrapLogging()
        let bundle = try BundleFile(path: file)
        let signature = try bundle.signature()
        let keyring = Keyring(directory: PerfHome.current.keys)
        let signer = try signingKey(for: signature, keyring: keyring)
        var rotation: KeyRotation?
        if let rotateFrom {
            let old = try keyring.secretKey(named: rotateFrom)
            guard let scope = bundle.manifest.name?.scope else { throw CLIError.noKey(available: []) }
            let statement = try SignedStatement.keyRotation(scope: scope, newKey: signer)
            let minisig = try Minisign.sign(Data(statement.text.utf8), with: old, trustedComment: statement.text)
            rotation = KeyRotation(newKey: signer, statement: minisig)
        }
        let writer = try registryOptions.writer()
        let line: IndexLine
        switch writer {
        case .folder(let registry):
            line = try registry.publish(archive: bundle.archive, signature: signature, publicKey: signer, rotation: rotation)
        case .http(let api):
            guard let name = bundle.manifest.name, let version = bundle.manifest.version else {
                throw CLIError.missingFile(package: file, file: "a name and version in perf.json")
            }
            line = try api.publish(name, version, archive: bundle.archive, signature: signature, publicKey: signer, rotation: rotation)
        }
        if json { try Output.json(line) } else {
            Output.line("Published \(line.name)@\(line.version) to \(writer.description) (sha256 \(line.sha256.hex), key \(line.keyID))")
        }
    }

    /// The public key that made `signature`: `--key NAME`, or the keyring key with its key id.
    private func signingKey(for signature: Minisig, keyring: Keyring) throws -> PublicKey {
        if let name = keySelection.key { return try keyring.publicKey(named: name) }
        for entry in try keyring.list() where entry.keyID == signature.keyID {
            return try keyring.publicKey(named: entry.name)
        }
        throw CLIError.fileNotFound("key \(signature.keyID)", what: "public key in PERF_HOME/keys",
                                    fix: "publish from the PERF_HOME that signed the bundle, or name the key with --key")
    }
}
