"""Subsets of the bundled Noto fonts, without Flask: for a text, the faces that draw it (each bundled file cut down to
the characters of the text it holds), their bytes (fontTools, cached on disk by a key of what goes in), and their
@font-face rules.

A subset is named by its key (the source file's bytes, the characters, the options), so its name, and the
stylesheet that names it, are known without cutting it: the cut happens when a browser first asks for the file.
The bundled files in static/fonts/ stay as they are (posters and anything else may use them whole).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# The bundled files, in the order a character is looked for: (CSS family, file name before "-<weight>-normal").
SOURCES = (
    ("Noto Sans", "noto-sans-latin"),
    ("Noto Sans", "noto-sans-latin-ext"),
    ("Noto Sans", "noto-sans-cyrillic"),
    ("Noto Sans Arabic", "noto-sans-arabic-arabic"),
    ("Noto Sans Bengali", "noto-sans-bengali-bengali"),
)
WEIGHTS = (400, 700)
# Characters every family has (spaces, ASCII punctuation, general punctuation, joiners): a face holding only these
# is never needed after the first family, which draws them (the page's font stack lists it first).
COMMON = frozenset([*range(0x20, 0x7F), 0xA0, *range(0x2000, 0x2070)])
OPTIONS_VERSION = "1"
# The child process that cuts one face into the cache: this module alone (as "fonts", without the app's package,
# which would import Flask and the whole app first), given SOURCE CACHED CODEPOINTS.
CHILD = ("import sys; sys.path.insert(0, sys.argv[1]); from fonts import cut_font; from pathlib import Path; "
         "cut_font(Path(sys.argv[2]), [int(cp) for cp in sys.argv[4].split(',')], Path(sys.argv[3]))")  # part of every key: change it when the subsetting options below change


@dataclass(frozen=True)
class Face:
    family: str  # the CSS family the rule declares
    weight: int
    source: Path  # the bundled woff2 file it is cut from
    codepoints: tuple[int, ...]
    key: str  # names the subset: changes whenever its bytes would

    @property
    def stem(self) -> str:
        return f"{self.source.name.removesuffix('-normal.woff2')}"


@functools.lru_cache(maxsize=64)
def _read_source(path: Path, mtime_ns: int, cache_dir: Path | None) -> tuple[str, frozenset[int]]:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    kept = cache_dir / f"{digest}.cmap.json" if cache_dir else None
    if kept is not None:  # what a file draws, kept by its hash: fontTools and a woff2 unpacking spared (issue 16)
        try:
            return digest, frozenset(int(cp) for cp in json.loads(kept.read_text(encoding="ascii")))
        except (OSError, ValueError, TypeError):
            pass
    from fontTools.ttLib import TTFont

    cmap = frozenset(TTFont(io.BytesIO(data), lazy=True).getBestCmap())
    if kept is not None:
        _write_beside(kept, json.dumps(sorted(cmap)).encode("ascii"))
    return digest, cmap


def source_info(path: Path, cache_dir: Path | None = None) -> tuple[str, frozenset[int]]:
    """The hash of a bundled file's bytes and the characters it draws (read once per process and version, and
    kept in ``cache_dir`` when given)."""
    return _read_source(path, path.stat().st_mtime_ns, cache_dir)


def source_path(font_dir: Path, stem: str, weight: int) -> Path:
    return font_dir / f"{stem}-{weight}-normal.woff2"


def faces_for(text: str, font_dir: Path, family: str | None = None, weights=WEIGHTS,
              cache_dir: Path | None = None) -> list[Face]:
    """The faces that draw ``text``: for each bundled file, the characters of the text it holds that no earlier
    file has (the page's font stack goes through the families in this order too). ``family`` renames every face (a separate family for the language picker's names)."""
    wanted = {ord(ch) for ch in set(text) if not ch.isspace() or ch == " "}  # set() first: texts are long
    faces = []
    for weight in weights:
        taken: set[int] = set()
        for css_family, stem in SOURCES:
            path = source_path(font_dir, stem, weight)
            digest, cmap = source_info(path, cache_dir)
            codepoints = tuple(sorted((wanted & cmap) - taken))
            if not codepoints or (css_family != SOURCES[0][0] and COMMON.issuperset(codepoints)):
                continue
            taken.update(codepoints)
            key = hashlib.sha256(f"{OPTIONS_VERSION}:{digest}:{codepoints}".encode()).hexdigest()
            faces.append(Face(family or css_family, weight, path, codepoints, key))
    return faces


def subset(face: Face, cache_dir: Path | None = None) -> bytes:
    """The woff2 bytes of ``face``: from the disk cache when it holds them, else cut with fontTools (and kept).

    With a cache folder the cut runs in a child process (CHILD): cutting is seconds of pure Python, which in the
    server's process would hold the GIL and starve every other request, the health check too.
    """
    cached = cache_dir / f"{face.key}.woff2" if cache_dir else None
    if cached is not None:
        try:
            return cached.read_bytes()
        except OSError:
            pass
        cut = subprocess.run([sys.executable, "-c", CHILD, str(Path(__file__).resolve().parent.parent),
                              str(face.source), str(cached), ",".join(map(str, face.codepoints))],
                             capture_output=True, check=False)
        if cut.returncode == 0:
            try:
                return cached.read_bytes()
            except OSError:
                pass
    return cut_font(face.source, face.codepoints, cached)


def cut_font(source: Path, codepoints, cached: Path | None) -> bytes:
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.layout_features = ["*"]  # every shaping feature: Arabic joining forms, Bengali conjuncts, marks
    options.flavor = "woff2"
    font = TTFont(source)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    data = out.getvalue()
    if cached is not None:
        _write_beside(cached, data)
    return data


def _write_beside(target: Path, data: bytes) -> None:
    """Written beside, then renamed: a reader never sees half a file. No cache folder: the work is done again."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}")
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError:
        pass


def unicode_range(codepoints) -> str:
    """'U+20-7E,U+A0' from the code points (sorted)."""
    ranges: list[list[int]] = []
    for cp in sorted(codepoints):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return ",".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in ranges)


def font_face(face: Face, url: str, display: str = "swap") -> str:
    return (f"@font-face {{ font-family: '{face.family}'; font-style: normal; font-weight: {face.weight}; "
            f"font-display: {display}; src: url(\"{url}\") format(\"woff2\"); "
            f"unicode-range: {unicode_range(face.codepoints)}; }}\n")
