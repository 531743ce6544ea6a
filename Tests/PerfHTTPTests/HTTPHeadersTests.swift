import PerfHTTP
import Testing

@Suite struct HTTPHeadersTests {
    @Test func looksUpNamesInAnyCase() {
        var headers = HTTPHeaders([(name: "ETag", value: "\"abc\""), (name: "Set-Cookie", value: "a=1")])
        headers.append(name: "set-cookie", value: "b=2")
        #expect(headers["etag"] == "\"abc\"")
        #expect(headers["ETAG"] == "\"abc\"")
        #expect(headers["Set-Cookie"] == "a=1")
        #expect(headers.values("SET-COOKIE") == ["a=1", "b=2"])
        #expect(headers["Content-Length"] == nil)
        #expect(Array(headers.map(\.name)) == ["ETag", "Set-Cookie", "set-cookie"])
    }
}
