"""A Babel extractor for the YAML content, so `pybabel extract -F babel.cfg` and `kiosk i18n extract`
put every card, contact and report string into messages.pot, each with a context naming where it lives
(card slug and field) and the card's translator note as an extracted comment."""

from __future__ import annotations

from pathlib import Path

from .. import content


def extract_content(fileobj, keywords, comment_tags, options):
    """Babel extraction method: yields (line, funcname, (context, msgid), comments)."""
    item, lines = content.load_file(Path(fileobj.name))
    for msg in item.messages():
        line = content.line_for(lines, msg.loc) or 0
        yield line, "pgettext", (msg.context, str(msg)), [msg.comment] if msg.comment else []
