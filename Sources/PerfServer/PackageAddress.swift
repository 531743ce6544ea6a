import Hummingbird
import PerfManifest

/// The package version a write request's URL names: `/api/v1/packages/<scope>/<name>/<version>`.
struct PackageAddress: Sendable, CustomStringConvertible {
    let name: PackageName
    let version: SemanticVersion

    /// Reads and checks the route's `scope`, `name` and `version` parameters.
    init(_ parameters: Parameters, path: String) throws(ServerError) {
        let scope = parameters.get("scope") ?? "", name = parameters.get("name") ?? "", version = parameters.get("version") ?? ""
        guard let packageName = try? PackageName(scope: scope, name: name) else {
            throw .malformedPath(path, "\(scope.prefix(64))/\(name.prefix(64)) is not \(PackageName.expectation)")
        }
        guard let semanticVersion = try? SemanticVersion(parsing: version) else {
            throw .malformedPath(path, "\(version.prefix(64)) is not a semantic version such as 1.0.0")
        }
        self.name = packageName
        self.version = semanticVersion
    }

    var description: String { "\(name)@\(version)" }
}
