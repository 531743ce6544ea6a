import Foundation
import PerfRegistry
import PerfSigning

/// The body of `PUT /api/v1/packages/<scope>/<name>/<version>` (docs/registry-api.md):
///
///     {"archive": "<base64 of NAME-VERSION.perf>", "signature": "<text of its .minisig>",
///      "public_key": "<minisign public key>", "rotation": "<optional .minisig of a key-rotation statement>"}
///
/// `rotation`, when present, is the scope's current key's signature of the move to `public_key`.
struct PublishRequest: Sendable {
    let archive: Data
    let signature: Minisig
    let publicKey: PublicKey
    let rotation: KeyRotation?

    /// Decodes and checks the body for `address`: the signature must state the package and
    /// version the URL names (the registry then checks that it signs this archive).
    init(json: Data, address: PackageAddress) throws(ServerError) {
        let subject = "\(address)"
        let document = try RequestDocument(json, subject: subject, required: ["archive", "signature", "public_key"],
                                           optional: ["rotation"])
        guard let archive = Data(base64Encoded: document.text("archive")) else {
            throw .malformedRequest(subject, "\"archive\" is not base64")
        }
        let signature: Minisig, publicKey: PublicKey, rotation: KeyRotation?
        do {
            signature = try Minisig(text: document.text("signature"), source: "the signature of \(subject)")
            publicKey = try PublicKey(minisign: document.text("public_key"), source: "the public key for \(subject)")
            rotation = try document.optionalText("rotation").map { text in
                KeyRotation(newKey: publicKey, statement: try Minisig(text: text, source: "the key rotation for \(address.name.scope)"))
            }
        } catch {
            throw .unprocessable(subject, "\(error)")
        }
        let statement: (name: String?, version: String?)
        do {
            let signed = try PackageSignature.statement(of: signature)
            statement = (signed["name"], signed["version"])
        } catch {
            throw .unprocessable(subject, "the signature's trusted comment is not a package statement: \(error)")
        }
        guard statement.name == "\(address.name)", statement.version == "\(address.version)" else {
            throw .unprocessable(subject, "the signature is for \(statement.name ?? "?")@\(statement.version ?? "?"), "
                                     + "but the URL names \(address); PUT it to /api/v1/packages/\(statement.name ?? "?")/\(statement.version ?? "?")")
        }
        self.archive = archive
        self.signature = signature
        self.publicKey = publicKey
        self.rotation = rotation
    }
}
