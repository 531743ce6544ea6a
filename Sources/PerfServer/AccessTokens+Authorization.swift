import Hummingbird

extension AccessTokens {
    /// The scopes the request's `Authorization: Bearer <token>` grants; throws
    /// `missingToken` or `invalidToken` (401).
    func authenticate(_ request: Request) throws(ServerError) -> Set<String> {
        guard let token = Self.bearerToken(in: request.headers[.authorization]) else { throw .missingToken }
        guard let scopes = scopes(for: token) else { throw .invalidToken }
        return scopes
    }

    /// Throws `insufficientScope` (403) unless `scopes` grant `scope`.
    static func require(_ scope: String, in scopes: Set<String>) throws(ServerError) {
        guard scopes.contains(scope) || scopes.contains(anyScope) else { throw .insufficientScope(scope) }
    }

    /// The token of a `Bearer` credential (RFC 6750 §2.1; the scheme is case-insensitive), or nil.
    static func bearerToken(in header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.trimmingSpaces.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingSpaces
        return token.isEmpty ? nil : token
    }
}
