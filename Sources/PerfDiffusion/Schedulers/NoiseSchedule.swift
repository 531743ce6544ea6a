import Foundation

/// The forward process's noise schedule: β_t and ᾱ_t = Π_{s≤t} (1 − β_s) for the training
/// timesteps t = 0 … T−1 (Ho et al. 2020), computed as diffusers computes them: float32
/// values, cumulative products accumulated in double (PyTorch's CPU cumprod).
public struct NoiseSchedule: Sendable, Equatable {
    /// β_t.
    public let betas: [Float]
    /// ᾱ_t.
    public let alphasCumprod: [Float]

    /// The schedule `config` describes (`beta_schedule`, `trained_betas`, `rescale_betas_zero_snr`).
    public init(_ config: SchedulerConfig) {
        let count = config.trainTimesteps
        var betas: [Float]
        if let trained = config.trainedBetas {
            betas = trained.map { Float($0) }
        } else {
            switch config.betaSchedule {
            case .linear:
                betas = Self.linspace(config.betaStart, config.betaEnd, count).map { Float($0) }
            case .scaledLinear:
                betas = Self.linspace(config.betaStart.squareRoot(), config.betaEnd.squareRoot(), count).map {
                    let root = Float($0)
                    return root * root
                }
            case .squaredCosCapV2:
                betas = Self.cosineBetas(count)
            }
        }
        if config.rescaleBetasZeroSNR { betas = Self.rescaledToZeroTerminalSNR(betas) }
        self.betas = betas
        alphasCumprod = Self.cumulativeProduct(betas.map { 1 - $0 })
    }

    /// `count` evenly spaced values from `start` to `end` inclusive (double).
    static func linspace(_ start: Double, _ end: Double, _ count: Int) -> [Double] {
        guard count > 1 else { return [start] }
        let step = (end - start) / Double(count - 1)
        return (0..<count).map { $0 == count - 1 ? end : start + Double($0) * step }
    }

    /// GLIDE's cosine schedule: β_t = min(1 − ᾱ(t+1)/ᾱ(t), 0.999) with
    /// ᾱ(t) = cos²(((t/T) + 0.008) / 1.008 · π/2) (Nichol & Dhariwal 2021, eq. 17).
    static func cosineBetas(_ count: Int) -> [Float] {
        func alphaBar(_ t: Double) -> Double {
            let c = cos((t + 0.008) / 1.008 * Double.pi / 2)
            return c * c
        }
        return (0..<count).map { i in
            let t1 = Double(i) / Double(count), t2 = Double(i + 1) / Double(count)
            return Float(min(1 - alphaBar(t2) / alphaBar(t1), 0.999))
        }
    }

    /// Π of `factors` so far, accumulated in double, stored as float.
    static func cumulativeProduct(_ factors: [Float]) -> [Float] {
        var product = 1.0
        return factors.map { factor in
            product *= Double(factor)
            return Float(product)
        }
    }

    /// Betas whose last ᾱ is exactly zero, keeping the first: shift √ᾱ so its last value is
    /// 0, scale it so its first is unchanged (Lin et al. 2023, "Common Diffusion Noise
    /// Schedules and Sample Steps are Flawed", algorithm 1), in float32 as diffusers does.
    static func rescaledToZeroTerminalSNR(_ betas: [Float]) -> [Float] {
        var roots = cumulativeProduct(betas.map { 1 - $0 }).map { $0.squareRoot() }
        let first = roots[0], last = roots[roots.count - 1]
        let scale = first / (first - last)
        roots = roots.map { ($0 - last) * scale }
        let alphasBar = roots.map { $0 * $0 }
        let alphas = [alphasBar[0]] + (1..<alphasBar.count).map { alphasBar[$0] / alphasBar[$0 - 1] }
        return alphas.map { 1 - $0 }
    }
}
