/// The rules for a path inside a bundle, shared by packing and reading so that `perf pack`
/// never writes a name a reader would refuse.
///
/// A bundle path is relative, `/`-separated, printable ASCII (so the archive's bytes never
/// depend on a locale's character set), at most `maxBytes` long with components of at most
/// `maxComponentBytes`; no component is empty, `.` or `..`, and no backslash appears.
enum BundlePath {
    /// The longest path accepted, in bytes.
    static let maxBytes = 1024
    /// The longest path component accepted, in bytes (what common file systems hold).
    static let maxComponentBytes = 255

    /// Why `path` is not a valid bundle path, or nil when it is.
    static func problem(_ path: String) -> String? {
        let bytes = Array(path.utf8)
        if bytes.isEmpty { return "is empty" }
        if bytes.first == UInt8(ascii: "/") { return "is an absolute path" }
        if let bad = bytes.first(where: { $0 < 0x20 || $0 > 0x7E }) {
            return bad == 0 ? "contains a NUL byte" : "contains a control character or a non-ASCII byte"
        }
        if bytes.contains(UInt8(ascii: "\\")) { return "contains a backslash" }
        if bytes.count > maxBytes { return "is longer than \(maxBytes) bytes" }
        for component in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            switch Array(component) {
            case []: return "has an empty component ('//' or a trailing '/')"
            case [UInt8(ascii: ".")]: return "has a '.' component"
            case [UInt8(ascii: "."), UInt8(ascii: ".")]: return "climbs out of the bundle with '..'"
            default: if component.count > maxComponentBytes { return "has a component longer than \(maxComponentBytes) bytes" }
            }
        }
        return nil
    }

    /// The name of an archive entry as perf compares it: without the leading `./` that tar
    /// tools write (`tar -C dir .`) and, for a folder, without its trailing `/`. Nil for the
    /// archive's root folder (`.` or `./`), which carries nothing.
    static func normalized(archiveName name: String, isDirectory: Bool) -> String? {
        var rest = Substring(name)
        while rest.hasPrefix("./") { rest = rest.dropFirst(2) }
        if isDirectory {
            while rest.count > 1, rest.hasSuffix("/") { rest = rest.dropLast() }
            if rest.isEmpty || rest == "." { return nil }
        }
        return String(rest)
    }

    /// Whether `a` sorts before `b` comparing UTF-8 bytes, the order of a bundle's entries.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
