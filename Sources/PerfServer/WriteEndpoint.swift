import Foundation
import Hummingbird
import NIOPosix
import PerfManifest
import PerfRegistry

/// The write API (docs/registry-api.md): publish, yank and unyank, each allowed only with a
/// bearer token for the package's scope *and* a signature by the scope's key, which the
/// registry checks (`FileRegistry.publish`, `setYanked`). The checks run cheapest first,
/// and all before the body is read: token (401), address (400), scope (403), media type
/// (415), declared size (413). Registry calls block on a file lock, so they run on the
/// thread pool; every publish and yank is appended to the registry's transparency log.
struct WriteEndpoint: Sendable {
    let registry: FileRegistry
    /// Nil when the server was started without `--tokens`: every write is refused.
    let tokens: AccessTokens?
    /// The largest publish body accepted, in bytes.
    let maxUploadBytes: Int
    let threadPool: NIOThreadPool

    /// Yank and unyank bodies hold one signature: a few hundred bytes.
    static let maxStatementBytes = 64 * 1024

    /// `PUT /api/v1/packages/<scope>/<name>/<version>`: 201 with the new index line.
    func publish(_ request: Request, context: some RequestContext) async throws -> Response {
        let address = try authorize(request, context: context)
        let body = try await UploadSpool.collect(request, limit: maxUploadBytes, threadPool: threadPool)
        let publish = try PublishRequest(json: body, address: address)
        let line = try await registryCall { [registry] in
            try registry.publish(archive: publish.archive, signature: publish.signature, publicKey: publish.publicKey,
                                 rotation: publish.rotation)
        }
        var response = Self.response(line, status: .created)
        response.headers[.location] = "/index/\(address.name.scope)/\(address.name.name)"
        return response
    }

    /// `POST …/yank` (`yanked`) or `…/unyank`: 200 with the changed index line.
    func setYanked(_ request: Request, context: some RequestContext, yanked: Bool) async throws -> Response {
        let address = try authorize(request, context: context)
        let body = try await UploadSpool.collect(request, limit: Self.maxStatementBytes, threadPool: threadPool)
        let yank = try YankRequest(json: body, address: address, yanked: yanked)
        let line = try await registryCall { [registry] in
            try registry.setYanked(address.name, address.version, yanked: yanked, statement: yank.statement)
        }
        return Self.response(line, status: .ok)
    }

    /// The checks made before reading a body; returns the package version the URL names.
    private func authorize(_ request: Request, context: some RequestContext) throws(ServerError) -> PackageAddress {
        guard let tokens else { throw .writesDisabled }
        let scopes = try tokens.authenticate(request)
        let address = try PackageAddress(context.parameters, path: request.uri.path)
        try AccessTokens.require(address.name.scope, in: scopes)
        let mediaType = request.headers[.contentType]
        guard mediaType?.split(separator: ";").first?.trimmingSpaces.lowercased() == "application/json" else {
            throw .unsupportedMediaType(mediaType)
        }
        return address
    }

    /// Runs a blocking registry call on the thread pool, turning its refusals into `ServerError`.
    private func registryCall(_ call: @escaping @Sendable () throws -> IndexLine) async throws -> IndexLine {
        do {
            return try await threadPool.runIfActive(call)
        } catch let error as RegistryError {
            throw ServerError.registry(error)
        }
    }

    /// An index line as the JSON body of a response.
    private static func response(_ line: IndexLine, status: HTTPResponse.Status) -> Response {
        let body = ByteBuffer(string: line.encodedLine() + "\n")
        return Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: body))
    }
}
