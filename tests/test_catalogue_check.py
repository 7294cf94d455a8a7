"""`kiosk i18n check` finds each kind of catalogue problem on a deliberately damaged copy, one line each."""

import re

import pytest

from kiosk import catalogues, cli
from tests.conftest import write_catalogue


@pytest.fixture()
def damaged(tmp_path):
    """A complete Turkish catalogue, and a function to change one entry of it."""
    folder = tmp_path / "translations"
    folder.mkdir()
    po_path = write_catalogue(folder, "tr")

    def change(msgid, new_string, context=None, fuzzy=False):
        catalog = catalogues.read(po_path)
        message = catalog.get(msgid, context=context)
        message.string = new_string
        if fuzzy:
            message.flags.add("fuzzy")
        catalogues.write_catalogue(po_path, catalog, "draft")
        return catalogues.read(po_path).get(msgid, context=context).lineno

    change.po_path, change.folder = po_path, folder
    return change


def run_check(folder, capsys, *extra):
    status = cli.main(["i18n", "--translations", str(folder), "check", *extra])
    out = capsys.readouterr().out.splitlines()
    return status, out


def test_a_complete_catalogue_passes(damaged, capsys):
    assert run_check(damaged.folder, capsys) == (0, [])


def test_syntax_error_names_the_line(damaged, capsys):
    lines = damaged.po_path.read_text().splitlines()
    broken_at = next(i for i, line in enumerate(lines) if line.startswith("msgstr")) + 1
    lines[broken_at - 1] = 'msgstr "unterminated'
    lines.insert(broken_at, "this is not po syntax")
    damaged.po_path.write_text("\n".join(lines))
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1
    assert re.match(r".*tr/LC_MESSAGES/messages.po:\d+: error: syntax error", out[0])


def test_missing_placeholder(damaged, capsys):
    damaged("%(start)s to %(end)s", "%(start)s ile", context="report panel")
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1
    assert "error: placeholders must match the English" in out[0] and "[msgid '%(start)s to %(end)s']" in out[0]


def test_added_placeholder(damaged, capsys):
    damaged("any time", "her zaman %(when)s", context="report panel")
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1 and "placeholders must match the English" in out[0]


def test_phone_number_typed_into_a_translation(damaged, capsys):
    line = damaged("Immediate danger", "Acil tehlike: 999", context="contacts|emergency|label")
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1
    assert out[0].endswith(f"messages.po:{line}: error: numbers differ from the English: ['999'] vs [] [msgid 'Immediate danger']")


def test_changed_figure_in_a_translation(damaged, capsys):
    msgid = next(m.id for m in catalogues.read(damaged.po_path) if m.id and "40 years" in str(m.id))
    context = next(m.context for m in catalogues.read(damaged.po_path) if m.id == msgid)
    damaged(msgid, "son 50 yılda", context=context)
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and "numbers differ from the English: ['50'] vs ['40']" in out[0]


def test_wrong_plural_count(damaged, capsys):
    text = damaged.po_path.read_text()
    first_form = re.search(r'^msgstr\[0\] ".*"$', text, re.M).group(0)
    damaged.po_path.write_text(text.replace(first_form, first_form + '\nmsgstr[1] "ikinci biçim"'))  # Turkish has one
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1 and "wrong number of plural forms" in out[0]


def test_fuzzy_entry(damaged, capsys):
    damaged("Key points", "Ana noktalar", fuzzy=True)
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1 and "error: fuzzy entry" in out[0] and "[msgid 'Key points']" in out[0]


def test_untranslated_report_string_is_an_error(damaged, capsys):
    damaged("Report a concern", "", context="report panel")
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and out == [line for line in out if "error: report-a-concern string not translated" in line]
    assert len(out) == 1


def test_other_untranslated_strings_are_warnings(damaged, capsys):
    damaged("Key points", "")
    assert run_check(damaged.folder, capsys) == (0, [])
    status, out = run_check(damaged.folder, capsys, "--warnings")
    assert status == 0 and len(out) == 1 and "warning: not translated yet" in out[0]


def test_stats_prints_a_table_per_language(damaged, capsys):
    damaged("Key points", "")
    assert cli.main(["i18n", "--translations", str(damaged.folder), "stats"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split() == ["language", "translated", "fuzzy", "untranslated", "done", "review", "last", "updated"]
    cells = row.split()
    assert cells[0] == "tr" and cells[2:4] == ["0", "1"] and cells[5] == "draft"


def test_a_missing_closing_quote_is_a_syntax_error_on_its_line(damaged, capsys):
    lines = damaged.po_path.read_text().splitlines()
    broken_at = next(i for i, line in enumerate(lines) if line.startswith('msgstr "') and len(line) > 20) + 1
    lines[broken_at - 1] = lines[broken_at - 1].rstrip('"')
    damaged.po_path.write_text("\n".join(lines) + "\n")
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1
    assert re.match(rf".*tr/LC_MESSAGES/messages.po:{broken_at}: error: syntax error", out[0])


def test_bytes_that_are_not_utf8_are_reported_on_their_own_line(damaged, capsys):
    data = damaged.po_path.read_bytes().split(b"\n")
    data[200] = data[200][:10] + b"\xff" + data[200][10:]
    damaged.po_path.write_bytes(b"\n".join(data))
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1
    assert re.match(r".*tr/LC_MESSAGES/messages.po:201: error: not valid utf-8 text", out[0])


def test_a_compiled_catalogue_that_does_not_match_its_po_is_reported(damaged, capsys):
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    with open(damaged.po_path.with_suffix(".mo"), "wb") as handle:
        write_mo(handle, Catalog(locale="tr"))
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1
    assert "error: messages.mo does not match messages.po (holds 1 entries" in out[0]
    assert cli.main(["i18n", "--translations", str(damaged.folder), "compile"]) == 0
    assert run_check(damaged.folder, capsys)[0] == 0
