@testable import PerfHTTP
import Testing

@Suite struct ContentRangeTests {
    @Test func parsesSatisfiedAndUnsatisfiedRanges() throws {
        let middle = try #require(ContentRange("bytes 100-199/200"))
        #expect(middle.first == 100 && middle.last == 199 && middle.total == 200)
        let unknownLength = try #require(ContentRange("bytes 0-9/*"))
        #expect(unknownLength.first == 0 && unknownLength.last == 9 && unknownLength.total == nil)
        let unsatisfied = try #require(ContentRange("bytes */4096"))
        #expect(unsatisfied.first == nil && unsatisfied.last == nil && unsatisfied.total == 4096)
    }

    @Test(arguments: [nil, "", "bytes", "items 0-1/2", "bytes 5-3/10", "bytes -1-3/10", "bytes 0-1/x", "bytes 0-1", "bytes 0/1/2"])
    func refusesMalformedValues(_ value: String?) {
        #expect(ContentRange(value) == nil)
    }
}
