import Foundation

/// Locations inside this repository, for tests that read committed fixtures, schemas and examples.
public enum RepositoryPaths {
    /// The repository root (the folder holding Package.swift).
    public static let root: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `Schemas/`.
    public static var schemas: URL { root.appendingPathComponent("Schemas") }
    /// `Manifests/`.
    public static var manifests: URL { root.appendingPathComponent("Manifests") }
    /// `Registry/`.
    public static var registry: URL { root.appendingPathComponent("Registry") }
    /// `Tests/`.
    public static var tests: URL { root.appendingPathComponent("Tests") }
}
