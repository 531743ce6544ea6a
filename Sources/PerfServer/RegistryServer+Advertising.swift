import Foundation
import PerfManifest

extension RegistryServer {
    /// The write API's URL for a server listening on `port`: the public URL, or
    /// `http://host:port`, plus `/api/v1`.
    func apiURL(port: Int) -> String {
        if let publicURL = configuration.publicURL {
            return (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + "/api/v1"
        }
        var host = configuration.host
        if host == "0.0.0.0" || host == "::" { host = ProcessInfo.processInfo.hostName }
        if host.contains(":") { host = "[\(host)]" }
        return "http://\(host):\(port)/api/v1"
    }

    /// Points `config.json`'s `api` at this server, so that clients reading the registry
    /// (from this server or from a mirror of the folder) know where writes go. Written when
    /// a public URL is configured, or when `api` is unset; atomically (temporary file, fsync,
    /// rename), and only when it changes.
    func advertise(port: Int) throws {
        let url = apiURL(port: port)
        let file = registry.root.appendingPathComponent("config.json")
        var config = try RegistryConfig.decode(Data(contentsOf: file), source: file.path)
        guard config.api != url, configuration.publicURL != nil || config.api == nil else { return }
        config.api = url
        let temporary = registry.root.appendingPathComponent(".config.json.\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try config.encoded().write(to: temporary)
            let handle = try FileHandle(forUpdating: temporary)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, file.path) == 0 else {
                throw ServerError.io(file.path, "replace", String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        logger.info("config.json now points the write API at \(url)")
    }
}
