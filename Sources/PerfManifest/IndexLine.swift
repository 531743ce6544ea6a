import Foundation

/// One line of a registry index file `index/<scope>/<name>`: everything a client needs to
/// resolve one version without downloading it (DESIGN §3). Lines are appended, never
/// rewritten except to flip `yanked`. Every key is always present; `base`, `stats_digest`
/// and `superclass` are `null` where the kind has none. Schema: `Schemas/index-line.schema.json`.
public struct IndexLine: Codable, Sendable, Equatable {
    /// The package's name.
    public var name: PackageName
    /// The version this line describes.
    public var version: SemanticVersion
    /// What the package holds.
    public var kind: PackageKind
    /// The package's dependencies by version requirement.
    public var dependencies: [PackageName: String]
    /// For a concept, the base it was trained on; nil otherwise.
    public var base: BaseReference?
    /// For a base, the digest of its covariance statistics; nil otherwise.
    public var statsDigest: Digest?
    /// For a concept, its superclass word; nil otherwise.
    public var superclass: String?
    /// The archive's SHA-256 (coded as bare hex); the blob is `blobs/sha256/<hex>`.
    public var sha256: Digest
    /// The archive's size in bytes.
    public var size: Int
    /// The id of the key that signed the archive (16 uppercase hex digits).
    public var keyID: String
    /// Whether the version is withdrawn from resolution (it stays downloadable for lockfiles).
    public var yanked: Bool
    /// When the version was published, in whole seconds (coded as RFC 3339 UTC, `…Z`).
    public var published: Date

    /// An index line from its fields; `encodedLine()` checks them.
    public init(name: PackageName, version: SemanticVersion, kind: PackageKind, dependencies: [PackageName: String] = [:],
                base: BaseReference? = nil, statsDigest: Digest? = nil, superclass: String? = nil,
                sha256: Digest, size: Int, keyID: String, yanked: Bool = false, published: Date) {
        self.name = name
        self.version = version
        self.kind = kind
        self.dependencies = dependencies
        self.base = base
        self.statsDigest = statsDigest
        self.superclass = superclass
        self.sha256 = sha256
        self.size = size
        self.keyID = keyID
        self.yanked = yanked
        self.published = published
    }

    /// The base a concept needs: its name and exact weights digest.
    public struct BaseReference: Codable, Sendable, Equatable {
        /// The base package's name.
        public var name: PackageName
        /// The base's `weights_digest`.
        public var digest: Digest

        /// A base reference from its fields.
        public init(name: PackageName, digest: Digest) {
            self.name = name
            self.digest = digest
        }
    }
}

extension IndexLine {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, name, version, kind, dependencies, base, statsDigest = "stats_digest", superclass
        case sha256, size, keyID = "key_id", yanked, published
    }

    /// Decodes one index line (without its newline); throws `ManifestError` naming `source`
    /// (e.g. `index/alice/teddy line 3`) and the field's path.
    public static func decode(line: String, source: String) throws -> IndexLine {
        try DocumentCoder.decode(IndexLine.self, from: Data(line.utf8), source: source)
    }

    /// The line perf appends to an index file: compact JSON with sorted keys, no newline.
    /// Call `validate()` first for a line built from untrusted parts.
    public func encodedLine() -> String {
        // An index line holds strings, integers and flags only, which JSON always holds.
        guard let data = try? DocumentCoder.bytes(of: self, layout: .line) else {
            preconditionFailure("an index line failed to encode")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Throws `ManifestError` when perf would refuse to read this line back (a malformed key
    /// id or superclass, a concept without its base, …).
    public func validate() throws {
        _ = try DocumentCoder.encode(self, layout: .line, source: "index line for \(name)@\(version)")
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.documentContainer(keyedBy: CodingKeys.self)
        name = try container.decode(PackageName.self, forKey: .name)
        version = try container.decode(SemanticVersion.self, forKey: .version)
        kind = try container.choice(.kind, PackageKind.self)
        dependencies = try container.requirements(.dependencies)
        base = try container.nullable(.base) { try container.object($0, BaseReference.self) }
        statsDigest = try container.nullable(.statsDigest) { try container.decode(Digest.self, forKey: $0) }
        superclass = try container.nullable(.superclass) { try container.text($0, .superclass) }
        sha256 = try container.hexDigest(.sha256)
        size = try container.integer(.size, in: 0...KeyedDecodingContainer<CodingKeys>.maximumInteger)
        keyID = try container.text(.keyID, .keyID)
        yanked = try container.flag(.yanked)
        published = try container.timestamp(.published)
        try checkKindFields(at: decoder.codingPath)
    }

    /// A concept names its base and superclass and has no stats; a base has stats and no
    /// base or superclass; a composition has none of the three.
    private func checkKindFields(at codingPath: [any CodingKey]) throws {
        let rules: [(CodingKeys, present: Bool, wanted: Bool, what: String)] = [
            (.base, base != nil, kind == .concept, "the base's {name, digest}"),
            (.superclass, superclass != nil, kind == .concept, "the superclass word"),
            (.statsDigest, statsDigest != nil, kind == .base, "the digest of the base's statistics"),
        ]
        for rule in rules where rule.present != rule.wanted {
            let expected = rule.wanted ? "\(rule.what) (a \(kind.rawValue) has one)" : "null (a \(kind.rawValue) has none)"
            throw FieldProblem.invalid(expected: expected).decodingError(at: codingPath + [rule.0])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(SchemaVersion.current, forKey: .schema)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encode(kind, forKey: .kind)
        try container.encode(requirements: dependencies, forKey: .dependencies)
        try container.encodeNullable(base, forKey: .base)
        try container.encodeNullable(statsDigest, forKey: .statsDigest)
        try container.encodeNullable(superclass, forKey: .superclass)
        try container.encode(sha256.hex, forKey: .sha256)
        try container.encode(size, forKey: .size)
        try container.encode(keyID, forKey: .keyID)
        try container.encode(yanked, forKey: .yanked)
        try container.encode(Timestamp.format(published), forKey: .published)
    }
}

extension IndexLine.BaseReference {
    enum CodingKeys: String, CodingKey, CaseIterable { case name, digest }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decode(PackageName.self, forKey: .name)
        digest = try container.decode(Digest.self, forKey: .digest)
    }
}
