import CJPEG
import Foundation

extension Picture {
    /// Decodes a JPEG file through libjpeg into 8-bit RGB (grey and CMYK files are converted
    /// by libjpeg). `source` names the data in errors.
    public init(jpeg data: Data, source: String) throws {
        var width: Int32 = 0, height: Int32 = 0
        var pixels: UnsafeMutablePointer<UInt8>?
        var message = [CChar](repeating: 0, count: 256)
        let status = data.withUnsafeBytes { bytes in
            perf_jpeg_decode_rgb(bytes.bindMemory(to: UInt8.self).baseAddress, UInt(bytes.count), UInt(Self.maximumPixelCount),
                                 &width, &height, &pixels, &message, message.count)
        }
        defer { free(pixels) }
        let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch status {
        case 0: break
        case 2: throw DiffusionError(source, .picture("the JPEG picture is \(reason), over perf's limit of \(Self.maximumPixelCount) pixels or not colour"))
        default: throw DiffusionError(source, .picture("not a readable JPEG file (\(reason))"))
        }
        guard let pixels else { throw DiffusionError(source, .picture("libjpeg returned no pixels")) }
        let count = Int(width) * Int(height) * 3
        try self.init(width: Int(width), height: Int(height), format: .rgb, pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    /// Reads a PNG or JPEG file, by its first bytes (not its name).
    public static func read(from url: URL) throws -> Picture {
        let data = try fileData(url)
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return try Picture(jpeg: data, source: url.path) }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return try Picture(png: data, source: url.path) }
        throw DiffusionError(url.path, .picture("neither a PNG nor a JPEG file (by its first bytes); convert it to PNG"))
    }
}
