import Foundation
import PerfManifest
import PerfSigning

extension RegistryConfig {
    /// The key that signs the registry's log checkpoints: the first of `root_keys`.
    /// `location` names the registry in errors.
    public func checkpointKey(location: String) throws -> PublicKey {
        guard let text = rootKeys.first else {
            throw RegistryError.noCheckpointKey("'\(name)' (\(location))", "its config.json lists no root key")
        }
        do {
            return try PublicKey(minisign: text, source: "root_keys[0] of \(location)/config.json")
        } catch {
            throw RegistryError.noCheckpointKey("'\(name)' (\(location))", "\(error)")
        }
    }
}

extension FileRegistry {
    /// The registry's checkpoint key (the first of `config.json`'s `root_keys`).
    public var checkpointKey: PublicKey {
        get throws { try config.checkpointKey(location: root.path) }
    }

    /// The secret checkpoint key in `.registry-key`, whose public half must be `checkpointKey`.
    func checkpointSigner() throws -> SecretKey {
        let expected = try checkpointKey
        let registry = "'\(config.name)' (\(root.path))"
        let url = layout.checkpointKey
        guard let data = try DurableFile.read(url) else {
            throw RegistryError.noCheckpointKey(registry, "\(url.path) is missing")
        }
        let key: SecretKey
        do {
            key = try SecretKey(minisignFile: String(decoding: data, as: UTF8.self), source: url.path)
        } catch {
            throw RegistryError.noCheckpointKey(registry, "\(error)")
        }
        guard key.publicKey == expected else {
            throw RegistryError.noCheckpointKey(
                registry, "\(url.path) holds key \(key.keyID) but config.json's first root key is \(expected.keyID)")
        }
        return key
    }
}
