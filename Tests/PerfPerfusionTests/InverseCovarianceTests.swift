import Foundation
import PerfDiffusion
@testable import PerfPerfusion
import PerfSafeTensors
import PerfTensor
import PerfTestSupport
import Testing

/// C⁻¹ through LAPACK: exact for well-conditioned statistics, a recorded ridge for singular
/// or ill-conditioned ones, and clear errors for unusable files.
@Suite struct InverseCovarianceTests {
    /// (1/n) Σ x xᵀ over `n` seeded random states of width `d`, scaled per dimension.
    static func covariance(width d: Int, samples n: Int, seed: UInt64, scales: [Double]? = nil) -> [Double] {
        var generator = SeededRandom(seed: seed)
        let x = Tensor.randomNormal([n, d], using: &generator).scalars.map(Double.init)
        var c = [Double](repeating: 0, count: d * d)
        for s in 0..<n {
            for i in 0..<d {
                for j in 0..<d {
                    c[i * d + j] += x[s * d + i] * (scales?[i] ?? 1) * x[s * d + j] * (scales?[j] ?? 1) / Double(n)
                }
            }
        }
        return c
    }

    /// max |C⁻¹ C − I| for the double-precision inverse, or the float32 one the editor uses.
    static func identityError(_ inverse: InverseCovariance, _ c: [Double], float32: Bool = false) -> Double {
        let d = inverse.width
        let m = float32 ? inverse.matrix.scalars.map(Double.init) : inverse.inverse
        var worst = 0.0
        for i in 0..<d {
            for j in 0..<d {
                let value = (0..<d).reduce(0.0) { $0 + m[i * d + $1] * c[$1 * d + j] }
                worst = max(worst, abs(value - (i == j ? 1 : 0)))
            }
        }
        return worst
    }

    @Test func aWellConditionedCovarianceIsInvertedWithoutARidge() throws {
        let c = Self.covariance(width: 24, samples: 500, seed: 3)
        let inverse = try InverseCovariance(covariance: c, width: 24, count: 500)
        #expect(inverse.ridge == 0)
        #expect(inverse.reciprocalCondition >= InverseCovariance.minimumReciprocalCondition)
        #expect(Self.identityError(inverse, c) < 1e-12)
        #expect(Self.identityError(inverse, c, float32: true) < 1e-5)
    }

    @Test func aSingularCovarianceGetsTheSmallestRidgeThatConditionsIt() throws {
        // 10 states in 24 dimensions: rank 10, not invertible.
        let c = Self.covariance(width: 24, samples: 10, seed: 4)
        let inverse = try InverseCovariance(covariance: c, width: 24, count: 10)
        #expect(inverse.ridge > 0 && InverseCovariance.ridgeSteps.contains(inverse.ridge))
        #expect(inverse.reciprocalCondition >= InverseCovariance.minimumReciprocalCondition)
        // It is the inverse of C + λ·mean(diag)·I.
        let mean = (0..<24).reduce(0.0) { $0 + c[$1 * 25] } / 24
        var ridged = c
        for i in 0..<24 { ridged[i * 25] += inverse.ridge * mean }
        #expect(Self.identityError(inverse, ridged) < 1e-9)
        // And no smaller step would have done.
        if let smaller = InverseCovariance.ridgeSteps.last(where: { $0 < inverse.ridge }) {
            var tight = c
            for i in 0..<24 { tight[i * 25] += smaller * mean }
            let attempt = try InverseCovariance(covariance: tight, width: 24, count: 10)
            #expect(attempt.ridge > 0)
        }
    }

    @Test func anIllConditionedCovarianceIsRidged() throws {
        // Scales from 1 to 1e-4 along the dimensions: condition number about 1e8.
        let scales = (0..<16).map { pow(10, -4 * Double($0) / 15) }
        let c = Self.covariance(width: 16, samples: 400, seed: 5, scales: scales)
        let inverse = try InverseCovariance(covariance: c, width: 16, count: 400)
        #expect(inverse.ridge > 0)
        #expect(inverse.matrix.scalars.allSatisfy { $0.isFinite })
    }

    @Test func statisticsThatCannotBeUsedAreRefused() throws {
        #expect(throws: PerfusionError.self) { try InverseCovariance(covariance: [1, 0, 0, 1], width: 2, count: 0) }
        #expect(throws: PerfusionError.self) { try InverseCovariance(covariance: [1, .nan, .nan, 1], width: 2, count: 4) }
        #expect(throws: PerfusionError.self) { try InverseCovariance(covariance: [0, 0, 0, 0], width: 2, count: 4) }
        #expect(throws: PerfusionError.self) { try InverseCovariance(covariance: [1, 0, 0], width: 2, count: 4) }
        #expect(throws: PerfusionError.self) { try InverseCovariance(covariance: [-1, 0, 0, -1], width: 2, count: 4) }
    }

    @Test func theBaseStatisticsFileIsReadAndItsProblemsNamed() throws {
        let model = try PerfusionFixtures.tinyModel()
        var statistics = TextCovariance(width: 32)
        try statistics.add(captions: ["a red circle", "a blue square next to a green star", "a big yellow heart above a triangle",
                                      "a small purple circle", "an orange star on the left", "a pink square at the bottom"],
                           tokenizer: model.tokenizer, encoder: model.textEncoder)
        let directory = try TemporaryDirectory("perf-stats")
        let url = directory.path("text_covariance.safetensors")
        try statistics.file().write(to: url)
        let read = try InverseCovariance(contentsOf: url)
        let direct = try InverseCovariance(statistics)
        #expect(read.width == 32 && read.count == statistics.count && read.ridge == direct.ridge)
        #expect(relativeError(read.matrix, direct.matrix) < 1e-3)
        for (name, change) in [("covariance", { (file: inout SafeTensorsFile) in file.tensors["covariance"] = nil }),
                               ("count", { (file: inout SafeTensorsFile) in file.tensors["count"] = try! SafeTensor(floats: [3], shape: []) }),
                               ("covariance", { (file: inout SafeTensorsFile) in
                                   file.tensors["covariance"] = try! SafeTensor(floats: [Float](repeating: 1, count: 6), shape: [2, 3]) })] {
            var file = try statistics.file()
            change(&file)
            try file.write(to: url)
            #expect {
                try InverseCovariance(contentsOf: url)
            } throws: { error in
                String(describing: error).contains(url.path) && String(describing: error).contains(name)
            }
        }
    }
}
