import Foundation
import PerfBundle

/// Where a registry is (DESIGN §4: registries are named by URL): a folder, given as a path or
/// `file://` URL, or the root of an `http(s)://` tree. `lockValue` is the canonical spelling
/// `perf.lock` records; `id` names the registry's folders in PERF_HOME.
public struct RegistryLocation: Hashable, Sendable, CustomStringConvertible {
    /// How the registry's tree is read.
    public enum Kind: String, Sendable {
        /// A folder on this machine.
        case folder
        /// A tree served over HTTP or HTTPS.
        case http
    }

    /// How the tree is read.
    public let kind: Kind
    /// The tree's root, ending in `/` so that relative paths resolve below it.
    public let root: URL

    /// Parses a registry spec: a path (relative to `directory`), a `file://` URL or an
    /// `http(s)://` URL without credentials, query or fragment.
    public init(parsing spec: String, relativeTo directory: URL? = nil) throws {
        if spec.hasPrefix("http://") || spec.hasPrefix("https://") {
            guard let components = URLComponents(string: spec), let host = components.host, !host.isEmpty else {
                throw ClientError.invalidRegistry(spec, "it is not a valid URL")
            }
            guard components.user == nil, components.password == nil else {
                throw ClientError.invalidRegistry(spec, "credentials do not belong in a registry URL (perf.lock records it)")
            }
            guard components.query == nil, components.fragment == nil else {
                throw ClientError.invalidRegistry(spec, "a registry URL has no query or fragment")
            }
            var trimmed = components
            while trimmed.path.hasSuffix("/") { trimmed.path.removeLast() }
            trimmed.path += "/"
            guard let url = trimmed.url else { throw ClientError.invalidRegistry(spec, "it is not a valid URL") }
            self.init(kind: .http, root: url)
        } else if spec.hasPrefix("file://") {
            guard let url = URL(string: spec), url.isFileURL, url.path.hasPrefix("/") else {
                throw ClientError.invalidRegistry(spec, "a file URL is file:///absolute/path")
            }
            self.init(folder: url)
        } else if spec.contains("://") || spec.isEmpty {
            throw ClientError.invalidRegistry(spec, "only folders, file:// and http(s):// URLs are registries")
        } else {
            self.init(folder: URL(fileURLWithPath: spec, relativeTo: directory.map { URL(fileURLWithPath: $0.path, isDirectory: true) }))
        }
    }

    /// The registry in `folder`.
    public init(folder: URL) {
        self.init(kind: .folder, root: URL(fileURLWithPath: folder.standardizedFileURL.path, isDirectory: true))
    }

    private init(kind: Kind, root: URL) {
        self.kind = kind
        self.root = root
    }

    /// The canonical URL `perf.lock` records: `file:///path` or `http(s)://host/path`, without a final `/`.
    public var lockValue: String {
        var text = root.absoluteString
        while text.hasSuffix("/"), !text.hasSuffix("://") { text.removeLast() }
        return text
    }

    /// A folder name for this registry under PERF_HOME: the host (or `file`) and a digest of `lockValue`.
    public var id: String {
        let label: String
        switch kind {
        case .folder: label = "file"
        case .http:
            let host = (root.host ?? "host") + (root.port.map { "_\($0)" } ?? "")
            label = String(host.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
        }
        return label + "-" + String(ContentDigest.sha256Hex(Data(lockValue.utf8)).prefix(16))
    }

    /// The URL of `path` (`index/alice/teddy`, or an absolute URL from a `dl` template) below the root.
    public func resolve(_ path: String) -> URL {
        URL(string: path, relativeTo: root)?.absoluteURL ?? root.appendingPathComponent(path)
    }

    /// The folder's path, or the URL, for messages.
    public var description: String {
        kind == .folder ? "registry \(root.path)" : "registry \(lockValue)"
    }
}
