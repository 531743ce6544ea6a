import Foundation

/// An axis's range and its round tick values: steps of 1, 2 or 5 times a power of ten, so a
/// unit range reads 0, 0.2, 0.4 … 1.
public struct AxisScale: Sendable, Equatable {
    /// The value at the axis's start (left or bottom).
    public let lower: Double
    /// The value at the axis's end (right or top).
    public let upper: Double
    /// The tick values from `lower` to `upper`, each a whole multiple of the step.
    public let ticks: [Double]
    /// The step's leading digit (1, 2 or 5) and power of ten.
    private let stepDigit: Int, stepExponent: Int

    /// Values of larger magnitude are treated like infinities: left out of automatic ranges.
    public static let largestMagnitude = 1e300

    /// The range 0 … 1 with ticks every 0.2: the default of rates, and of data with no finite value.
    public static let unit = AxisScale(fixed: 0 ... 1)

    /// The distance between ticks.
    public var step: Double { Self.value(multiple: 1, digit: stepDigit, exponent: stepExponent) }

    /// The smallest round range holding every finite value, with about `tickCount` ticks.
    ///
    /// Values that are not finite are ignored; with none left the range is 0 … 1. A single
    /// distinct value `v` is widened to `v ± |v|/2` (`-1 … 1` for zero) before rounding.
    public init(covering values: [Double], tickCount: Int = 5) {
        let usable = values.filter { $0.isFinite && abs($0) <= Self.largestMagnitude }
        guard var low = usable.min(), var high = usable.max() else {
            self.init(fixed: 0 ... 1, tickCount: tickCount)
            return
        }
        if low == high {
            let half = low == 0 ? 1 : abs(low) / 2
            (low, high) = (low - half, high + half)
        }
        let (digit, exponent) = Self.roundStep(span: high - low, tickCount: tickCount)
        let step = Self.value(multiple: 1, digit: digit, exponent: exponent)
        let first = Self.wholeSteps(low / step, rounding: .down), last = Self.wholeSteps(high / step, rounding: .up)
        self.init(lower: Self.value(multiple: first, digit: digit, exponent: exponent),
                  upper: Self.value(multiple: last, digit: digit, exponent: exponent), step: (digit, exponent))
    }

    /// Exactly `range`, with round ticks inside it; a range that is one value or not finite is
    /// treated as `init(covering:)` treats its bounds.
    public init(fixed range: ClosedRange<Double>, tickCount: Int = 5) {
        let bounds = [range.lowerBound, range.upperBound]
        guard range.lowerBound < range.upperBound,
              bounds.allSatisfy({ $0.isFinite && abs($0) <= Self.largestMagnitude }) else {
            self.init(covering: bounds, tickCount: tickCount)
            return
        }
        self.init(lower: range.lowerBound, upper: range.upperBound,
                  step: Self.roundStep(span: range.upperBound - range.lowerBound, tickCount: tickCount))
    }

    /// The scale from `lower` to `upper` (finite, `lower < upper`) with ticks at the multiples of the step inside.
    private init(lower: Double, upper: Double, step: (digit: Int, exponent: Int)) {
        self.lower = lower
        self.upper = upper
        (stepDigit, stepExponent) = step
        let size = Self.value(multiple: 1, digit: step.digit, exponent: step.exponent)
        let first = Self.wholeSteps(lower / size, rounding: .up), last = Self.wholeSteps(upper / size, rounding: .down)
        ticks = first <= last && last - first <= 1000
            ? (first ... last).map { Self.value(multiple: $0, digit: step.digit, exponent: step.exponent) }
            : []
    }

    /// Where `value` lies along the axis: 0 at `lower`, 1 at `upper`, beyond them outside.
    public func fraction(of value: Double) -> Double {
        (value - lower) / (upper - lower)
    }

    /// `value` written with as many decimals as the step needs, trailing zeros trimmed: "0", "0.2", "-1.5".
    public func label(for value: Double) -> String {
        let decimals = max(0, -stepExponent)
        let scaled = (value * Self.powerOfTen(decimals)).rounded()
        guard scaled.isFinite, abs(scaled) < 1e15 else { return "\(value)" }
        let magnitude = String(Int(abs(scaled)))
        let padded = String(repeating: "0", count: max(0, decimals + 1 - magnitude.count)) + magnitude
        var text = String(padded.dropLast(decimals))
        let fraction = padded.suffix(decimals).reversed().drop { $0 == "0" }.reversed()
        if !fraction.isEmpty { text += "." + String(fraction) }
        return scaled < 0 ? "-" + text : text
    }

    /// The round step (digit × 10^exponent) that splits `span` into about `tickCount - 1` parts.
    private static func roundStep(span: Double, tickCount: Int) -> (digit: Int, exponent: Int) {
        let raw = span / Double(min(max(tickCount, 2), 100) - 1)
        guard raw.isFinite, raw > 0 else { return (2, -1) }
        let exponent = Int(log10(raw).rounded(.down))
        let leading = raw / pow(10, Double(exponent))
        switch leading {
        case ..<1.5: return (1, exponent)
        case ..<3: return (2, exponent)
        case ..<7: return (5, exponent)
        default: return (1, exponent + 1)
        }
    }

    /// `multiple × digit × 10^exponent`, computed so that round decimals come out exact (0.6, not 0.6000000000000001).
    private static func value(multiple: Int, digit: Int, exponent: Int) -> Double {
        let count = Double(multiple * digit)
        return exponent >= 0 ? count * powerOfTen(exponent) : count / powerOfTen(-exponent)
    }

    /// 10^`exponent` for `exponent ≥ 0`; exact up to 10²².
    private static func powerOfTen(_ exponent: Int) -> Double {
        exponent <= 22 ? (0 ..< exponent).reduce(1.0) { product, _ in product * 10 } : pow(10, Double(exponent))
    }

    /// `quotient` rounded to a whole number of steps, forgiving the last bits of floating-point
    /// error (2.9999999999999996 steps is 3).
    private static func wholeSteps(_ quotient: Double, rounding rule: FloatingPointRoundingRule) -> Int {
        let nudged = rule == .down ? quotient + 1e-9 : quotient - 1e-9
        return Int(min(max(nudged.rounded(rule), -1e17), 1e17))
    }
}
