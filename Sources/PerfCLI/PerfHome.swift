import Foundation

/// The folder holding a user's keys, configuration, cache and installed packages:
/// `$PERF_HOME`, or `~/.perf` when it is not set (DESIGN §4).
struct PerfHome: Sendable {
    /// The folder itself.
    let url: URL

    /// The home the current process uses.
    static var current: PerfHome {
        if let path = ProcessInfo.processInfo.environment["PERF_HOME"], !path.isEmpty {
            return PerfHome(url: URL(fileURLWithPath: path, isDirectory: true))
        }
        let home = FileManager.default.homeDirectoryForCurrentUser
        return PerfHome(url: home.appendingPathComponent(".perf", isDirectory: true))
    }

    /// `keys/`: minisign secret keys (`NAME.key`, mode 0600) and public keys (`NAME.pub`).
    var keys: URL { url.appendingPathComponent("keys", isDirectory: true) }
    /// `config.json`: the default registry and other settings.
    var config: URL { url.appendingPathComponent("config.json") }
    /// `cache/`: content-addressed archives and index copies.
    var cache: URL { url.appendingPathComponent("cache", isDirectory: true) }
}
