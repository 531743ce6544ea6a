/// The shape drawn at a data point.
public enum Marker: Sendable, Hashable, CaseIterable {
    /// A disc (filled) or ring (outlined).
    case circle
    /// An axis-aligned square (filled) or its border (outlined).
    case square
}
