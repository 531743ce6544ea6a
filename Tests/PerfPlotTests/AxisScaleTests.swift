import PerfPlot
import Testing

/// Round ranges and ticks: what an axis shows for typical, single-valued, negative, empty and
/// hostile data, and how tick values are written.
@Suite struct AxisScaleTests {
    @Test func ratesGetTheUnitRangeInFifths() {
        let scale = AxisScale(covering: [0.12, 0.93, 0.5])
        #expect(scale.lower == 0 && scale.upper == 1)
        #expect(scale.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(scale.ticks.map(scale.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        #expect(AxisScale.unit == AxisScale(fixed: 0 ... 1))
    }

    @Test func rangesRoundOutwardToTheStep() {
        let tens = AxisScale(covering: [3, 47])
        #expect(tens.lower == 0 && tens.upper == 50 && tens.step == 10)
        #expect(tens.ticks == [0, 10, 20, 30, 40, 50])
        let narrow = AxisScale(covering: [0.3, 0.9])
        #expect(narrow.lower == 0.2 && narrow.upper == 1 && narrow.ticks == [0.2, 0.4, 0.6, 0.8, 1])
        let fine = AxisScale(covering: [0, 0.2])
        #expect(fine.ticks.map(fine.label) == ["0", "0.05", "0.1", "0.15", "0.2"])
        let large = AxisScale(covering: [120_000, 1_930_000])
        #expect(large.lower == 0 && large.upper == 2_000_000)
        #expect(large.ticks.map(large.label) == ["0", "500000", "1000000", "1500000", "2000000"])
    }

    @Test func negativeDataGetsNegativeTicks() {
        let below = AxisScale(covering: [-3.2, -0.4])
        #expect(below.lower == -4 && below.upper == 0 && below.ticks == [-4, -3, -2, -1, 0])
        let across = AxisScale(covering: [-0.35, 0.8])
        #expect(across.lower == -0.4 && across.upper == 0.8)
        #expect(across.ticks.map(across.label) == ["-0.4", "-0.2", "0", "0.2", "0.4", "0.6", "0.8"])
        #expect(across.label(for: -0.0) == "0" && across.label(for: -0.00001) == "0" && across.label(for: -1.5) == "-1.5")
    }

    @Test func aSingleValueIsWidenedAroundItself() {
        let half = AxisScale(covering: [0.5, 0.5, .nan])
        #expect(half.lower == 0.2 && half.upper == 0.8)
        #expect(half.ticks.first == 0.2 && half.ticks.last == 0.8 && half.ticks.contains(0.5))
        let zero = AxisScale(covering: [0])
        #expect(zero.lower == -1 && zero.upper == 1 && zero.ticks == [-1, -0.5, 0, 0.5, 1])
        let negative = AxisScale(covering: [-40])
        #expect(negative.lower <= -60 && negative.upper >= -20 && negative.upper < 0)
        #expect(AxisScale(fixed: 3 ... 3) == AxisScale(covering: [3]))
    }

    @Test func noFiniteDataGivesTheUnitRange() {
        for values: [Double] in [[], [.nan], [.nan, .infinity, -.infinity], [1e301, -.greatestFiniteMagnitude]] {
            let scale = AxisScale(covering: values)
            #expect(scale == .unit, "\(values)")
            #expect(scale.lower == 0 && scale.upper == 1 && scale.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        }
        #expect(AxisScale(fixed: 0 ... .infinity) == AxisScale(covering: [0]))
        #expect(AxisScale(fixed: -.infinity ... .infinity) == .unit)
    }

    @Test func fixedRangesKeepTheirBoundsAndTickInside() {
        let scale = AxisScale(fixed: 0.05 ... 0.95)
        #expect(scale.lower == 0.05 && scale.upper == 0.95)
        #expect(scale.ticks == [0.2, 0.4, 0.6, 0.8])
        #expect(scale.fraction(of: 0.05) == 0 && scale.fraction(of: 0.95) == 1 && abs(scale.fraction(of: 0.5) - 0.5) < 1e-12)
        let beta = AxisScale(fixed: 0.4 ... 0.8, tickCount: 5)
        #expect(beta.ticks == [0.4, 0.5, 0.6, 0.7, 0.8])
    }

    @Test func hostileMagnitudesAndTickCountsStayBounded() {
        let wide = AxisScale(covering: [-1e299, 1e299])
        #expect(wide.lower <= -1e299 && wide.upper >= 1e299 && (2 ... 12).contains(wide.ticks.count))
        #expect(wide.ticks.allSatisfy(\.isFinite) && !wide.label(for: wide.upper).isEmpty)
        let tiny = AxisScale(covering: [1e-300, 3e-300])
        #expect(tiny.lower < tiny.upper && (2 ... 12).contains(tiny.ticks.count))
        let close = AxisScale(covering: [1e15, 1e15 + 1])
        #expect(close.lower <= 1e15 && close.upper >= 1e15 + 1 && (2 ... 12).contains(close.ticks.count))
        for count in [-5, 0, 1, 2, 1000, Int.max] {
            let scale = AxisScale(covering: [0, 1], tickCount: count)
            #expect((2 ... 1001).contains(scale.ticks.count), "\(count)")
        }
    }
}
