extension Picture {
    /// `pictures` (of one size and format) tiled row by row into a grid `columns` wide; a last
    /// row that is not full is left black (transparent for RGBA).
    public static func grid(_ pictures: [Picture], columns: Int) throws -> Picture {
        guard let first = pictures.first, columns >= 1 else {
            throw DiffusionError("picture grid", .invalidArgument("a grid needs at least one picture and one column"))
        }
        guard pictures.allSatisfy({ $0.width == first.width && $0.height == first.height && $0.format == first.format }) else {
            throw DiffusionError("picture grid", .invalidArgument("the pictures of a grid must share one size and format"))
        }
        let rows = (pictures.count + columns - 1) / columns
        let channels = first.format.channels
        let rowBytes = first.width * channels, gridRowBytes = columns * rowBytes
        var pixels = [UInt8](repeating: 0, count: rows * first.height * gridRowBytes)
        for (index, picture) in pictures.enumerated() {
            let top = (index / columns) * first.height, left = (index % columns) * rowBytes
            for y in 0..<first.height {
                let target = (top + y) * gridRowBytes + left
                pixels.replaceSubrange(target ..< target + rowBytes, with: picture.pixels[y * rowBytes ..< (y + 1) * rowBytes])
            }
        }
        return try Picture(width: columns * first.width, height: rows * first.height, format: first.format, pixels: pixels)
    }
}
