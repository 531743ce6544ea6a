import ArgumentParser
import Foundation
import PerfServer

/// `perf registry serve DIR [--port P] [--tokens FILE]`: serves a file registry over HTTP:
/// the folder as static files, and the write API (docs/registry-api.md) for token holders.
struct RegistryServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a file registry over HTTP: static reads, and publish/yank for token holders.",
        discussion: """
            Reads: every file of DIR (config.json, index/, blobs/, sigs/, keys/, log/) with ETag and \
            Range support. Writes (PUT /api/v1/packages/S/N/V, POST .../yank, .../unyank) need a \
            bearer token from --tokens for the package's scope and a signature by the scope's key. \
            Without --tokens the server is read-only. Stops on SIGINT or SIGTERM.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The registry's folder (made by `perf registry init`).")
    var directory: String

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port: Int = 8080

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("A JSON file of hashed bearer tokens and their scopes (see docs/registry-api.md).",
                               valueName: "file"))
    var tokens: String?

    @Option(name: .customLong("public-url"),
            help: ArgumentHelp("The URL clients reach this server at; config.json's api becomes URL/api/v1.", valueName: "url"))
    var publicURL: String?

    @Option(name: .customLong("max-upload"), help: ArgumentHelp("The largest publish request in bytes.", valueName: "bytes"))
    var maxUpload: Int = RegistryServer.Configuration().maxUploadBytes

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxUpload > 0 else { throw ValidationError("--max-upload must be positive") }
    }

    func run() async throws {
        global.bootstrapLogging()
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        let grants = try tokens.map { try AccessTokens(contentsOf: URL(fileURLWithPath: $0)) }
        let server = try RegistryServer(root: root, tokens: grants,
                                        configuration: .init(host: host, port: port, publicURL: publicURL,
                                                             maxUploadBytes: maxUpload))
        let mode = grants == nil ? "read-only" : "reads and writes"
        try await server.run { [host] port in
            Output.line("Serving \(root.path) on http://\(host):\(port) (\(mode))")
        }
    }
}
