"""Serve an export as the README's nginx example does, for benchmarks/lighthouse.sh: the precompressed .br or .gz
copy when the browser accepts it, hashed static names cached for good, everything else revalidated, 404.html for
unknown addresses, and the app's security headers.

    python benchmarks/serve_export.py SITE PORT
"""

from __future__ import annotations

import mimetypes
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from waitress import serve  # noqa: E402

from kiosk.security import HEADERS  # noqa: E402
from kiosk.static_files import IMMUTABLE  # noqa: E402

HASHED = re.compile(r"^/static/.+\.[0-9a-f]{10}\.[a-z0-9]+$")
mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("font/woff2", ".woff2")


def make_app(site: Path):
    def app(environ, start_response):
        path = environ["PATH_INFO"]
        target = site / path.lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        status = "200 OK"
        if ".." in path or not target.is_file():
            target, status = site / "404.html", "404 Not Found"
        headers = [("Content-Type", mimetypes.guess_type(target.name)[0] or "application/octet-stream"),
                   ("Cache-Control", IMMUTABLE if HASHED.match(path) else "no-cache"), *HEADERS.items()]
        accepted = environ.get("HTTP_ACCEPT_ENCODING", "")
        for suffix, encoding in ((".br", "br"), (".gz", "gzip")):
            packed = target.with_name(target.name + suffix)
            if encoding in accepted and packed.is_file():
                target = packed
                headers += [("Content-Encoding", encoding), ("Vary", "Accept-Encoding")]
                break
        body = target.read_bytes()
        start_response(status, headers + [("Content-Length", str(len(body)))])
        return [body]

    return app


if __name__ == "__main__":
    serve(make_app(Path(sys.argv[1])), host="127.0.0.1", port=int(sys.argv[2]), threads=4)
