extension SemanticVersion {
    /// Parses a semver 2.0 version (at most `maximumLength` bytes, no `v` prefix, no spaces);
    /// throws `ManifestError` naming the text when it is malformed.
    public init(parsing text: String) throws {
        guard let version = Self.parse(text) else {
            throw ManifestError.value("version", text, expected: Self.expectation)
        }
        self = version
    }

    /// Parses a semver 2.0 version, or returns nil when it is malformed.
    public init?(_ description: String) {
        guard let version = Self.parse(description) else { return nil }
        self = version
    }

    private static func parse(_ text: String) -> SemanticVersion? {
        guard text.utf8.count <= maximumLength else { return nil }
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard build.allSatisfy(isBuildIdentifier) else { return nil }
            rest = rest[..<plus]
        }
        var preRelease: [PreReleaseIdentifier] = []
        if let dash = rest.firstIndex(of: "-") {
            let parts = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
            let identifiers = parts.compactMap { PreReleaseIdentifier(String($0)) }
            guard identifiers.count == parts.count else { return nil }
            preRelease = identifiers
            rest = rest[..<dash]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { NumericIdentifier(String($0)) }
        guard parts.count == 3, numbers.count == 3 else { return nil }
        return SemanticVersion(major: numbers[0], minor: numbers[1], patch: numbers[2],
                               preRelease: preRelease, buildMetadata: build)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.decodeText(expected: Self.expectation)
        guard let version = Self.parse(text) else {
            throw FieldProblem.invalid(expected: Self.expectation).decodingError(at: decoder.codingPath)
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
