import PerfTensor

extension ComponentWeights {
    /// The checked weights as float32 engine tensors (float16 and bfloat16 values convert exactly).
    public func parameters(expected: [TensorSpec]) throws -> ModelParameters {
        var converted: [String: Tensor] = [:]
        converted.reserveCapacity(tensors.count)
        for (name, tensor) in tensors {
            converted[name] = Tensor(shape: tensor.shape, scalars: try tensor.floats())
        }
        return try ModelParameters(converted, expected: expected, source: component.rawValue)
    }
}
