import Foundation

/// The bearer tokens this user writes to HTTP registries with (`PERF_HOME/credentials.json`,
/// mode 0600, like cargo's `credentials.toml`): one token per registry URL. `PERF_TOKEN`, when
/// set, wins over the file, for CI jobs that hold the token in a secret.
///
///     {"schema": 1, "tokens": {"http://127.0.0.1:8080": "…"}}
public struct RegistryCredentials: Sendable {
    /// The credentials file.
    public let file: URL

    /// The credentials kept in `home`.
    public init(home: ClientHome) {
        file = home.root.appendingPathComponent("credentials.json")
    }

    /// The token for `registry`: `PERF_TOKEN`, else the file's entry; a clear error when neither has one.
    public func token(for registry: RegistryLocation, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let token = environment["PERF_TOKEN"], !token.isEmpty { return token }
        guard let token = try tokens()[registry.lockValue] else {
            throw ClientError.noToken(registry.description, credentials: file.path)
        }
        return token
    }

    /// Stores `token` for `registry`, replacing the file atomically with owner-only permissions.
    public func store(_ token: String, for registry: RegistryLocation) throws {
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw ClientError.malformedFile("the token given for \(registry.description)", "a token is one word without spaces")
        }
        var all = try tokens()
        all[registry.lockValue] = trimmed
        let document = Document(schema: 1, tokens: all)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let previous = umask(0o077)
        defer { umask(previous) }
        try LocalFile.write(try encoder.encode(document) + Data("\n".utf8), to: file)
        chmod(file.path, 0o600)
    }

    /// Every stored token by registry URL (empty when there is no file).
    func tokens() throws -> [String: String] {
        guard let data = try LocalFile.read(file) else { return [:] }
        do {
            let document = try JSONDecoder().decode(Document.self, from: data)
            guard document.schema == 1 else {
                throw ClientError.malformedFile(file.path, "schema \(document.schema) is not 1 (written by a newer perf?)")
            }
            return document.tokens
        } catch let error as ClientError {
            throw error
        } catch {
            throw ClientError.malformedFile(file.path, "not {\"schema\": 1, \"tokens\": {URL: token}}")
        }
    }

    private struct Document: Codable {
        let schema: Int
        let tokens: [String: String]
    }
}
