"""Precompressed copies for a static host: ``page.html.gz`` and ``page.html.br`` beside every text file, so nginx
(``gzip_static``, ``brotli_static``) or any host that looks for them sends them as they are, without compressing on
each request. Without Flask; used by `kiosk export`.

Brotli's best quality (11) costs about 40 ms per page here, too slow for every page of every language within the
export's time budget, so pages get quality 5 (a tenth of the time, about 10% larger) and the shared static files,
few and fetched by every visitor, get 11. gzip is always at its best level, and fast.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".webmanifest", ".txt", ".svg", ".xml", ".md"}
SUFFIXES = (".gz", ".br")
PAGE_QUALITY = 5
STATIC_QUALITY = 11


def is_text(path: Path) -> bool:
    return path.suffix in TEXT_SUFFIXES


def write_compressed(path: Path, best: bool) -> int:
    """Write PATH.gz and PATH.br when they are smaller than PATH; the bytes written."""
    data = path.read_bytes()
    written = 0
    for suffix, packed in ((".gz", gzip.compress(data, 9, mtime=0)),
                           (".br", brotli.compress(data, mode=brotli.MODE_TEXT,
                                                   quality=STATIC_QUALITY if best else PAGE_QUALITY))):
        if len(packed) < len(data):
            path.with_name(path.name + suffix).write_bytes(packed)
            written += len(packed)
    return written


def precompress(folder: Path, static_prefix: str = "static/") -> int:
    """Compress every text file under FOLDER; the bytes written."""
    total = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file() and is_text(path):
            total += write_compressed(path, path.relative_to(folder).as_posix().startswith(static_prefix))
    return total
