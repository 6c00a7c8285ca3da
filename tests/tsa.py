"""An RFC 3161 timestamp authority on 127.0.0.1 for the tests: ``openssl ts -reply``
behind a small ``http.server`` in a thread. Never the internet.

Paths on the one server:
- ``/tsa``      answers timestamp queries (application/timestamp-query -> -reply);
- ``/fail``     answers HTTP 500 (a TSA that is up but broken);
- ``/html``     answers 200 with a web page (a wrong URL that looks alive);
- ``/flaky``    answers each query the first time with HTTP 503 (busy) and as ``/tsa`` when the
                same query comes again (a client that retries gets its token; ``flaky_refused`` counts the 503s).
``TestTSA.dead_url`` is a port nobody listens on (an unreachable TSA).
"""

from __future__ import annotations

import socket
import subprocess
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.pki import Issued, issue, make_ca

_CONFIG = """\
[ tsa ]
default_tsa = evk_tsa

[ evk_tsa ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/ca.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha1, sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


@dataclass
class TestTSA:
    __test__ = False  # not a test class for pytest

    url: str
    fail_url: str
    html_url: str
    dead_url: str
    flaky_url: str
    flaky_refused: list[int]
    ca: Issued
    tsa: Issued
    ca_pem: Path
    tsa_pem: Path
    requests: list[str]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Handler(BaseHTTPRequestHandler):
    server_version = "evidencekit-test-tsa/1"
    workdir: Path
    lock: threading.Lock
    log: list[str]
    flaky_seen: set[bytes]
    flaky_refused: list[int]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence stderr
        return None

    def _reply(self, code: int, body: bytes, ctype: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length") or 0)
        query = self.rfile.read(length)
        self.log.append(self.path)
        if self.path == "/fail":
            self._reply(500, b"TSA is broken", "text/plain")
            return
        if self.path == "/html":
            self._reply(200, b"<html>not a TSA</html>", "text/html")
            return
        if self.path == "/flaky":
            with self.lock:
                busy = query not in self.flaky_seen
                self.flaky_seen.add(query)
                if busy:
                    self.flaky_refused.append(1)
            if busy:
                self._reply(503, b"busy, try again", "text/plain")
                return
        with self.lock:
            req, resp = self.workdir / "req.tsq", self.workdir / "resp.tsr"
            req.write_bytes(query)
            done = subprocess.run(
                ["openssl", "ts", "-reply", "-config", str(self.workdir / "tsa.cnf"), "-section", "evk_tsa",
                 "-queryfile", str(req), "-out", str(resp)], capture_output=True)
            if done.returncode != 0:
                self._reply(500, done.stderr, "text/plain")
                return
            body = resp.read_bytes()
        self._reply(200, body, "application/timestamp-reply")


def start_tsa(workdir: Path) -> tuple[TestTSA, ThreadingHTTPServer]:
    """Make a CA and a TSA certificate (EKU timeStamping, critical), and serve on 127.0.0.1."""
    workdir.mkdir(parents=True, exist_ok=True)
    ca = make_ca("Test Timestamp Root CA")
    tsa = issue(ca, "Test TSA 127.0.0.1", timestamping=True)
    (workdir / "ca.pem").write_bytes(ca.cert_pem())
    (workdir / "tsa.pem").write_bytes(tsa.cert_pem())
    (workdir / "tsa.key").write_bytes(tsa.key_pem())
    (workdir / "serial").write_text("01\n")
    (workdir / "tsa.cnf").write_text(_CONFIG.format(dir=workdir))
    log: list[str] = []
    refused: list[int] = []
    handler = type("Handler", (_Handler,), {"workdir": workdir, "lock": threading.Lock(), "log": log,
                                         "flaky_seen": set(), "flaky_refused": refused})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, name="test-tsa", daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    info = TestTSA(url=f"{base}/tsa", fail_url=f"{base}/fail", html_url=f"{base}/html",
                   dead_url=f"http://127.0.0.1:{_free_port()}/tsa", flaky_url=f"{base}/flaky",
                   flaky_refused=refused, ca=ca, tsa=tsa,
                   ca_pem=workdir / "ca.pem", tsa_pem=workdir / "tsa.pem", requests=log)
    return info, server
