"""A stand-in for OpenStreetMap's Nominatim /search, served on 127.0.0.1 in a thread."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class FakeNominatim:
    """Knows a few addresses (lower-case query -> (lat, lon, postcode)); records every call."""

    def __init__(self, places: dict[str, tuple[float, float, str]]) -> None:
        self.places = places
        self.calls: list[dict[str, str]] = []
        self.arrived_at: list[float] = []  # time.monotonic() of each call, for rate limits
        self.failing = False
        double = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                parts = urlsplit(self.path)
                query = {key: values[0] for key, values in parse_qs(parts.query).items()}
                query["user_agent"] = self.headers.get("User-Agent", "")
                double.calls.append(query)
                double.arrived_at.append(time.monotonic())
                if double.failing:
                    self.send_error(503)
                    return
                found = double.places.get(query.get("q", ""))
                results = [] if found is None or parts.path != "/search" else [{
                    "lat": str(found[0]), "lon": str(found[1]), "display_name": query["q"],
                    "address": {"postcode": found[2], "country_code": "gb"},
                }]
                body = json.dumps(results).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeNominatim:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
