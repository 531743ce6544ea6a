import Foundation

extension BaseManifest {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, kind, name, version, description, license, authors, model
        case weightsDigest = "weights_digest", stats, text, sampling
    }

    public static var defaultSource: String { "perf.json" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.documentContainer(keyedBy: CodingKeys.self)
        try container.kind(.kind, is: .base)
        name = try container.decode(PackageName.self, forKey: .name)
        version = try container.decode(SemanticVersion.self, forKey: .version)
        description = try container.text(.description, .description)
        license = try container.text(.license, .license)
        authors = try container.texts(.authors, each: .author, expected: "a list of author names")
        model = try container.object(.model, Model.self)
        weightsDigest = try container.decode(Digest.self, forKey: .weightsDigest)
        stats = try container.object(.stats, Stats.self)
        text = try container.optional(.text) { try container.object($0, TextEncoder.self) }
        sampling = try container.optional(.sampling) { try container.object($0, Sampling.self) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(SchemaVersion.current, forKey: .schema)
        try container.encode(PackageKind.base, forKey: .kind)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encode(description, forKey: .description)
        try container.encode(license, forKey: .license)
        try container.encode(authors, forKey: .authors)
        try container.encode(model, forKey: .model)
        try container.encode(weightsDigest, forKey: .weightsDigest)
        try container.encode(stats, forKey: .stats)
        try container.encodeIfPresent(text, forKey: .text)
        try container.encodeIfPresent(sampling, forKey: .sampling)
    }
}

extension BaseManifest.Model {
    enum CodingKeys: String, CodingKey, CaseIterable { case format, files, reference }

    /// `reference`: a local folder holding the model.
    private struct Reference: Codable {
        enum CodingKeys: String, CodingKey, CaseIterable { case path }
        let path: String

        init(path: String) { self.path = path }

        init(from decoder: any Decoder) throws {
            path = try decoder.strictContainer(keyedBy: CodingKeys.self).text(.path, .absolutePath)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        format = try container.choice(.format, Format.self)
        switch (container.contains(.files), container.contains(.reference)) {
        case (true, false):
            let files = try container.list(.files, minimumCount: 1, expected: "a list of {path, sha256, size} objects",
                                           as: BaseManifest.File.self)
            try Self.refuseDuplicatePaths(files, at: decoder.codingPath + [CodingKeys.files])
            source = .files(files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) })
        case (false, true):
            source = .reference(path: try container.object(.reference, Reference.self).path)
        default:
            throw FieldProblem.invalid(expected: "exactly one of `files` (the model's files) and `reference` (a local folder)")
                .decodingError(at: decoder.codingPath)
        }
    }

    /// Two entries for one path would make the weights digest ambiguous.
    private static func refuseDuplicatePaths(_ files: [BaseManifest.File], at codingPath: [any CodingKey]) throws {
        var seen: Set<String> = []
        for (index, file) in files.enumerated() where !seen.insert(file.path).inserted {
            throw FieldProblem.invalid(expected: "a path not listed before (each model file appears once)")
                .decodingError(at: codingPath + [AnyCodingKey(index: index), AnyCodingKey("path")])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        switch source {
        case .files(let files):
            try container.encode(files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }, forKey: .files)
        case .reference(let path):
            try container.encode(Reference(path: path), forKey: .reference)
        }
    }
}

extension BaseManifest.File {
    enum CodingKeys: String, CodingKey, CaseIterable { case path, sha256, size }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        path = try container.text(.path, .relativePath)
        sha256 = try container.hexDigest(.sha256)
        size = try container.integer(.size, in: 0...KeyedDecodingContainer<CodingKeys>.maximumInteger)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(sha256.hex, forKey: .sha256)
        try container.encode(size, forKey: .size)
    }
}

extension BaseManifest.Stats {
    enum CodingKeys: String, CodingKey, CaseIterable { case path, digest }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        path = try container.text(.path, .relativePath)
        digest = try container.decode(Digest.self, forKey: .digest)
    }
}

extension BaseManifest.TextEncoder {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case width, maxLength = "max_length", vocabularySize = "vocabulary_size"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let limit = KeyedDecodingContainer<CodingKeys>.maximumInteger
        width = try container.integer(.width, in: 1...limit)
        maxLength = try container.integer(.maxLength, in: 1...limit)
        vocabularySize = try container.integer(.vocabularySize, in: 1...limit)
    }
}

extension BaseManifest.Sampling {
    enum CodingKeys: String, CodingKey, CaseIterable { case guidance }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        guidance = Float(try container.number(.guidance, expected: "a guidance scale from 0 to 100") { $0 >= 0 && $0 <= 100 })
    }
}
