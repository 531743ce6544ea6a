extension TreePath {
    /// The `Content-Type` of the file, from where it lives in the registry layout (DESIGN §3).
    var contentType: String {
        switch components.first {
        case "index": return "application/x-ndjson"
        case "blobs": return "application/octet-stream"
        case "sigs": return "text/plain; charset=utf-8"
        default: break
        }
        if relative == "log/entries" { return "application/x-ndjson" }
        if relative == "log/checkpoint" { return "application/json" }
        switch components.last?.split(separator: ".").last {
        case "json": return "application/json"
        case "minisig", "pub", "txt": return "text/plain; charset=utf-8"
        case "md": return "text/markdown; charset=utf-8"
        case "png": return "image/png"
        default: return "application/octet-stream"
        }
    }

    /// The `Cache-Control` of the file: content-addressed blobs and signatures never change,
    /// so caches keep them for a year; everything else (config, index, keys, log) changes
    /// and is revalidated with its ETag on every use.
    var cacheControl: String {
        switch components.first {
        case "blobs", "sigs": "public, max-age=31536000, immutable"
        default: "no-cache"
        }
    }

    /// Whether reading the file needs a token when the registry's `auth_required` is set:
    /// everything but `config.json`, which says that it does.
    var needsReadToken: Bool { relative != "config.json" }
}
