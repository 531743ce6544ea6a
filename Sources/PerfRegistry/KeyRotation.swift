import Foundation
import PerfSigning

/// A scope's move to a new publisher key: the new key and a `perf-key-rotation:1` statement
/// naming the scope and the new key, signed by the scope's current key.
public struct KeyRotation: Sendable, Equatable {
    /// The key that signs from now on.
    public let newKey: PublicKey
    /// The statement, signed by the old key (see `StatementSignature`).
    public let statement: Minisig

    /// Pairs a new key with its signed rotation statement.
    public init(newKey: PublicKey, statement: Minisig) {
        self.newKey = newKey
        self.statement = statement
    }

    /// Makes the rotation of `scope` to `newKey`, signed with the scope's current secret key.
    public init(scope: String, newKey: PublicKey, signedWith oldKey: SecretKey) throws {
        let text = try SignedStatement.keyRotation(scope: scope, newKey: newKey)
        self.init(newKey: newKey, statement: try StatementSignature.sign(text, with: oldKey))
    }

    /// Checks that `oldKey` signed a rotation of `scope` to exactly `newKey`.
    func verify(scope: String, signedBy oldKey: PublicKey) throws {
        try StatementSignature.verify(statement, states: SignedStatement.keyRotation(scope: scope, newKey: newKey),
                                      with: oldKey, subject: "the rotation of scope \(scope)")
    }
}
