/// The names a bundle's entries claim, so that no two entries land on the same file.
///
/// Names are compared with ASCII case folded, so that a bundle extracts the same on the
/// case-insensitive file systems of macOS and Windows: `README.md` and `readme.md` collide.
/// A name may not be both a file and a folder (`a` and `a/b`).
struct BundleNamespace {
    private var files: [String: String] = [:]   // folded → as written
    private var folders: [String: String] = [:] // folded → as written

    /// Claims `path` for a regular file; returns why it cannot have it, or nil.
    mutating func claimFile(_ path: String) -> String? {
        let folded = path.lowercased()
        if let other = files[folded] {
            return other == path ? "appears twice" : "collides with '\(other)' on case-insensitive file systems"
        }
        if let other = folders[folded] { return "is a file, but '\(other)' is a folder" }
        if let problem = claimAncestors(of: path) { return problem }
        files[folded] = path
        return nil
    }

    /// Claims `path` for a folder; returns why it cannot have it, or nil.
    mutating func claimFolder(_ path: String) -> String? {
        let folded = path.lowercased()
        if let other = files[folded] { return "is a folder, but '\(other)' is a file" }
        if let problem = claimAncestors(of: path) { return problem }
        if folders[folded] == nil { folders[folded] = path }
        return nil
    }

    private mutating func claimAncestors(of path: String) -> String? {
        var ancestor = Substring(path)
        while let slash = ancestor.lastIndex(of: "/") {
            ancestor = ancestor[..<slash]
            let folded = ancestor.lowercased()
            if let other = files[folded] { return "lies inside '\(other)', which is a file" }
            if folders[folded] == nil { folders[folded] = String(ancestor) }
        }
        return nil
    }
}
