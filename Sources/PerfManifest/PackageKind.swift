/// What a package holds: a trained concept, a base model, or a composition of concepts.
public enum PackageKind: String, Codable, Sendable, CaseIterable {
    /// A concept bundle (`concept.safetensors` plus its manifest).
    case concept
    /// A base model in diffusers layout, with its text covariance.
    case base
    /// A generation project: concepts and a base by version requirement.
    case composition

    /// What a valid kind looks like, for error messages.
    static let expectation = "one of \"concept\", \"base\", \"composition\""

    public init(from decoder: any Decoder) throws {
        let text = try decoder.decodeText(expected: Self.expectation)
        guard let kind = PackageKind(rawValue: text) else {
            throw FieldProblem.invalid(expected: Self.expectation).decodingError(at: decoder.codingPath)
        }
        self = kind
    }
}
