/// One character's bitmap in a `BitmapFont`: 5 columns by 9 rows (7 above the baseline, 2 below).
public struct Glyph: Sendable, Hashable {
    /// The number of columns.
    public static let columns = 5
    /// The number of rows, descenders included.
    public static let rows = 9

    /// Each row's ink, top to bottom, as bits: the leftmost column is bit 4.
    public let bits: [UInt8]

    /// Reads rows of `#` (ink) and `.` separated by spaces; missing rows are blank.
    init(rows text: String) {
        var bits = [UInt8](repeating: 0, count: Self.rows)
        for (index, row) in text.split(separator: " ").prefix(Self.rows).enumerated() {
            for (column, mark) in row.prefix(Self.columns).enumerated() where mark == "#" {
                bits[index] |= 1 << UInt8(Self.columns - 1 - column)
            }
        }
        self.bits = bits
    }

    /// Whether the pixel at `column` (0–4) and `row` (0–8) is ink; false outside the glyph.
    public func isInk(column: Int, row: Int) -> Bool {
        guard (0 ..< Self.columns).contains(column), (0 ..< Self.rows).contains(row) else { return false }
        return bits[row] & (1 << UInt8(Self.columns - 1 - column)) != 0
    }
}
