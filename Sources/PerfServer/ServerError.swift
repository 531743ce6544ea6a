import PerfDiagnostics
import PerfRegistry

/// Why the registry server refused to start or refused a request: what happened, to which
/// file, path or package, and what to do. A refused request becomes a problem document
/// (`ProblemDocument`, RFC 7807) with the HTTP status `ServerError+HTTP` picks.
public struct ServerError: PerfError {
    enum Reason: Sendable {
        // Starting the server.
        case tokensFile(path: String, problem: String)
        case startup(problem: String)
        // Requests.
        case missingToken
        case invalidToken
        case insufficientScope(scope: String)
        case writesDisabled
        case malformedPath(path: String, problem: String)
        case notFound(path: String)
        case rangeNotSatisfiable(path: String, size: Int)
        case unsupportedMediaType(found: String?)
        case tooLarge(limit: Int, declared: Int?)
        case malformedRequest(subject: String, problem: String)
        case unprocessable(subject: String, problem: String)
        case registry(RegistryError)
        case io(path: String, operation: String, problem: String)
    }

    let reason: Reason

    init(_ reason: Reason) { self.reason = reason }

    /// The `--tokens` file cannot be read or is malformed.
    static func tokensFile(_ path: String, _ problem: String) -> ServerError { ServerError(.tokensFile(path: path, problem: problem)) }
    /// The server could not start (bad address, port in use, registry missing).
    static func startup(_ problem: String) -> ServerError { ServerError(.startup(problem: problem)) }
    /// A write request carried no bearer token.
    static var missingToken: ServerError { ServerError(.missingToken) }
    /// A write request's bearer token is not one the server knows.
    static var invalidToken: ServerError { ServerError(.invalidToken) }
    /// The token is valid but not for `scope`.
    static func insufficientScope(_ scope: String) -> ServerError { ServerError(.insufficientScope(scope: scope)) }
    /// The server was started without `--tokens`, so it takes no writes.
    static var writesDisabled: ServerError { ServerError(.writesDisabled) }
    /// A request path that could leave the tree or cannot name a file.
    static func malformedPath(_ path: String, _ problem: String) -> ServerError {
        ServerError(.malformedPath(path: path, problem: problem))
    }
    /// Nothing is served at `path` (missing, hidden, a folder, or a link leaving the tree).
    static func notFound(_ path: String) -> ServerError { ServerError(.notFound(path: path)) }
    /// A `Range` that starts past the end of the file.
    static func rangeNotSatisfiable(_ path: String, size: Int) -> ServerError {
        ServerError(.rangeNotSatisfiable(path: path, size: size))
    }
    /// A write request whose body is not `application/json`.
    static func unsupportedMediaType(_ found: String?) -> ServerError { ServerError(.unsupportedMediaType(found: found)) }
    /// A body over the upload cap.
    static func tooLarge(limit: Int, declared: Int?) -> ServerError { ServerError(.tooLarge(limit: limit, declared: declared)) }
    /// A body that is not the JSON document the endpoint takes.
    static func malformedRequest(_ subject: String, _ problem: String) -> ServerError {
        ServerError(.malformedRequest(subject: subject, problem: problem))
    }
    /// A well-formed request whose contents cannot be used (an unreadable signature or key, a URL that names another package).
    static func unprocessable(_ subject: String, _ problem: String) -> ServerError {
        ServerError(.unprocessable(subject: subject, problem: problem))
    }
    /// The registry refused the operation; its message names the package and version.
    static func registry(_ error: RegistryError) -> ServerError { ServerError(.registry(error)) }
    /// A system call on a server-side file failed.
    static func io(_ path: String, _ operation: String, _ problem: String) -> ServerError {
        ServerError(.io(path: path, operation: operation, problem: problem))
    }

    public var exitStatus: ExitStatus {
        switch reason {
        case .tokensFile: .configuration
        case .startup: .unavailable
        case .missingToken, .invalidToken, .insufficientScope, .writesDisabled: .verificationFailed
        case .malformedPath, .unsupportedMediaType, .tooLarge, .malformedRequest, .unprocessable: .dataError
        case .notFound, .rangeNotSatisfiable: .notFound
        case let .registry(error): error.exitStatus
        case .io: .ioError
        }
    }

    public var description: String {
        switch reason {
        case let .tokensFile(path, problem):
            "the tokens file \(path) is refused: \(problem); it holds {\"schema\": 1, \"tokens\": {\"sha256:<hex>\": [\"scope\", ...]}} "
                + "(see docs/registry-api.md)"
        case let .startup(problem):
            "the registry server could not start: \(problem)"
        case .missingToken:
            "this request needs a bearer token: send `Authorization: Bearer <token>` with a token the server's --tokens file lists"
        case .invalidToken:
            "the bearer token is not one this server knows; check the token, or ask the registry's operator for one"
        case let .insufficientScope(scope):
            "the bearer token does not grant scope '\(scope)'; use a token for '\(scope)', or ask the operator to add the scope to yours"
        case .writesDisabled:
            "this server takes no writes: it was started without --tokens; restart it with `perf registry serve DIR --tokens FILE`"
        case let .malformedPath(path, problem):
            "the path \(path) is refused: \(problem); request a file of the registry by its plain relative path, e.g. /index/<scope>/<name>"
        case let .notFound(path):
            "nothing is served at \(path); the registry serves its files (config.json, index/, blobs/, sigs/, keys/, log/), never folders or hidden files"
        case let .rangeNotSatisfiable(path, size):
            "the requested range of \(path) starts past its end (it has \(size) bytes); ask for a range inside the file"
        case let .unsupportedMediaType(found):
            "the request body is \(found.map { "'\($0)'" } ?? "untyped"); send it as `Content-Type: application/json`"
        case let .tooLarge(limit, declared):
            "the request body is larger than this server's limit of \(limit) bytes"
                + (declared.map { " (Content-Length says \($0))" } ?? "")
                + "; publish a smaller bundle, or ask the operator to raise --max-upload"
        case let .malformedRequest(subject, problem):
            "the request for \(subject) is malformed: \(problem); see docs/registry-api.md for the body each endpoint takes"
        case let .unprocessable(subject, problem):
            "the request for \(subject) is refused: \(problem)"
        case let .registry(error):
            error.description
        case let .io(path, operation, problem):
            "the server could not \(operation) \(path): \(problem); check the server's disk and permissions"
        }
    }
}
