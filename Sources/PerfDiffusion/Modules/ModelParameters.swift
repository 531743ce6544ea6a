import PerfDiagnostics
import PerfTensor

/// One component's parameters as engine tensors, by the names diffusers and transformers give
/// them (`down_blocks.0.resnets.0.conv1.weight`). Every tensor the component's layout needs is
/// present with its shape: construction checks it, so the forward passes can look names up
/// without failing.
///
/// A value: replace a tensor (say, with one a `Tape` watches) by building a new store from
/// `tensors`.
public struct ModelParameters: Sendable {
    /// The tensors by name.
    public let tensors: [String: Tensor]

    /// A store over `tensors`, checked against `expected`: each expected name must be present
    /// with its shape (extra tensors are kept but unused). `source` names the component in errors.
    public init(_ tensors: [String: Tensor], expected: [TensorSpec], source: String) throws {
        for spec in expected {
            guard let tensor = tensors[spec.name] else {
                throw DiffusionError(source, .missingTensor(name: spec.name))
            }
            guard tensor.shape == spec.shape else {
                throw DiffusionError(source, .tensorShape(name: spec.name, expected: spec.shape, actual: tensor.shape))
            }
        }
        self.tensors = tensors
    }

    /// The tensor `name`; the layouts only ask for names their specs list, which `init` checked.
    subscript(_ name: String) -> Tensor {
        guard let tensor = tensors[name] else {
            preconditionFailure("ModelParameters: no tensor \(name) (a layout asked for a name its tensor list lacks)")
        }
        return tensor
    }

    /// The tensor `name` if present (optional biases).
    func optional(_ name: String) -> Tensor? { tensors[name] }
}
