"""A webhook receiver process for tests: records every POST, answers from a script.

    python _receiver.py --port 0 --log FILE --ready FILE [--script 500,500,200]

Script items are used one per request, then ``200`` forever:

- ``500`` / ``410`` / ``204`` …: answer with that status;
- ``503@retry-after=2``: that status with ``Retry-After: 2``;
- ``hang=8``: wait 8 seconds, then answer 200 (to be killed or timed out meanwhile).

Each request is appended to the log as one JSON line *when it arrives*: ``{"n", "at",
"path", "headers", "body_b64"}``. The chosen port is written to the ``--ready`` file.
"""

from __future__ import annotations

import argparse
import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--ready", type=Path, required=True)
    parser.add_argument("--script", default="")
    args = parser.parse_args()
    script = [item for item in args.script.split(",") if item]
    lock = threading.Lock()
    count = [0]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                count[0] += 1
                number = count[0]
                action = script[number - 1] if number <= len(script) else "200"
                record = {
                    "n": number,
                    "at": time.time(),
                    "path": self.path,
                    "headers": dict(self.headers.items()),
                    "body_b64": base64.b64encode(body).decode(),
                }
                with args.log.open("a") as log:
                    log.write(json.dumps(record) + "\n")
            status, headers = 200, {}
            if action.startswith("hang="):
                time.sleep(float(action.split("=", 1)[1]))
            else:
                code, _, option = action.partition("@")
                status = int(code)
                if option.startswith("retry-after="):
                    headers["Retry-After"] = option.split("=", 1)[1]
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    args.ready.write_text(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
