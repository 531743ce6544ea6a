import PerfSafeTensors

/// One component's weights, checked against its configuration: every expected tensor is
/// present with the expected shape and a floating-point type.
public struct ComponentWeights: Sendable {
    /// The component.
    public let component: ModelComponent
    /// The expected tensors, by name.
    public let tensors: [String: SafeTensor]
    /// Tensors in the files that the configuration does not use (e.g. transformers' optional
    /// `text_model.embeddings.position_ids` buffer), sorted; they are not loaded.
    public let ignored: [String]

    /// The float values of tensor `name` (row-major), converted from its stored type.
    public func floats(_ name: String) throws -> [Float] {
        guard let tensor = tensors[name] else {
            throw DiffusionError(component.rawValue, .missingTensor(name: name))
        }
        return try tensor.floats()
    }
}
