import ArgumentParser
import Foundation
import PerfSigning

/// `perf sign FILE [--key NAME]`: writes `FILE.minisig`, a minisign signature whose trusted
/// comment binds the package's name, version, archive sha256 and base digest (DESIGN §3).
struct SignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a bundle with one of your keys; writes FILE.minisig (minisign format)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var keySelection: KeySelection

    @Argument(help: "The bundle to sign.")
    var file: String

    func run() async throws {
        global.bootstrapLogging()
        let bundle = try BundleFile(path: file)
        let facts = try bundle.signedFacts()
        let key = try keySelection.secretKey()
        let signature = try PackageSignature.sign(archive: bundle.archive, name: facts.name, version: facts.version,
                                              base: facts.base, with: key)
        try AtomicFile.write(Data(signature.text.utf8), to: bundle.signatureURL)
        Output.line("Signed \(facts.name)@\(facts.version) with key \(key.keyID): \(bundle.signatureURL.path)")
    }
}
