import Foundation
import PerfTensor

/// The sinusoidal timestep features a UNet embeds (Vaswani et al. 2017, §3.5; diffusers'
/// `get_timestep_embedding`), in float32 as diffusers computes them: for i < width/2,
/// frequency fᵢ = exp(−ln(10000) · i / (width/2 − shift)), features [sin(t·fᵢ) …, cos(t·fᵢ) …],
/// or cosines first when `flipSinToCos`; an odd width gets a zero column.
enum TimestepFeatures {
    /// [timesteps.count, width].
    static func make(_ timesteps: [Float], width: Int, flipSinToCos: Bool, shift: Double) -> Tensor {
        let half = width / 2
        let frequencies: [Float] = (0..<half).map { i in
            let exponent = Float(-log(10000.0)) * Float(i) / Float(Double(half) - shift)
            return Float(exp(Double(exponent)))
        }
        var scalars: [Float] = []
        scalars.reserveCapacity(timesteps.count * width)
        for t in timesteps {
            let angles = frequencies.map { Double(t * $0) }
            let sines = angles.map { Float(sin($0)) }, cosines = angles.map { Float(cos($0)) }
            scalars += flipSinToCos ? cosines + sines : sines + cosines
            if width % 2 == 1 { scalars.append(0) }
        }
        return Tensor(shape: [timesteps.count, width], scalars: scalars)
    }
}
