import Foundation
import PerfHTTP
import PerfManifest
import PerfRegistry
import PerfSigning

/// The write half of an HTTP registry (docs/registry-api.md): publish, yank and unyank through
/// the registry server's API, which `config.json`'s `api` names. Every request carries the
/// scope's bearer token, and the server checks the scope's key signature as well; a refusal
/// becomes a `ClientError` carrying the server's problem document (what, which package, the fix).
public struct HTTPRegistryWriter: Sendable {
    /// The registry's read tree (its `config.json` names the API).
    public let location: RegistryLocation
    private let client: HTTPClient
    private let token: String

    /// A writer for the registry at `location` (an http(s) tree), authenticating with `token`.
    public init(location: RegistryLocation, token: String, client: HTTPClient) {
        precondition(location.kind == .http, "an HTTPRegistryWriter writes to an http(s) registry")
        self.location = location
        self.token = token
        self.client = client
    }

    /// Publishes `archive` with its `signature` by `publicKey` (and a key `rotation`, when the
    /// scope moves to `publicKey`); returns the registry's new index line.
    public func publish(_ name: PackageName, _ version: SemanticVersion, archive: Data, signature: Minisig,
                        publicKey: PublicKey, rotation: KeyRotation? = nil) throws -> IndexLine {
        var body: [String: String] = [
            "archive": archive.base64EncodedString(),
            "signature": signature.text,
            "public_key": publicKey.base64,
        ]
        if let rotation { body["rotation"] = rotation.statement.text }
        return try send("PUT", path: "packages/\(name)/\(version)", body: body, package: "\(name)@\(version)")
    }

    /// Yanks (or, with `yanked: false`, unyanks) `name@version`; `statement` is the scope key's
    /// signed `perf-yank:1` statement (`FileRegistry.yankStatement`).
    public func setYanked(_ name: PackageName, _ version: SemanticVersion, yanked: Bool, statement: Minisig) throws -> IndexLine {
        try send("POST", path: "packages/\(name)/\(version)/\(yanked ? "yank" : "unyank")",
                 body: ["statement": statement.text], package: "\(name)@\(version)")
    }

    /// The API's base URL, from the registry's `config.json`.
    func apiURL() throws -> URL {
        let configURL = location.resolve(RegistryPath.config)
        let response = try client.get(configURL)
        let config = try RegistryConfig.decode(response.body, source: configURL.absoluteString)
        guard let api = config.api, let url = URL(string: api.hasSuffix("/") ? api : api + "/") else {
            throw ClientError.readOnlyRegistry(location.description)
        }
        return url
    }

    /// Sends one JSON request to the API and decodes the index line it answers with.
    private func send(_ method: String, path: String, body: [String: String], package: String) throws -> IndexLine {
        let url = URL(string: path, relativeTo: try apiURL())!.absoluteURL
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let response = try client.send(method, url, body: try encoder.encode(body), headers: [
            "Authorization": "Bearer \(token)",
            "Content-Type": "application/json",
            "Accept": "application/json",
        ])
        guard (200..<300).contains(response.status) else {
            throw ClientError.writeRefused(package, url: url.absoluteString, status: response.status,
                                           problem: Self.problemDetail(response))
        }
        return try IndexLine.decode(line: String(decoding: response.body, as: UTF8.self), source: url.absoluteString)
    }

    /// The `detail` (and `type`) of an RFC 7807 problem document, or the body's first line.
    static func problemDetail(_ response: HTTPResponse) -> String {
        if let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
           let detail = object["detail"] as? String {
            let type = (object["type"] as? String)?.split(separator: "/").last.map(String.init)
            return type.map { "\(detail) [\($0)]" } ?? detail
        }
        let text = String(decoding: response.body.prefix(300), as: UTF8.self)
        return text.split(separator: "\n").first.map(String.init) ?? "no explanation in the response"
    }
}
