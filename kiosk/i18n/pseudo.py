"""The pseudo-locale: English with accents, about 40% longer, in brackets.

It shows at a glance any text that escapes gettext (it stays plain English) and any box too small for a
longer language. Generated on the fly from the English, so it never needs updating.
"""

from __future__ import annotations

import math
import re

CODE = "en-XA"
NAME = "[Ƥšéûđö]"

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_PLACEHOLDER = re.compile(r"(%\([a-z_]+\)[sd]|%%)")
_PAD_WORD = "ǭǭǭǭ"


def localise(text: str) -> str:
    """'Report a concern' -> '[Ŕéþöŕţ à çöñçéŕñ ǭǭǭǭ ǭǭ]'; placeholders such as %(start)s are kept."""
    parts = _PLACEHOLDER.split(text)
    body = "".join(part if _PLACEHOLDER.fullmatch(part) else part.translate(_ACCENTED) for part in parts)
    extra = math.ceil(len(text) * 0.4)
    words = [_PAD_WORD] * (extra // len(_PAD_WORD)) + ([_PAD_WORD[: extra % len(_PAD_WORD)]] if extra % len(_PAD_WORD) else [])
    return f"[{body} {' '.join(words)}]"
