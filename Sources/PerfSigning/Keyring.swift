import Foundation

/// A folder of named key pairs (`PERF_HOME/keys`): `NAME.key`, an unencrypted minisign
/// secret key (mode 0600, in a 0700 folder), and `NAME.pub`, its minisign public key.
public struct Keyring: Sendable {
    /// The folder holding the keys.
    public let directory: URL

    /// A keyring in `directory`; nothing is created until a key is generated.
    public init(directory: URL) {
        self.directory = directory
    }

    /// Makes a new key pair called `name` and writes both files. Refuses (conflict) when
    /// either file already exists: a key is never overwritten.
    public func generate(name: String) throws -> SecretKey {
        try Self.validate(name: name)
        try createDirectory()
        let secretURL = secretKeyURL(name), publicURL = publicKeyURL(name)
        for url in [secretURL, publicURL] where FileManager.default.fileExists(atPath: url.path) {
            throw SigningError.keyExists(name, path: url.path)
        }
        let key = SecretKey.generate()
        try KeyFile.create(secretURL, contents: Data(key.minisignFile.utf8), mode: 0o600, name: name)
        do {
            try KeyFile.create(publicURL, contents: Data(key.publicKey.minisignFile.utf8), mode: 0o644, name: name)
        } catch {
            try? FileManager.default.removeItem(at: secretURL)
            throw error
        }
        return key
    }

    /// Every key pair's name and key id, sorted by name.
    public func list() throws -> [(name: String, keyID: KeyID)] {
        try names().map { (name: $0, keyID: try publicKey(named: $0).keyID) }
    }

    /// The secret key called `name`.
    public func secretKey(named name: String) throws -> SecretKey {
        try Self.validate(name: name)
        let url = secretKeyURL(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SigningError.keyNotFound(name, directory: directory.path, available: try names())
        }
        return try SecretKey(minisignFile: KeyFile.read(url), source: url.path)
    }

    /// The public key called `name`: `NAME.pub`, or the public half of `NAME.key` when
    /// only the secret key is there (a key copied in from minisign).
    public func publicKey(named name: String) throws -> PublicKey {
        try Self.validate(name: name)
        let url = publicKeyURL(name)
        if FileManager.default.fileExists(atPath: url.path) {
            return try PublicKey(minisign: KeyFile.read(url), source: url.path)
        }
        return try secretKey(named: name).publicKey
    }

    /// `NAME.key`.
    public func secretKeyURL(_ name: String) -> URL { directory.appendingPathComponent("\(name).key") }
    /// `NAME.pub`.
    public func publicKeyURL(_ name: String) -> URL { directory.appendingPathComponent("\(name).pub") }

    /// Refuses names outside `[a-z0-9._-]{1,64}` and names starting with a dot, so a name
    /// is always one plain file name in the folder.
    public static func validate(name: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (1...64).contains(name.count), name.allSatisfy(allowed.contains), !name.hasPrefix(".") else {
            throw SigningError.invalidKeyName(name)
        }
    }

    /// The names of the key pairs present (a `.key` or a `.pub` file), sorted.
    private func names() throws -> [String] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch CocoaError.fileReadNoSuchFile {
            return []
        } catch {
            throw SigningError.io(directory.path, "list the keys in", error.localizedDescription)
        }
        let names = files.compactMap { file -> String? in
            let url = URL(fileURLWithPath: file)
            guard ["key", "pub"].contains(url.pathExtension) else { return nil }
            let name = url.deletingPathExtension().lastPathComponent
            return (try? Self.validate(name: name)) == nil ? nil : name
        }
        return Set(names).sorted()
    }

    private func createDirectory() throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw SigningError.io(directory.path, "create the key folder", error.localizedDescription)
        }
    }
}
