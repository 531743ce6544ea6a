import Foundation
import Hummingbird
import HummingbirdTesting
import PerfBundle
import PerfManifest
import PerfRegistry
import PerfServer
import PerfSigning
import PerfTestSupport

/// A registry in a scratch folder with a publisher key, a tokens file, and a server over it.
/// Tokens: `aliceToken` writes scope `alice`, `adminToken` writes every scope.
struct ServerFixture {
    let scratch: TemporaryDirectory
    let root: URL
    let registry: FileRegistry
    let key: SecretKey
    let tokensFile: URL

    static let aliceToken = "alice-0123456789abcdef0123456789abcdef"
    static let adminToken = "admin-fedcba9876543210fedcba9876543210"
    static let baseDigest = "sha256:" + String(repeating: "cd", count: 32)

    init(name: String = "server-test") throws {
        scratch = try TemporaryDirectory("perf-server")
        root = scratch.path("registry")
        registry = try FileRegistry.create(at: root, name: name)
        key = SecretKey.generate()
        tokensFile = try scratch.write("tokens.json", """
            {"schema": 1, "tokens": {"\(AccessTokens.key(for: Self.aliceToken))": ["alice"],
                                     "\(AccessTokens.key(for: Self.adminToken))": ["*"]}}
            """)
    }

    /// The tokens of `tokensFile`.
    func tokens() throws -> AccessTokens { try AccessTokens(contentsOf: tokensFile) }

    /// A server over the registry; `writes: false` starts it without tokens.
    func server(writes: Bool = true, maxUploadBytes: Int = 1 << 20) throws -> RegistryServer {
        try RegistryServer(root: root, tokens: writes ? tokens() : nil,
                           configuration: .init(host: "127.0.0.1", port: 0, maxUploadBytes: maxUploadBytes))
    }

    /// A real concept bundle for `name@version`, packed by PerfBundle.
    func archive(_ name: String, _ version: String, padding: Int = 0) throws -> Data {
        let folder = scratch.path("bundles/\(name.replacingOccurrences(of: "/", with: "-"))-\(version)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.manifest(name: name, version: version).utf8).write(to: folder.appendingPathComponent("perf.json"))
        try Data(repeating: 7, count: 64 + padding).write(to: folder.appendingPathComponent("concept.safetensors"))
        return try BundleArchive.pack(directory: folder)
    }

    /// The JSON body of a publish of `name@version` signed by `signer` (default: the fixture's key).
    func publishBody(_ name: String, _ version: String, signer: SecretKey? = nil, padding: Int = 0,
                     archive: Data? = nil) throws -> ByteBuffer {
        let signer = signer ?? key
        let bytes = try archive ?? self.archive(name, version, padding: padding)
        let signature = try PackageSignature.sign(archive: bytes, name: name, version: version, base: Self.baseDigest,
                                                  with: signer)
        return Self.json(["archive": bytes.base64EncodedString(), "signature": signature.text,
                          "public_key": signer.publicKey.base64])
    }

    /// The JSON body of a yank (or unyank) of `name@version` signed by `signer`.
    func yankBody(_ name: String, _ version: String, yanked: Bool, signer: SecretKey? = nil) throws -> ByteBuffer {
        let statement = try FileRegistry.yankStatement(PackageName(parsing: name), SemanticVersion(parsing: version),
                                                       yanked: yanked, signedWith: signer ?? key)
        return Self.json(["statement": statement.text])
    }

    /// Headers of a JSON write with `token` (none when nil).
    static func writeHeaders(token: String?) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return headers
    }

    /// `object` as a JSON body.
    static func json(_ object: [String: String]) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// A concept manifest for `name@version`.
    static func manifest(name: String, version: String) -> String {
        """
        {"schema": 1, "kind": "concept", "name": "\(name)", "version": "\(version)",
         "description": "A server test concept.", "license": "MIT", "authors": ["Server Test"],
         "token": "<\(name)>", "superclass": "circle",
         "base": {"name": "perf/shapes", "requirement": ">=1.0, <2.0", "digest": "\(baseDigest)"},
         "gate": {"beta": 0.7, "tau": 0.15, "locking": "local"}, "dependencies": {}}
        """
    }

    /// Every regular file below the registry (hidden ones too) with its bytes.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let prefix = root.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        let walker = FileManager.default.enumerator(at: root.resolvingSymlinksInPath(), includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(prefix.count))] = try Data(contentsOf: url)
        }
        return files
    }
}

extension TestResponse {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body.readableBytesView, as: UTF8.self) }

    /// The body as a problem document, or nil.
    var problem: ProblemDocument? { try? JSONDecoder().decode(ProblemDocument.self, from: Data(body.readableBytesView)) }
}
