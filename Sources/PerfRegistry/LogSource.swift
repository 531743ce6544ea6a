import Foundation

/// Where a client reads a registry's transparency log from: the bytes of `log/checkpoint`
/// and `log/entries`, from a folder (`FileRegistry`) or over HTTP. `TransparencyCheck`
/// reads the checkpoint first and the entries second: the log only grows and a writer
/// replaces the checkpoint after appending, so the entries read then cover the checkpoint.
public protocol LogSource {
    /// The registry's location (a folder or URL), for messages.
    var logLocation: String { get }
    /// The bytes of `log/checkpoint`.
    func signedCheckpoint() throws -> Data
    /// The bytes of `log/entries`.
    func logEntries() throws -> Data
}
