import Foundation

/// `perf.lock`: the exact packages a composition resolved to, so that `perf install`
/// fetches and verifies the same bytes again, offline when the cache has them (DESIGN §3).
/// Packages are kept sorted by name, one entry per name. Schema: `Schemas/lockfile.schema.json`.
public struct Lockfile: PerfDocument, Equatable {
    /// The locked packages; written sorted by name, one entry per name.
    public var packages: [Package]

    /// A lockfile of `packages`, sorted by name; `encoded()` refuses two entries for one name.
    public init(packages: [Package]) {
        self.packages = packages.sorted { $0.name < $1.name }
    }

    /// One resolved package.
    public struct Package: Codable, Sendable, Equatable {
        /// The package's name.
        public var name: PackageName
        /// The exact version resolved.
        public var version: SemanticVersion
        /// What the package holds.
        public var kind: PackageKind
        /// The archive's SHA-256 (coded as bare hex).
        public var sha256: Digest
        /// The archive's size in bytes.
        public var size: Int
        /// The registry it came from, as a `file://`, `http://` or `https://` URL.
        public var registry: String
        /// The id of the key that signed the archive: 16 uppercase hex digits, as minisign prints it.
        public var keyID: String
        /// For a concept, the weights digest of the base it needs.
        public var baseDigest: Digest?

        /// A locked package from its fields.
        public init(name: PackageName, version: SemanticVersion, kind: PackageKind, sha256: Digest, size: Int,
                    registry: String, keyID: String, baseDigest: Digest? = nil) {
            self.name = name
            self.version = version
            self.kind = kind
            self.sha256 = sha256
            self.size = size
            self.registry = registry
            self.keyID = keyID
            self.baseDigest = baseDigest
        }
    }

    /// The package locked under `name`, if any.
    public func package(named name: PackageName) -> Package? {
        packages.first { $0.name == name }
    }
}

extension Lockfile {
    enum CodingKeys: String, CodingKey, CaseIterable { case schema, packages }

    public static var defaultSource: String { "perf.lock" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.documentContainer(keyedBy: CodingKeys.self)
        let packages = try container.list(.packages, expected: "a list of locked packages", as: Package.self)
        var seen: Set<PackageName> = []
        for (index, package) in packages.enumerated() where !seen.insert(package.name).inserted {
            throw FieldProblem.invalid(expected: "a package not locked twice")
                .decodingError(at: decoder.codingPath + [CodingKeys.packages, AnyCodingKey(index: index), AnyCodingKey("name")])
        }
        self.packages = packages.sorted { $0.name < $1.name }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(SchemaVersion.current, forKey: .schema)
        try container.encode(packages.sorted { $0.name < $1.name }, forKey: .packages)
    }
}

extension Lockfile.Package {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, version, kind, sha256, size, registry, keyID = "key_id", baseDigest = "base_digest"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decode(PackageName.self, forKey: .name)
        version = try container.decode(SemanticVersion.self, forKey: .version)
        kind = try container.choice(.kind, PackageKind.self)
        sha256 = try container.hexDigest(.sha256)
        size = try container.integer(.size, in: 0...KeyedDecodingContainer<CodingKeys>.maximumInteger)
        registry = try container.text(.registry, .registryURL)
        keyID = try container.text(.keyID, .keyID)
        baseDigest = try container.optional(.baseDigest) { try container.decode(Digest.self, forKey: $0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encode(kind, forKey: .kind)
        try container.encode(sha256.hex, forKey: .sha256)
        try container.encode(size, forKey: .size)
        try container.encode(registry, forKey: .registry)
        try container.encode(keyID, forKey: .keyID)
        try container.encodeIfPresent(baseDigest, forKey: .baseDigest)
    }
}
