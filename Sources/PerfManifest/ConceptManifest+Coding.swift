import Foundation

extension ConceptManifest {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, kind, name, version, description, license, authors, token, superclass, base, gate, dependencies, training
    }

    public static var defaultSource: String { "perf.json" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.documentContainer(keyedBy: CodingKeys.self)
        try container.kind(.kind, is: .concept)
        name = try container.decode(PackageName.self, forKey: .name)
        version = try container.decode(SemanticVersion.self, forKey: .version)
        description = try container.text(.description, .description)
        license = try container.text(.license, .license)
        authors = try container.texts(.authors, each: .author, expected: "a list of author names")
        token = try container.text(.token, .token)
        superclass = try container.text(.superclass, .superclass)
        base = try container.object(.base, BaseRequirement.self)
        gate = try container.object(.gate, Gate.self)
        dependencies = try container.requirements(.dependencies)
        training = try container.optional(.training) { try container.object($0, Training.self) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(SchemaVersion.current, forKey: .schema)
        try container.encode(PackageKind.concept, forKey: .kind)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encode(description, forKey: .description)
        try container.encode(license, forKey: .license)
        try container.encode(authors, forKey: .authors)
        try container.encode(token, forKey: .token)
        try container.encode(superclass, forKey: .superclass)
        try container.encode(base, forKey: .base)
        try container.encode(gate, forKey: .gate)
        try container.encode(requirements: dependencies, forKey: .dependencies)
        try container.encodeIfPresent(training, forKey: .training)
    }
}

extension ConceptManifest.BaseRequirement {
    enum CodingKeys: String, CodingKey, CaseIterable { case name, requirement, digest }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decode(PackageName.self, forKey: .name)
        requirement = try container.text(.requirement, .requirement)
        digest = try container.decode(Digest.self, forKey: .digest)
    }
}

extension ConceptManifest.Gate {
    enum CodingKeys: String, CodingKey, CaseIterable { case beta, tau, locking }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        beta = try container.number(.beta, expected: "a number strictly between 0 and 1") { $0 > 0 && $0 < 1 }
        tau = try container.number(.tau, expected: "a number greater than 0") { $0 > 0 }
        locking = try container.choice(.locking, Locking.self)
    }
}

extension ConceptManifest.Training {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case steps, learningRates = "learning_rates", seed, images, masks, captions, mirrored, durationSeconds = "duration_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        steps = try container.integer(.steps, in: 1...KeyedDecodingContainer<CodingKeys>.maximumInteger)
        learningRates = try container.object(.learningRates, LearningRates.self)
        seed = try container.integer(.seed, in: 0...KeyedDecodingContainer<CodingKeys>.maximumInteger)
        images = try container.list(.images, minimumCount: 1, expected: "a list of {file, sha256} objects")
        masks = try container.optional(.masks) { try container.decode(Masks.self, forKey: $0) } ?? .used(false)
        captions = try container.optional(.captions) {
            try container.list($0, minimumCount: 1, expected: "a list of {file, sha256} objects")
        }
        mirrored = try container.optional(.mirrored) { try container.flag($0) } ?? true
        durationSeconds = try container.optional(.durationSeconds) {
            try container.number($0, expected: "a number of seconds, 0 or more") { $0 >= 0 }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(steps, forKey: .steps)
        try container.encode(learningRates, forKey: .learningRates)
        try container.encode(seed, forKey: .seed)
        try container.encode(images, forKey: .images)
        try container.encode(masks, forKey: .masks)
        try container.encodeIfPresent(captions, forKey: .captions)
        if !mirrored { try container.encode(mirrored, forKey: .mirrored) }
        try container.encodeIfPresent(durationSeconds, forKey: .durationSeconds)
    }
}

extension ConceptManifest.Training.LearningRates {
    enum CodingKeys: String, CodingKey, CaseIterable { case embedding, values }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        embedding = try container.number(.embedding, expected: "a learning rate greater than 0") { $0 > 0 }
        values = try container.number(.values, expected: "a learning rate greater than 0") { $0 > 0 }
    }
}

extension ConceptManifest.Training.TrainedFile {
    enum CodingKeys: String, CodingKey, CaseIterable { case file, sha256 }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        file = try container.text(.file, .relativePath)
        sha256 = try container.hexDigest(.sha256)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(sha256.hex, forKey: .sha256)
    }
}

extension ConceptManifest.Training.Masks {
    public init(from decoder: any Decoder) throws {
        let expected = "true, false or a list of {file, sha256} objects"
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .used(flag)
        } else if let files = try Self.files(in: container, expected: expected, codingPath: decoder.codingPath) {
            self = .files(files)
        } else {
            throw FieldProblem.invalid(expected: expected).decodingError(at: decoder.codingPath)
        }
    }

    /// The list of files, nil when the value is not a list at all.
    private static func files(in container: any SingleValueDecodingContainer, expected: String,
                              codingPath: [any CodingKey]) throws -> [ConceptManifest.Training.TrainedFile]? {
        do {
            return try container.decode([ConceptManifest.Training.TrainedFile].self)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.count == codingPath.count {
            return nil
        } catch DecodingError.valueNotFound(_, let context) where context.codingPath.count == codingPath.count {
            return nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .used(let flag): try container.encode(flag)
        case .files(let files): try container.encode(files)
        }
    }
}
