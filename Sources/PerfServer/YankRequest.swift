import Foundation
import PerfSigning

/// The body of `POST /api/v1/packages/<scope>/<name>/<version>/yank` (or `/unyank`):
/// `{"statement": "<.minisig text>"}`, the scope's current key's signature of the
/// `perf-yank:1` statement for this name, version and direction.
struct YankRequest: Sendable {
    let statement: Minisig

    /// Decodes the body for `address`.
    init(json: Data, address: PackageAddress, yanked: Bool) throws(ServerError) {
        let subject = "the \(yanked ? "yank" : "unyank") of \(address)"
        let document = try RequestDocument(json, subject: subject, required: ["statement"])
        do {
            statement = try Minisig(text: document.text("statement"), source: "the statement for \(subject)")
        } catch {
            throw .unprocessable(subject, "\(error)")
        }
    }
}
