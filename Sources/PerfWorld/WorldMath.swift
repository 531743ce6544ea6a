import Foundation

/// atan2(y, x) in degrees, in (−180, 180].
func atan2Degrees(_ y: Float, _ x: Float) -> Float { Foundation.atan2(y, x) * 180 / Float.pi }

/// cos(x) for radians.
func cosine(_ x: Float) -> Float { Foundation.cos(x) }

/// sin(x) for radians.
func sine(_ x: Float) -> Float { Foundation.sin(x) }

/// eˣ.
func exponential(_ x: Float) -> Float { Foundation.exp(x) }
