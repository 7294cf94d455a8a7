"""Static files under content-hashed names, in ONE place: ``url_for('static', filename='css/kiosk.css')`` gives
``/static/css/kiosk.<hash>.css`` everywhere (templates, the precache list, the export), and that address is
served with ``Cache-Control: public, max-age=31536000, immutable``: its bytes can never change, a new version
has a new name. The plain name still answers (scripts or tests that ask for it), revalidated (``no-cache``), as
does a hashed name whose hash is no longer current.

Besides the files in static/, the app may serve generated files (the per-language font subsets and their
stylesheets, kiosk/language_fonts.py) under the same static address space: ``register`` one with a function
making its bytes and, when known beforehand, the digest naming it.

Files are hashed once per app (static files do not change while the app runs; restart after editing one).
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from flask import abort, current_app, request
from werkzeug.security import safe_join

from .state import kiosk_state

HASH_LENGTH = 10
HASHED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{%d})(?P<ext>\.[A-Za-z0-9]+)$" % HASH_LENGTH)
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
COMPRESSIBLE = {"text/css", "text/javascript", "application/javascript", "text/plain", "image/svg+xml",
                "application/json", "text/markdown"}  # sent gzip-compressed to clients that accept it


@dataclass
class Generated:
    make: Callable[[], bytes]
    digest: str | None = None  # known beforehand (font subsets: the key of what goes in), else hashed from make()
    data: bytes | None = None


class StaticFiles:
    def __init__(self, folder: Path):
        self.folder = folder
        self.digests: dict[str, str | None] = {}
        self.generated: dict[str, Generated] = {}
        self.compressed: dict[str, bytes] = {}
        self.lock = threading.Lock()
        self.generators: list[Callable[[], object]] = []
        self.generated_all = False
        self.generating = threading.RLock()

    def add_generator(self, generator: Callable[[], object]) -> None:
        """``generator()`` registers generated files; it runs once, when a name is first not found."""
        self.generators.append(generator)

    def run_generators(self) -> None:
        with self.generating:
            if not self.generated_all:
                for generator in self.generators:
                    generator()
                self.generated_all = True

    def register(self, filename: str, make: Callable[[], bytes], digest: str | None = None) -> None:
        self.generated[filename] = Generated(make, digest[:HASH_LENGTH] if digest else None)

    def data(self, filename: str) -> bytes:
        """The bytes of a generated file, made once."""
        item = self.generated[filename]
        if item.data is None:
            with self.lock:
                if item.data is None:
                    item.data = item.make()
        return item.data

    def digest(self, filename: str) -> str | None:
        """The hash naming this file, or None when there is no such file."""
        if filename not in self.digests:
            path = safe_join(str(self.folder), filename)
            on_disk = path is not None and Path(path).is_file()
            if filename not in self.generated and not on_disk and not self.generated_all:
                self.run_generators()  # not for a file on disk: generating every language's fonts takes a while
            if filename in self.generated:
                item = self.generated[filename]
                found = item.digest or hashlib.sha256(self.data(filename)).hexdigest()[:HASH_LENGTH]
            else:
                found = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:HASH_LENGTH] if on_disk else None
            self.digests[filename] = found
        return self.digests[filename]

    def gzipped(self, filename: str) -> bytes:
        """A static file's bytes, gzip-compressed once."""
        if filename not in self.compressed:
            path = safe_join(str(self.folder), filename)
            self.compressed[filename] = gzip.compress(Path(path).read_bytes(), 9, mtime=0)
        return self.compressed[filename]

    def hashed_name(self, filename: str) -> str:
        """'css/kiosk.css' -> 'css/kiosk.<hash>.css' (unchanged when there is no such file)."""
        digest = self.digest(filename)
        if not digest:
            return filename
        folder, _, name = filename.rpartition("/")
        stem, dot, ext = name.rpartition(".")
        hashed = f"{stem}.{digest}.{ext}" if dot and stem else f"{name}.{digest}"
        return f"{folder}/{hashed}" if folder else hashed

    def resolve(self, requested: str) -> tuple[str, bool]:
        """(the file's plain name, whether the requested name carries its current hash)."""
        match = HASHED.match(requested)
        if match:
            plain = match["stem"] + match["ext"]
            if self.digest(plain) is not None:
                return plain, self.digest(plain) == match["digest"]
        return requested, False


def static_files(app=None) -> StaticFiles:
    return kiosk_state(app).static_files


def add_hash(endpoint: str, values: dict) -> None:
    """url_for's hook: every static address carries its file's hash."""
    if endpoint == "static" and "filename" in values:
        values["filename"] = static_files().hashed_name(values["filename"])


def serve(filename: str):
    files = static_files()
    plain, current = files.resolve(filename)
    mimetype = mimetypes.guess_type(plain)[0] or "application/octet-stream"
    if plain in files.generated:
        response = current_app.response_class(files.data(plain), mimetype=mimetype)
    elif files.digest(plain) is None:
        abort(404)
    elif mimetype in COMPRESSIBLE and "gzip" in request.headers.get("Accept-Encoding", "").lower():
        response = current_app.response_class(files.gzipped(plain), mimetype=mimetype)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = current_app.send_static_file(plain)
    if mimetype in COMPRESSIBLE:
        response.headers["Vary"] = "Accept-Encoding"
    response.headers["Cache-Control"] = IMMUTABLE if current else REVALIDATE
    return response


def init_app(app) -> None:
    mimetypes.add_type("font/woff2", ".woff2")
    kiosk_state(app).static_files = StaticFiles(Path(app.static_folder))
    app.url_defaults(add_hash)
    app.view_functions["static"] = serve
