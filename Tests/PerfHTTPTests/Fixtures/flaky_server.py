"""A misbehaving HTTP/1.1 server for PerfHTTP's tests (standard library only).

Run: flaky_server.py LOGFILE. Binds 127.0.0.1 on a free port, prints the port on the first
line of stdout, and appends one JSON line per request to LOGFILE before answering it.
The path picks the behaviour; a trailing TAG keeps each test's counters apart:

  /fail-then-ok/N/TAG        503 for the first N requests, then 200 "ok TAG"
  /status/CODE/TAG           always CODE (any method)
  /retry-after/SECONDS/TAG   429 with Retry-After: SECONDS the first time, then 200
  /blob/SIZE/MODE/TAG        SIZE bytes of pattern (byte i is i % 251), honouring Range:
      good          always right
      truncate      the first response stops halfway through its body and closes the connection
      corrupt       one byte in the middle is flipped, every time
      ignore-range  answers a Range request with the whole body (200)
      oversize      sends twice SIZE bytes
      wrong-range   answers a Range request with a 206 that starts at byte 0
  /stall/headers             reads the request, then says nothing for 30 s
  /stall/body                sends headers and 10 of 1000 bytes, then nothing for 30 s
  /echo                      200 with JSON: method, body, Authorization header (any method)
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG_PATH = sys.argv[1]
LOCK = threading.Lock()
COUNTS = {}


def pattern(start, end):
    return bytes(i % 251 for i in range(start, end))


def count(path):
    with LOCK:
        COUNTS[path] = COUNTS.get(path, 0) + 1
        return COUNTS[path]


def parse_range(header, size):
    """(first, last) of a `bytes=N-` or `bytes=N-M` header, or None."""
    if not header or not header.startswith("bytes="):
        return None
    first, _, last = header[len("bytes="):].partition("-")
    first = int(first)
    last = int(last) if last else size - 1
    return first, min(last, size - 1)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def do_PUT(self):
        self.handle_any()

    def do_DELETE(self):
        self.handle_any()

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        record = {
            "method": self.command,
            "path": self.path,
            "range": self.headers.get("Range"),
            "if_none_match": self.headers.get("If-None-Match"),
            "authorization": self.headers.get("Authorization"),
            "user_agent": self.headers.get("User-Agent"),
            "body_length": len(body),
        }
        with LOCK, open(LOG_PATH, "a") as log:
            log.write(json.dumps(record) + "\n")
        parts = self.path.strip("/").split("/")
        n = count(self.path)
        kind = parts[0]
        if kind == "fail-then-ok":
            if n <= int(parts[1]):
                self.reply(503, b"overloaded, try later\n")
            else:
                self.reply(200, ("ok %s\n" % parts[2]).encode())
        elif kind == "status":
            self.reply(int(parts[1]), ("status %s for %s\n" % (parts[1], parts[2])).encode())
        elif kind == "retry-after":
            if n == 1:
                self.reply(429, b"slow down\n", {"Retry-After": parts[1]})
            else:
                self.reply(200, b"ok after waiting\n")
        elif kind == "blob":
            self.blob(int(parts[1]), parts[2], n)
        elif kind == "stall":
            if parts[1] == "body":
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                self.wfile.write(pattern(0, 10))
                self.wfile.flush()
            time.sleep(30)
            self.close_connection = True
        elif kind == "echo":
            answer = {"method": self.command, "body": body.decode("utf-8", "replace"),
                      "authorization": self.headers.get("Authorization")}
            self.reply(200, json.dumps(answer).encode(), {"Content-Type": "application/json"})
        else:
            self.reply(404, b"no such behaviour\n")

    def blob(self, size, mode, n):
        data = bytearray(pattern(0, size * 2 if mode == "oversize" else size))
        if mode == "corrupt":
            data[size // 2] ^= 0xFF
        wanted = parse_range(self.headers.get("Range"), size)
        headers = {"Accept-Ranges": "bytes"}
        status = 200
        if wanted and mode != "ignore-range":
            first, last = wanted
            if first >= size:
                self.reply(416, b"", {"Content-Range": "bytes */%d" % size})
                return
            if mode == "wrong-range":
                first = 0
            status = 206
            headers["Content-Range"] = "bytes %d-%d/%d" % (first, last, size)
            data = data[first:last + 1]
        if mode == "truncate" and n == 1:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(bytes(data[: len(data) // 2]))
            self.wfile.flush()
            self.close_connection = True
            return
        self.reply(status, bytes(data), headers)

    def reply(self, status, body, headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
