import Foundation

/// What a user's generation project depends on, `perf.json` with `kind: "composition"`
/// (DESIGN §3): concepts by version requirement and optionally a base. `perf.lock` records
/// what they resolved to. Schema: `Schemas/composition.schema.json`.
public struct CompositionManifest: PerfDocument, Equatable {
    /// The project's name, when it has one.
    public var name: PackageName?
    /// The concepts the project uses, by version requirement; may be empty.
    public var concepts: [PackageName: String]
    /// The base the project asks for; absent to take the concepts' base.
    public var base: BaseRequirement?

    /// A composition from its fields; `encoded()` checks them.
    public init(name: PackageName? = nil, concepts: [PackageName: String] = [:], base: BaseRequirement? = nil) {
        self.name = name
        self.concepts = concepts
        self.base = base
    }

    /// A base package by version requirement.
    public struct BaseRequirement: Codable, Sendable, Equatable {
        /// The base package's name.
        public var name: PackageName
        /// The acceptable versions (`RequirementSyntax`).
        public var requirement: String

        /// A base requirement from its fields.
        public init(name: PackageName, requirement: String) {
            self.name = name
            self.requirement = requirement
        }
    }
}

extension CompositionManifest {
    enum CodingKeys: String, CodingKey, CaseIterable { case schema, kind, name, concepts, base }

    public static var defaultSource: String { "perf.json" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.documentContainer(keyedBy: CodingKeys.self)
        try container.kind(.kind, is: .composition)
        name = try container.optional(.name) { try container.decode(PackageName.self, forKey: $0) }
        concepts = try container.requirements(.concepts)
        base = try container.optional(.base) { try container.object($0, BaseRequirement.self) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(SchemaVersion.current, forKey: .schema)
        try container.encode(PackageKind.composition, forKey: .kind)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encode(requirements: concepts, forKey: .concepts)
        try container.encodeIfPresent(base, forKey: .base)
    }
}

extension CompositionManifest.BaseRequirement {
    enum CodingKeys: String, CodingKey, CaseIterable { case name, requirement }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decode(PackageName.self, forKey: .name)
        requirement = try container.text(.requirement, .requirement)
    }
}
