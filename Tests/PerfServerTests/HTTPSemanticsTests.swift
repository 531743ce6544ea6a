@testable import PerfServer
import Testing

/// Byte ranges, entity tags and dates, against RFC 9110's examples and edge cases.
@Suite struct HTTPSemanticsTests {
    @Test(arguments: [
        ("bytes=0-499", 10_000, ByteRange.partial(0...499)), ("bytes=500-999", 10_000, .partial(500...999)),
        ("bytes=-500", 10_000, .partial(9500...9999)), ("bytes=9500-", 10_000, .partial(9500...9999)),
        ("bytes=0-0", 10_000, .partial(0...0)), ("bytes=-1", 10_000, .partial(9999...9999)),
        ("bytes=-20000", 10_000, .partial(0...9999)), ("bytes=0-99999", 10_000, .partial(0...9999)),
        (" bytes=1-2 ", 10, .partial(1...2)), ("BYTES=1-2", 10, .partial(1...2)),
        ("bytes=10-", 10, .unsatisfiable), ("bytes=10-20", 10, .unsatisfiable), ("bytes=-0", 10, .unsatisfiable),
        ("bytes=-5", 0, .unsatisfiable), ("bytes=0-", 0, .unsatisfiable),
        ("bytes=5-4", 10, .whole), ("bytes=0-1,3-4", 10, .whole), ("bytes=-", 10, .whole), ("bytes=a-b", 10, .whole),
        ("items=0-1", 10, .whole), ("bytes=+1-2", 10, .whole), ("bytes=99999999999999999999-", 10, .whole),
        ("bytes=1 - 2", 10, .whole),
    ])
    func ranges(header: String, size: Int, expected: ByteRange) {
        #expect(ByteRange(header: header, size: size) == expected, "\(header) of \(size)")
    }

    @Test func entityTagMatching() {
        let tag = EntityTag(inode: 0x2a, size: 1000, modifiedNanoseconds: 1_700_000_000_123_456_789)
        #expect(tag.description == "\"2a-3e8-\(String(1_700_000_000_123_456_789, radix: 16))\"")
        #expect(tag.matches(ifNoneMatch: tag.description))
        #expect(tag.matches(ifNoneMatch: "W/\(tag.description)"))
        #expect(tag.matches(ifNoneMatch: "\"x\",\(tag.description) , \"y\""))
        #expect(tag.matches(ifNoneMatch: " * "))
        #expect(!tag.matches(ifNoneMatch: tag.opaque))
        #expect(!tag.matches(ifNoneMatch: "\"x\", W/\"y\""))
        #expect(!tag.matches(ifNoneMatch: ""))
        #expect(tag.matches(ifRange: tag.description))
        #expect(!tag.matches(ifRange: "W/\(tag.description)"), "If-Range compares strongly")
        #expect(!tag.matches(ifRange: "Sat, 01 Jan 2000 00:00:00 GMT"))
        let touched = EntityTag(inode: 0x2a, size: 1000, modifiedNanoseconds: 1_700_000_000_123_456_790)
        let replaced = EntityTag(inode: 0x2b, size: 1000, modifiedNanoseconds: 1_700_000_000_123_456_789)
        #expect(touched != tag && replaced != tag)
    }

    @Test func httpDates() {
        #expect(HTTPDate.format(seconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(seconds: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(seconds: 1_709_251_199) == "Thu, 29 Feb 2024 23:59:59 GMT")
    }
}
