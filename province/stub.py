"""A reference province server for demos and tests: a real HTTP server on 127.0.0.1.

It verifies the signature, answers 503 to the first ``fail_first`` packages, and accepts a
package once per Idempotency-Key (a second copy is acknowledged but not counted again).
"""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ProvinceStub:
    def __init__(self, *, secret, host="127.0.0.1", port=0, fail_first=0, status_after_failures=202):
        self.secret = secret
        self.fail_first = fail_first
        self.status_after_failures = status_after_failures
        self.requests = []  # every request received: (idempotency key, status answered)
        self.accepted = {}  # idempotency key -> manifest
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer((host, port), self._handler())
        self.server.daemon_threads = True
        self._thread = None

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/packages"

    def start(self):
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, body, headers):
        expected = "sha256=" + hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
        key = headers.get("Idempotency-Key", "")
        with self._lock:
            if not hmac.compare_digest(expected, headers.get("X-Signature", "")):
                status = 401
            elif len(self.requests) < self.fail_first:
                status = 503
            elif key in self.accepted:
                status = 200
            else:
                status = self.status_after_failures
                if 200 <= status < 300:
                    self.accepted[key] = json.loads(body)
            self.requests.append((key, status))
        return status

    def _handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status = stub.answer(body, self.headers)
                payload = json.dumps({"status": status}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, fmt, *args):
                pass

        return Handler
