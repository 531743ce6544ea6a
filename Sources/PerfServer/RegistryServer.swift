import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import PerfRegistry

/// The HTTP registry server (`perf registry serve DIR`, DESIGN §3): serves the registry
/// folder as static files (`ReadEndpoint`) and takes publishes, yanks and unyanks through an
/// authenticated API (`WriteEndpoint`) that writes with `FileRegistry`, so the folder stays
/// a valid file registry that any static web server can serve as well.
public struct RegistryServer: Sendable {
    /// Where and how the server listens.
    public struct Configuration: Sendable {
        /// The address to bind; loopback unless the registry should be reachable from elsewhere.
        public var host: String
        /// The port to bind; 0 picks a free one (the listening port is reported to `run`'s callback).
        public var port: Int
        /// The URL clients reach this server at (behind a proxy, say); `config.json`'s `api`
        /// is set to it plus `/api/v1`. Nil: `http://host:port`, written only while `api` is unset.
        public var publicURL: String?
        /// The largest publish request body accepted, in bytes (413 past it).
        public var maxUploadBytes: Int

        /// A configuration: by default loopback port 8080 and a 64 MiB upload cap.
        public init(host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil,
                    maxUploadBytes: Int = 64 << 20) {
            self.host = host
            self.port = port
            self.publicURL = publicURL
            self.maxUploadBytes = maxUploadBytes
        }
    }

    /// The registry the server reads and writes.
    public let registry: FileRegistry
    /// Where and how it listens.
    public let configuration: Configuration
    let tokens: AccessTokens?
    let tree: StaticTree
    let logger: Logger

    /// A server for the file registry in `root`. Without `tokens` it serves reads only.
    /// Throws when `root` is not a registry, or when its `config.json` requires tokens for
    /// reads and none are given.
    public init(root: URL, tokens: AccessTokens?, configuration: Configuration = Configuration(),
                logger: Logger = Logger(label: "perf.server")) throws {
        registry = try FileRegistry(root: root)
        if registry.config.authRequired && tokens == nil {
            throw ServerError.startup("\(root.path)/config.json sets auth_required, so reads need tokens: pass --tokens FILE")
        }
        self.tokens = tokens
        self.configuration = configuration
        self.logger = logger
        tree = try StaticTree(root: root)
    }

    /// The router: the write API under `/api/v1/packages/`, the read path everywhere else.
    public func makeRouter() -> Router<RegistryRequestContext> {
        let router = Router(context: RegistryRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: ProblemMiddleware(root: registry.root))
        let write = WriteEndpoint(registry: registry, tokens: tokens, maxUploadBytes: configuration.maxUploadBytes,
                                  threadPool: tree.threadPool)
        let read = ReadEndpoint(tree: tree, readTokens: registry.config.authRequired ? tokens : nil)
        let package = "/api/v1/packages/:scope/:name/:version"
        router.put(RouterPath(package)) { request, context in try await write.publish(request, context: context) }
        router.post(RouterPath(package + "/yank")) { request, context in
            try await write.setYanked(request, context: context, yanked: true)
        }
        router.post(RouterPath(package + "/unyank")) { request, context in
            try await write.setYanked(request, context: context, yanked: false)
        }
        router.get("**") { request, _ in try await read.respond(to: request, includeBody: true) }
        router.head("**") { request, _ in try await read.respond(to: request, includeBody: false) }
        return router
    }

    /// The Hummingbird application; `onListening` gets the bound port once the server accepts connections.
    public func makeApplication(onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        -> Application<RouterResponder<RegistryRequestContext>> {
        Application(router: makeRouter(),
                    configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                            serverName: "perf"),
                    onServerRunning: { [self] channel in
                        let port = channel.localAddress?.port ?? configuration.port
                        do {
                            try advertise(port: port)
                        } catch {
                            logger.warning("could not set the api URL in config.json: \(error)")
                        }
                        await onListening(port)
                    },
                    logger: logger)
    }

    /// Serves until SIGINT or SIGTERM; `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        do {
            try await makeApplication(onListening: onListening).runService()
        } catch let error as IOError {
            throw ServerError.startup("cannot listen on \(configuration.host):\(configuration.port): \(error.description)")
        }
    }
}
