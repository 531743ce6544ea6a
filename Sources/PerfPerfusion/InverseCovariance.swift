import Foundation
import PerfDiffusion
import PerfSafeTensors
import PerfTensor

/// C⁻¹, the inverse of the uncentered covariance C = (1/N) Σ e eᵀ of the base's text-encoder
/// outputs (DESIGN §1; Tewel et al. 2023, eq. 3): the metric in which Perfusion measures how
/// much of a text state lies along a concept's target input.
///
/// Inverted in double precision through LAPACK (Cholesky: dpotrf, dpotri) after a
/// conditioning check: when the reciprocal condition number of C (dpocon's 1-norm estimate)
/// is below `minimumReciprocalCondition`, or C is not numerically positive definite (too few
/// captions for its width), a ridge λ·mean(diag C)·I is added, with λ the first of
/// `ridgeSteps` that passes the check; `ridge` records λ (0 when C was used as it is).
public struct InverseCovariance: Sendable {
    /// The width d of the text states.
    public let width: Int
    /// N, the text states the covariance was estimated from.
    public let count: Int
    /// λ of the ridge λ·mean(diag C)·I added before inverting; 0 for none.
    public let ridge: Double
    /// The reciprocal 1-norm condition number (estimate) of the matrix inverted, ridge included.
    public let reciprocalCondition: Double
    /// C⁻¹ as the engine's tensor, [d, d].
    public let matrix: Tensor
    /// C⁻¹ in double precision, row-major.
    let inverse: [Double]
    /// The lower Cholesky factor L of C⁻¹ (C⁻¹ = L Lᵀ), row-major.
    let inverseFactor: [Double]

    /// The conditioning C must have to be inverted without a ridge: 1e-6, so that C⁻¹ keeps
    /// about one significant digit in float32 in the worst direction.
    public static let minimumReciprocalCondition = 1e-6

    /// The ridges λ tried in order when C fails the check.
    public static let ridgeSteps: [Double] = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]

    /// The inverse of the d×d covariance `covariance` (row-major, symmetrised first) estimated
    /// from `count` states; `source` names where it came from in errors.
    public init(covariance: [Double], width: Int, count: Int, source: String = "text statistics") throws(PerfusionError) {
        guard width >= 1, covariance.count == width * width else {
            throw PerfusionError(source, .statistics("the covariance has \(covariance.count) elements, not \(width)×\(width)"))
        }
        guard count >= 1 else { throw PerfusionError(source, .statistics("the covariance was estimated from no text states (count \(count))")) }
        guard covariance.allSatisfy(\.isFinite) else { throw PerfusionError(source, .statistics("the covariance holds NaN or an infinity")) }
        var symmetric = covariance
        for row in 0..<width {
            for col in row + 1 ..< width {
                let mean = (covariance[row * width + col] + covariance[col * width + row]) / 2
                symmetric[row * width + col] = mean
                symmetric[col * width + row] = mean
            }
        }
        let meanDiagonal = (0..<width).reduce(0) { $0 + symmetric[$1 * width + $1] } / Double(width)
        guard meanDiagonal > 0 else { throw PerfusionError(source, .statistics("the covariance's diagonal is not positive (mean \(meanDiagonal))")) }
        for lambda in [0] + Self.ridgeSteps {
            var ridged = symmetric
            for index in 0..<width { ridged[index * width + index] += lambda * meanDiagonal }
            guard let factor = LAPACK.choleskyLower(ridged, n: width) else { continue }
            let rcond = LAPACK.reciprocalCondition(choleskyLower: factor, n: width, norm1: Self.norm1(ridged, width))
            guard rcond >= Self.minimumReciprocalCondition, let inverse = LAPACK.inverse(choleskyLower: factor, n: width),
                  let inverseFactor = LAPACK.choleskyLower(inverse, n: width) else { continue }
            self.width = width
            self.count = count
            ridge = lambda
            reciprocalCondition = rcond
            self.inverse = inverse
            self.inverseFactor = inverseFactor
            matrix = Tensor(shape: [width, width], scalars: inverse.map(Float.init))
            return
        }
        throw PerfusionError(source, .statistics("the covariance cannot be inverted even with a ridge of \(Self.ridgeSteps.last!)·mean(diag)"))
    }

    /// The inverse of an accumulated `TextCovariance`.
    public init(_ statistics: TextCovariance, source: String = "text statistics") throws(PerfusionError) {
        let scale = statistics.count == 0 ? 0 : 1 / Double(statistics.count)
        try self.init(covariance: statistics.sum.map { $0 * scale }, width: statistics.width, count: statistics.count, source: source)
    }

    /// The inverse of the covariance in a base's `stats/text_covariance.safetensors`
    /// (`covariance` [d, d] of any float type, `count` [] I64).
    public init(contentsOf url: URL) throws {
        let file = try SafeTensorsFile.read(from: url)
        guard let stored = file.tensors["covariance"] else {
            throw PerfusionError(url.path, .statistics("tensor \"covariance\" is missing"))
        }
        guard stored.shape.count == 2, stored.shape[0] == stored.shape[1], stored.shape[0] >= 1,
              [SafeTensorsDType.f16, .bf16, .f32, .f64].contains(stored.dtype) else {
            throw PerfusionError(url.path, .statistics("tensor \"covariance\" is \(stored.dtype.rawValue) \(stored.shape), not a square float matrix"))
        }
        guard let counted = file.tensors["count"], counted.dtype == .i64, counted.shape.isEmpty, counted.data.count == 8 else {
            throw PerfusionError(url.path, .statistics("tensor \"count\" is missing or not an I64 scalar"))
        }
        let count = counted.data.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) }
        let values: [Double] = stored.dtype == .f64
            ? stored.data.withUnsafeBytes { raw in (0..<stored.elementCount).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) } }
            : try stored.floats().map(Double.init)
        try self.init(covariance: values, width: stored.shape[0], count: Int(clamping: count), source: url.path)
    }

    /// The largest column sum of absolute values of the n×n matrix `a`.
    private static func norm1(_ a: [Double], _ n: Int) -> Double {
        (0..<n).map { col in (0..<n).reduce(0) { $0 + abs(a[$1 * n + col]) } }.max() ?? 0
    }
}
