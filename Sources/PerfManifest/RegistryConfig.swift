import Foundation

/// A registry's `config.json` (DESIGN §3): its name, where archives download from, where
/// writes go, which keys it trusts at the root, and whether reads need a token.
/// Schema: `Schemas/registry-config.schema.json`.
public struct RegistryConfig: PerfDocument, Equatable {
    /// The registry's name, for messages and configuration.
    public var name: String
    /// Where an archive downloads from: a URL template relative to the registry's root
    /// (or absolute) with one `{sha256}` placeholder, e.g. `blobs/sha256/{sha256}`.
    public var downloadTemplate: String
    /// The write API's URL (publish, yank); nil for a read-only or file registry.
    public var api: String?
    /// Minisign public keys trusted for every scope of this registry; may be empty.
    public var rootKeys: [String]
    /// Whether reads need a bearer token.
    public var authRequired: Bool

    /// A configuration from its fields; `encoded()` checks them.
    public init(name: String, downloadTemplate: String = "blobs/sha256/{sha256}", api: String? = nil,
                rootKeys: [String] = [], authRequired: Bool = false) {
        self.name = name
        self.downloadTemplate = downloadTemplate
        self.api = api
        self.rootKeys = rootKeys
        self.authRequired = authRequired
    }

    /// The download location of the archive with `digest`: the template with its hex filled in.
    public func downloadPath(for digest: Digest) -> String {
        downloadTemplate.replacingOccurrences(of: "{sha256}", with: digest.hex)
    }
}

extension RegistryConfig {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, name, downloadTemplate = "dl", api, rootKeys = "root_keys", authRequired = "auth_required"
    }

    public static var defaultSource: String { "config.json" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.documentContainer(keyedBy: CodingKeys.self)
        name = try container.text(.name, .registryName)
        downloadTemplate = try container.text(.downloadTemplate, .downloadTemplate)
        api = try container.nullable(.api) { try container.text($0, .apiURL) }
        rootKeys = try container.texts(.rootKeys, each: .rootKey, expected: "a list of minisign public keys")
        authRequired = try container.flag(.authRequired)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(SchemaVersion.current, forKey: .schema)
        try container.encode(name, forKey: .name)
        try container.encode(downloadTemplate, forKey: .downloadTemplate)
        try container.encodeNullable(api, forKey: .api)
        try container.encode(rootKeys, forKey: .rootKeys)
        try container.encode(authRequired, forKey: .authRequired)
    }
}
