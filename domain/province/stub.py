"""A reference province server for demos and tests: a real HTTP server on 127.0.0.1.

It verifies the signature, answers 503 to the first ``fail_first`` packages (then ``status_after_failures``),
can wait ``delay`` seconds before answering, and accepts a package once per Idempotency-Key (a second copy is
acknowledged but not counted again). With ``decide`` it sends the province's decision back, signed, to
``decisions_url`` once the package is accepted (the HMAC covers ``X-Timestamp`` and the body) — twice with
``answer_twice``, as a real system sometimes does.
"""

import datetime as dt
import hashlib
import hmac
import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ProvinceStub:
    def __init__(
        self,
        *,
        secret,
        host="127.0.0.1",
        port=0,
        fail_first=0,
        status_after_failures=202,
        delay=0.0,
        decide=None,
        decisions_url=None,
        answer_twice=False,
        decision_delay=0.5,
        reply_body=None,
    ):
        self.secret = secret
        self.fail_first = fail_first
        self.status_after_failures = status_after_failures
        self.delay = delay
        self.decide = decide  # None, "approved", "rejected" or "returned"
        self.decisions_url = decisions_url
        self.answer_twice = answer_twice
        self.decision_delay = decision_delay
        self.reply_body = reply_body  # bytes answered instead of {"status": ...} (e.g. a NUL byte in it)
        self.received = []  # idempotency keys as packages arrive, before any answer
        self.decisions_sent = []  # (status answered by our API, decision body)
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
                    if self.decide and self.decisions_url:
                        threading.Thread(target=self.send_decision, args=(self.accepted[key],), daemon=True).start()
            self.requests.append((key, status))
        return status

    def decision_for(self, manifest, reference):
        body = {"submission": manifest["submission"], "dossier": reference, "result": self.decide}
        if self.decide == "approved":
            body.update(decision_number="1234/QĐ-UBND", decision_date=dt.date.today().isoformat())
        else:
            body["note"] = "Đề nghị bổ sung hồ sơ." if self.decide == "returned" else "Chưa đủ tiêu chuẩn."
        return body

    def send_decision(self, manifest):
        """POST a decision for each dossier of the letter to our API, signed like every province message (twice
        with ``answer_twice``).

        Like a well-behaved client it retries a 409 (our side still recording the delivery) or a 5xx a few times.
        """
        time.sleep(self.decision_delay)
        for dossier in manifest.get("dossiers", []):
            payload = json.dumps(self.decision_for(manifest, dossier["dossier"]), ensure_ascii=False).encode()
            for _copy in range(2 if self.answer_twice else 1):
                for _attempt in range(10):
                    status = self._post(payload)
                    if status is not None and status != 409 and status < 500:
                        break
                    time.sleep(0.5)
                self.decisions_sent.append((status, json.loads(payload)))

    def signed_headers(self, payload, timestamp=None):
        """The headers of a callback: ``X-Timestamp`` (Unix seconds) and the HMAC of ``"<timestamp>." + body``."""
        timestamp = int(time.time()) if timestamp is None else timestamp
        signed = f"{timestamp}.".encode() + payload
        signature = "sha256=" + hmac.new(self.secret.encode(), signed, hashlib.sha256).hexdigest()
        return {"Content-Type": "application/json", "X-Timestamp": str(timestamp), "X-Signature": signature}

    def _post(self, payload):
        request = urllib.request.Request(
            self.decisions_url,
            data=payload,
            headers=self.signed_headers(payload),
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return None

    def _handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                stub.received.append(self.headers.get("Idempotency-Key", ""))
                if stub.delay:
                    time.sleep(stub.delay)  # a slow province: the client's timeout decides
                status = stub.answer(body, self.headers)
                payload = stub.reply_body if stub.reply_body is not None else json.dumps({"status": status}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up (its timeout) or died: the package is kept all the same

            def log_message(self, fmt, *args):
                pass

        return Handler
