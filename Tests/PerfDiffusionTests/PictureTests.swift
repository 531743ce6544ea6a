import Foundation
import PerfDiffusion
import PerfTestSupport
import Testing

/// PNG pictures through libpng, checked against an independent decoder (Python's zlib and
/// struct), and the conversions between pixels and [−1, 1] planes.
@Suite struct PictureTests {
    /// Decodes an 8-bit RGB/RGBA/grey PNG with zlib and struct only (filters 0–4), printing
    /// "width height colortype" and the pixel bytes as hex; with a second argument, writes a
    /// 3×2 8-bit grey PNG there instead.
    static let python = """
    import struct, sys, zlib
    def chunks(data):
        pos = 8
        while pos < len(data):
            (length,) = struct.unpack(">I", data[pos:pos + 4]); kind = data[pos + 4:pos + 8]
            body = data[pos + 8:pos + 8 + length]
            assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
            yield kind, body; pos += 12 + length
    if len(sys.argv) > 2:
        def chunk(kind, body): return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        rows = b"".join(b"\\0" + bytes(row) for row in [[0, 100, 255], [7, 128, 200]])
        png = b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 3, 2, 8, 0, 0, 0, 0))
        open(sys.argv[2], "wb").write(png + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
        sys.exit(0)
    data = open(sys.argv[1], "rb").read()
    assert data[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    parts = list(chunks(data)); kinds = [k for k, _ in parts]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND", kinds
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", parts[0][1])
    assert depth == 8 and interlace == 0
    channels = {0: 1, 2: 3, 6: 4}[color]
    raw = zlib.decompress(b"".join(b for k, b in parts if k == b"IDAT"))
    stride = width * channels; out = bytearray(); previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0; b = previous[x]; c = previous[x - channels] if x >= channels else 0
            if kind == 1: line[x] = (line[x] + a) & 255
            elif kind == 2: line[x] = (line[x] + b) & 255
            elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += line; previous = line
    print(width, height, color, out.hex(), " ".join(k.decode() for k in kinds))
    """

    static func picture(_ format: Picture.Format, width: Int, height: Int) throws -> Picture {
        var state: UInt32 = 2_463_534_242
        let bytes = (0..<width * height * format.channels).map { _ -> UInt8 in
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
        return try Picture(width: width, height: height, format: format, pixels: bytes)
    }

    @Test(arguments: [Picture.Format.rgb, .rgba])
    func roundTripsAndAnIndependentDecoderAgrees(format: Picture.Format) throws {
        let directory = try TemporaryDirectory("perf-png")
        let picture = try Self.picture(format, width: 37, height: 23)
        let file = directory.path("picture.png")
        try picture.writePNG(to: file)
        #expect(try Picture.readPNG(from: file) == picture)
        #expect(try picture.pngData() == picture.pngData(), "the same pixels give the same bytes")
        let result = try ProcessRunner.run(tool: "python3", ["-c", Self.python, file.path])
        try #require(result.status == 0, "python3: \(result.stderr)")
        let fields = result.stdout.split(separator: " ").map(String.init)
        #expect(fields[0] == "37" && fields[1] == "23" && fields[2] == (format == .rgb ? "2" : "6"))
        #expect(fields[3] == picture.pixels.map { String(format: "%02x", $0) }.joined())
        #expect(fields[4...].joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines) == "IHDR sRGB IDAT IEND",
                "no time or text chunks that would change between runs")
        #expect(try directory.listFiles() == ["picture.png"], "no temporary file is left behind")
    }

    @Test func greyFilesReadAsRGB() throws {
        let directory = try TemporaryDirectory("perf-png")
        let file = directory.path("grey.png")
        let result = try ProcessRunner.run(tool: "python3", ["-c", Self.python, "-", file.path])
        try #require(result.status == 0, "python3: \(result.stderr)")
        let picture = try Picture.readPNG(from: file)
        #expect(picture.format == .rgb && picture.width == 3 && picture.height == 2)
        #expect(picture.pixels == [0, 100, 255, 7, 128, 200].flatMap { [$0, $0, $0] })
    }

    @Test func hostileFilesAreRejected() throws {
        let good = try Self.picture(.rgb, width: 8, height: 8).pngData()
        var cases: [(String, Data)] = [("empty", Data()), ("text", Data("not a png at all".utf8)),
                                       ("truncated", good.prefix(good.count / 2)), ("header only", good.prefix(33))]
        var flipped = good
        flipped[good.count / 2] ^= 0xFF
        cases.append(("damaged", flipped))
        // A valid header claiming 100000 × 100000 pixels (a 30 GB buffer), CRC and all.
        var huge = Data(good.prefix(8))
        var header = Data("IHDR".utf8)
        for value: UInt32 in [100_000, 100_000] { withUnsafeBytes(of: value.bigEndian) { header.append(contentsOf: $0) } }
        header.append(contentsOf: [8, 2, 0, 0, 0])
        withUnsafeBytes(of: UInt32(13).bigEndian) { huge.append(contentsOf: $0) }
        huge.append(header)
        withUnsafeBytes(of: Self.crc32(header).bigEndian) { huge.append(contentsOf: $0) }
        huge.append(good.suffix(from: 33))
        cases.append(("huge", huge))
        for (name, data) in cases {
            let error = #expect(throws: DiffusionError.self, "\(name)") { try Picture(png: data, source: "\(name).png") }
            #expect(error?.description.contains("\(name).png") == true)
        }
        let missing = try #require(throws: DiffusionError.self) { try Picture.readPNG(from: URL(fileURLWithPath: "/nonexistent/x.png")) }
        #expect(missing.exitStatus == .notFound)
        #expect(throws: DiffusionError.self) { try Picture(width: 2, height: 2, format: .rgb, pixels: [1, 2, 3]) }
        #expect(throws: DiffusionError.self) { try Picture(width: 0, height: 2, format: .rgb, pixels: []) }
        #expect(throws: DiffusionError.self) { try Picture(width: 1 << 20, height: 1 << 20, format: .rgb, pixels: []) }
        #expect(throws: DiffusionError.self) { try Picture(width: 1, height: 1, format: .rgb, pixels: [1, 2, 3]).writePNG(to: URL(fileURLWithPath: "/nonexistent/x.png")) }
    }

    /// diffusers maps VAE output x to round(255 · clamp(x/2 + 0.5, 0, 1)) and pixels p to
    /// p / 255 · 2 − 1; planes are [channels, height, width], pixels interleaved.
    @Test func planesConvertAsDiffusersDoes() throws {
        // Two pixels (width 2, height 1), three planes.
        let planes: [Float] = [-1, 1, 0, 2, -3, 0.5]
        let picture = try Picture(planes: planes, channels: 3, height: 1, width: 2)
        // 0 → 127.5 → 128 (half to even); 0.5 → 191.25 → 191; out-of-range values clamp.
        #expect(picture.pixels == [0, 128, 0, 255, 255, 191])
        let back = try Picture(planes: picture.planes(), channels: 3, height: 1, width: 2)
        #expect(back == picture)
        #expect(picture.planes()[0] == -1 && picture.planes()[3] == 1)
        #expect(throws: DiffusionError.self) { try Picture(planes: planes, channels: 2, height: 1, width: 3) }
        #expect(throws: DiffusionError.self) { try Picture(planes: planes, channels: 3, height: 2, width: 2) }
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
