"""The fail-safe page: the report-a-concern numbers in every language the kiosk has, as a plain file.

The launcher writes it at start-up from content/contacts.yaml and whatever catalogues exist (filled with Jinja2,
not through Flask), so the window can show it when the app cannot answer. It is written before the window opens,
so it must be quick (issue 16): each language is read from its compiled catalogue (.mo, with the standard
library's gettext) when that is at least as new as the .po, and from the .po with Babel only otherwise (a first
start, or a .po just edited; the server compiles it as it starts). If the contacts cannot be read, the page
written by an earlier start is kept. When nothing it is made from has changed since the last start (the hash
beside it says), the page is not written again at all, and the content schema, Jinja and the languages' data are
not even imported: the window opens that much sooner.
"""

from __future__ import annotations

import dataclasses
import gettext
import hashlib
import json
import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .. import content

HERE = Path(__file__).resolve().parent
# What the page is made from besides the contacts and catalogues: a change to any of these writes it afresh.
MADE_WITH = (Path(__file__).resolve(), HERE / "failsafe.html", HERE / "failsafe.css",
             HERE.parent / "content" / "schema.py", HERE.parent / "i18n" / "languages.py")

log = logging.getLogger(__name__)


def N_(text: str) -> str:  # noqa: N802 (the gettext marker Babel looks for)
    """Marks text for the catalogues; it is translated when the page is written."""
    return text


TITLE = N_("Report a concern")
MESSAGE = N_("The kiosk is starting again. To report a concern now, call:")


class Unavailable(Exception):
    """No fail-safe page can be shown: the contacts are unreadable and no earlier page exists."""


@dataclasses.dataclass(frozen=True)
class Section:
    code: str
    direction: str
    title: str
    message: str
    contacts: list[dict]


def read_contacts(content_dir: Path) -> content.Contacts:
    from pydantic import ValidationError

    from .. import content

    path = content_dir / "contacts.yaml"
    if not path.exists():
        raise Unavailable(f"{path} is missing")
    data, _, problems = content.read_yaml(path)
    if problems:
        raise Unavailable(str(problems[0]))
    try:
        return content.Contacts.model_validate(data)
    except ValidationError as err:
        raise Unavailable(f"{path}: {err.error_count()} problem(s); run `kiosk check` to see them") from None


def read_catalogue(po_path: Path, code: str):
    """The compiled catalogue when it is not older than the .po (quick), else the .po itself."""
    mo_path = po_path.with_suffix(".mo")
    try:
        if mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            with mo_path.open("rb") as handle:
                return gettext.GNUTranslations(handle)
    except Exception as err:  # none yet, or damaged: the .po says the same
        log.info("fail-safe page: %s not used (%s); reading %s", mo_path.name, err, po_path.name)
    from babel.messages.pofile import read_po  # only here: Babel's reader takes a while to import and to read

    with po_path.open("rb") as handle:
        return read_po(handle, locale=code.replace("-", "_"))


def read_catalogues(translations_dir: Path, wanted: list[str] | None) -> dict[str, object]:
    """Each language's catalogue by code (None for English, the source); unreadable ones are left out."""
    from ..i18n.languages import SOURCE_LANGUAGE, find_catalogues, language_of

    catalogues: dict[str, object] = {SOURCE_LANGUAGE: None}
    for path in find_catalogues(translations_dir):
        code = language_of(path)
        if wanted and code not in wanted:
            continue
        try:
            catalogues[code] = read_catalogue(path, code)
        except Exception as err:  # a broken catalogue must not cost the numbers
            log.warning("fail-safe page: %s left out: %s", path, err)
    return catalogues


def translator(catalogue):
    if isinstance(catalogue, gettext.GNUTranslations):  # compiled: holds only translated, non-fuzzy entries
        return lambda text, context=None: catalogue.pgettext(context, text) if context else catalogue.gettext(text)

    def translate(text: str, context: str | None = None) -> str:
        message = catalogue.get(text, context=context) if catalogue is not None else None
        return message.string if message is not None and message.string and not message.fuzzy else text
    return translate


def sections(contacts: content.Contacts, catalogues: dict, default_language: str) -> list[Section]:
    from ..i18n.languages import direction

    order = sorted(catalogues, key=lambda code: code != default_language)
    result = []
    for code in order:
        t = translator(catalogues[code])
        result.append(Section(code, direction(code), t(TITLE), t(MESSAGE), [
            {"id": c.id, "number": c.number, "label": t(str(c.label), c.label.context), "when": t(str(c.when), c.when.context)}
            for c in contacts.contacts]))
    return result


def render(content_dir: Path, translations_dir: Path, default_language: str, wanted: list[str] | None) -> str:
    import jinja2

    contacts = read_contacts(content_dir)
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=True)
    catalogues = read_catalogues(translations_dir, wanted)
    return environment.get_template("failsafe.html").render(languages=sections(contacts, catalogues, default_language))


def inputs_key(content_dir: Path, translations_dir: Path, default_language: str, wanted: list[str] | None) -> str:
    """A hash of everything the page is made from: the contacts, every catalogue (.po and .mo, with their times,
    which decide the one that is read), the code and template, and the arguments."""
    digest = hashlib.sha256(json.dumps([default_language, wanted]).encode())
    files = [content_dir / "contacts.yaml", *MADE_WITH,
             *sorted(Path(translations_dir).glob("*/LC_MESSAGES/messages.[mp]o"))]
    for path in files:
        try:
            data, mtime = path.read_bytes(), path.stat().st_mtime_ns
        except OSError:
            data, mtime = b"", -1
        digest.update(f"{path}\0{mtime}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def write(target: Path, content_dir: Path, translations_dir: Path, default_language: str,
          wanted: list[str] | None = None) -> str:
    """Write the page and its stylesheet into ``target`` (unless the ones there are made from the same inputs);
    returns the page's file:// address."""
    page, stamp = target / "index.html", target / "inputs.sha256"
    key = inputs_key(content_dir, translations_dir, default_language, wanted)
    try:
        if stamp.read_text(encoding="ascii") == key and page.is_file() and (target / "failsafe.css").is_file():
            return page.as_uri()
    except OSError:  # none yet
        pass
    try:
        html = render(content_dir, translations_dir, default_language, wanted)
    except Unavailable as err:
        if not page.exists():
            raise
        log.warning("fail-safe page not rewritten (%s); keeping the one from an earlier start", err)
        return page.as_uri()
    target.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)  # until the page and stylesheet below are both in place
    shutil.copyfile(HERE / "failsafe.css", target / "failsafe.css")
    partial = target / "index.html.new"
    partial.write_text(html, encoding="utf-8")
    partial.replace(page)
    stamp.write_text(key, encoding="ascii")
    return page.as_uri()
