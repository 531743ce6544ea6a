import Foundation

/// The training timesteps a sampler visits for a number of steps, computed with numpy's
/// semantics as diffusers computes them (round half to even, `np.arange` and `np.linspace`
/// spacing), highest timestep first.
enum TrainingTimesteps {
    /// Fractional timesteps for `steps` steps over `trainTimesteps` (Euler keeps fractions).
    static func fractional(_ spacing: TimestepSpacing, steps: Int, trainTimesteps: Int, offset: Int) -> [Double] {
        let total = Double(trainTimesteps)
        switch spacing {
        case .linspace:
            return NoiseSchedule.linspace(0, total - 1, steps).reversed()
        case .leading:
            let ratio = trainTimesteps / steps
            return (0..<steps).reversed().map { Double($0 * ratio + offset) }
        case .trailing:
            return arange(from: total, to: 0, step: -total / Double(steps)).map { $0.rounded(.toNearestOrEven) - 1 }
        }
    }

    /// Integer timesteps (DDIM): the fractional ones rounded half to even.
    static func integral(_ spacing: TimestepSpacing, steps: Int, trainTimesteps: Int, offset: Int) -> [Int] {
        fractional(spacing, steps: steps, trainTimesteps: trainTimesteps, offset: offset).map { Int($0.rounded(.toNearestOrEven)) }
    }

    /// `np.arange(start, stop, step)` for floats: ⌈(stop − start)/step⌉ values start + i·step.
    static func arange(from start: Double, to stop: Double, step: Double) -> [Double] {
        let count = max(0, Int(((stop - start) / step).rounded(.up)))
        return (0..<count).map { start + Double($0) * step }
    }

    /// Checks that `steps` lies in 1 … `trainTimesteps`.
    static func check(steps: Int, trainTimesteps: Int, source: String) throws {
        guard steps >= 1, steps <= trainTimesteps else {
            throw DiffusionError(source, .invalidArgument("cannot sample in \(steps) steps: the model was trained with \(trainTimesteps) timesteps, so use 1 to \(trainTimesteps) steps"))
        }
    }
}
