import Foundation
import Hummingbird

/// Turns every refusal into an `application/problem+json` response (RFC 7807): a
/// `ServerError` with its own status, Hummingbird's `HTTPError`s (an unknown route) by
/// status, anything else as a logged 500 that reveals nothing of the server's insides.
/// A refused write ends its connection once the answer is sent.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext

    /// The registry's folder, shown as relative paths in details.
    let root: URL

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let serverError: ServerError
            switch error {
            case let error as ServerError:
                serverError = error
            case let error as HTTPError where error.status == .notFound:
                serverError = .notFound(request.uri.path)
            default:
                context.logger.error("request failed: \(error)", metadata: ["path": .string(request.uri.path)])
                serverError = .io(request.uri.path, "answer", "an unexpected error; the server's log has it")
            }
            if serverError.kind.status.code >= 500 {
                context.logger.error("\(request.method) \(request.uri.path): \(serverError)")
            }
            let parameters = context.parameters
            let package = parameters.get("scope").flatMap { scope in parameters.get("name").map { "\(scope)/\($0)" } }
            var response = serverError.response(instance: request.uri.path, package: package, version: parameters.get("version"),
                                                root: root, includeBody: request.method != .head)
            if request.method == .put || request.method == .post {
                // The body may be unread (refused before reading) or huge: end the connection
                // rather than drain it.
                response.headers[.connection] = "close"
                context.closeConnectionAfterResponse()
            }
            return response
        }
    }
}
