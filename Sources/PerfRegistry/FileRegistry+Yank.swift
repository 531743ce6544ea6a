import Foundation
import PerfManifest
import PerfSigning

extension FileRegistry {
    /// Yanks (`yanked: true`) or restores (`false`) a published version (`perf yank S/N@V
    /// [--undo]`). `statement` is the scope's current key's signature of
    /// `SignedStatement.yank(name:version:yanked:)`, naming the version as the index records
    /// it (see `StatementSignature`). Only the line's `yanked` flag changes, and the log
    /// records the statement. Asking for the state the version is already in changes nothing.
    @discardableResult
    public func setYanked(_ name: PackageName, _ version: SemanticVersion, yanked: Bool,
                          statement: Minisig) throws -> IndexLine {
        try withWriteLock {
            let indexPath = RegistryLayout.indexPath(scope: name.scope, name: name.name)
            guard let index = try IndexFile.load(name, in: layout) else {
                throw RegistryError.packageNotFound("\(name)", indexFile: layout.file(indexPath).path)
            }
            guard let position = index.position(of: version) else {
                throw RegistryError.versionNotFound("\(name)", "\(version)", indexFile: index.path)
            }
            let line = try index.line(at: position)
            let package = "\(name)@\(line.version)"
            let keysPath = layout.file(RegistryLayout.keysPath(scope: name.scope))
            guard let keys = try ScopeKeys.load(scope: name.scope, from: keysPath) else {
                throw RegistryError.missingFile(package, path: keysPath.path)
            }
            do {
                let expected = try SignedStatement.yank(name: "\(name)", version: "\(line.version)", yanked: yanked)
                try StatementSignature.verify(statement, states: expected, with: keys.current,
                                              subject: "the \(yanked ? "yank" : "unyank") of \(package)")
            } catch {
                throw RegistryError.badStatement(package, "it does not verify with the scope's current key "
                                                     + "\(keys.current.keyID): \(error)")
            }
            guard line.yanked != yanked else { return line }
            var changed = line
            changed.yanked = yanked
            let log = try logForAppending()
            let draft = LogEntryDraft(op: yanked ? .yank : .unyank, name: "\(name)", version: "\(line.version)",
                                      sha256: line.sha256.hex, keyID: "\(statement.keyID)", statement: statement.text, key: nil)
            try commit(operation(draft.op, package: "\(name)", version: "\(line.version)", sha256: line.sha256.hex,
                                 writes: [.init(path: indexPath, contents: index.replacing(at: position, with: changed))],
                                 drafts: [draft], after: log))
            return changed
        }
    }

    /// The signed statement `setYanked` needs, made with the scope's current secret key.
    public static func yankStatement(_ name: PackageName, _ version: SemanticVersion, yanked: Bool,
                                     signedWith key: SecretKey) throws -> Minisig {
        try StatementSignature.sign(SignedStatement.yank(name: "\(name)", version: "\(version)", yanked: yanked), with: key)
    }
}
