import CPNG
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Picture {
    /// Decodes a PNG file through libpng's simplified API: 8-bit RGB and RGBA files are read
    /// exactly; grey, palette and 16-bit files are converted by libpng to 8-bit RGB (or RGBA
    /// when they carry transparency). `source` names the data in errors.
    public init(png data: Data, source: String) throws {
        var image = png_image()
        image.version = PERF_PNG_IMAGE_VERSION
        let begun = data.withUnsafeBytes { bytes in
            png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count)
        }
        guard begun != 0 else { throw DiffusionError(source, .picture("not a readable PNG file (\(Self.message(image)))")) }
        let format: Format = image.format & PNG_FORMAT_FLAG_ALPHA != 0 ? .rgba : .rgb
        let width = Int(image.width), height = Int(image.height)
        guard width > 0, height > 0, width <= Self.maximumPixelCount / height else {
            png_image_free(&image)
            throw DiffusionError(source, .picture("the picture is \(width)×\(height), over perf's limit of \(Self.maximumPixelCount) pixels"))
        }
        image.format = format == .rgba ? PERF_PNG_FORMAT_RGBA : PERF_PNG_FORMAT_RGB
        var pixels = [UInt8](repeating: 0, count: width * height * format.channels)
        let finished = data.withUnsafeBytes { _ in
            pixels.withUnsafeMutableBytes { buffer in
                png_image_finish_read(&image, nil, buffer.baseAddress, 0, nil)
            }
        }
        guard finished != 0 else { throw DiffusionError(source, .picture("the PNG data is damaged (\(Self.message(image)))")) }
        try self.init(width: width, height: height, format: format, pixels: pixels)
    }

    /// Reads a PNG file.
    public static func readPNG(from url: URL) throws -> Picture {
        try Picture(png: fileData(url), source: url.path)
    }

    /// The bytes of the picture file `url`, or an error naming it.
    static func fileData(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) { throw DiffusionError(url.path, .missingFile(what: "the picture")) }
            throw DiffusionError(url.path, .io("cannot read it (\(error.localizedDescription))"))
        }
    }

    /// The picture as PNG bytes: 8-bit RGB or RGBA, marked sRGB, without time or text
    /// chunks, so the same pixels give the same bytes on every run.
    public func pngData() throws -> Data {
        var image = png_image()
        image.version = PERF_PNG_IMAGE_VERSION
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = format == .rgba ? PERF_PNG_FORMAT_RGBA : PERF_PNG_FORMAT_RGB
        var size = 0
        let measured = pixels.withUnsafeBytes { buffer in
            png_image_write_to_memory(&image, nil, &size, 0, buffer.baseAddress, 0, nil)
        }
        guard measured != 0, size > 0 else { throw DiffusionError("picture", .picture("libpng cannot encode it (\(Self.message(image)))")) }
        var bytes = [UInt8](repeating: 0, count: size)
        let written = bytes.withUnsafeMutableBytes { output in
            pixels.withUnsafeBytes { buffer in
                png_image_write_to_memory(&image, output.baseAddress, &size, 0, buffer.baseAddress, 0, nil)
            }
        }
        guard written != 0 else { throw DiffusionError("picture", .picture("libpng cannot encode it (\(Self.message(image)))")) }
        return Data(bytes[0..<size])
    }

    /// Writes the picture as a PNG file, atomically (a temporary file in the same folder, renamed).
    public func writePNG(to url: URL) throws {
        let data = try pngData()
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw DiffusionError(url.path, .io("cannot write it (\(error.localizedDescription))"))
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw DiffusionError(url.path, .io("cannot move the written file into place (\(reason))"))
        }
    }

    /// libpng's message for the last failure on `image`.
    private static func message(_ image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
