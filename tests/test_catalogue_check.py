"""`kiosk i18n check` finds each kind of catalogue problem on a deliberately damaged copy, one line each."""

import datetime
import os
import re

import pytest

from kiosk import cli
from kiosk.i18n import catalogues
from kiosk.settings import PROJECT_DIR
from tests.helpers import write_catalogue

ONE_PIECE = 'syntax error: a string must be one piece of text between double quotes, with any " inside written as \\"'


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
    """The exit status and the finding lines; the summary line after them is checked here, once."""
    status = cli.main(["i18n", "--translations", str(folder), "check", *extra])
    *out, summary = capsys.readouterr().out.splitlines()
    errors = sum(": error: " in line for line in out)
    assert re.match(rf"{errors} error\(s\), \d+ warning\(s\)", summary), summary
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
    assert out[0].split("translations/", 1)[1] == f"tr/LC_MESSAGES/messages.po:{broken_at}: error: {ONE_PIECE}"


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


def plural_forms_in(po_path) -> int:
    """How many plural forms the catalogue's own Plural-Forms header asks for (as gettext reads it)."""
    return int(re.search(r"nplurals=(\d+)", po_path.read_text()).group(1))


def test_one_plural_form_too_many(damaged, capsys):
    forms = plural_forms_in(damaged.po_path)
    text = damaged.po_path.read_text()
    last_form = re.search(rf'^msgstr\[{forms - 1}\] ".*"$', text, re.M).group(0)
    damaged.po_path.write_text(text.replace(last_form, last_form + f'\nmsgstr[{forms}] "fazladan biçim"'))
    entry = text[: text.index(last_form)].rindex("\nmsgid ")
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and [line.split("translations/", 1)[1] for line in out] == [
        f"tr/LC_MESSAGES/messages.po:{text[: entry + 1].count(chr(10)) + 1}: error: wrong number of plural forms for "
        "this language: msg has more translations than num_plurals of catalog"]  # Babel's words after ours


def test_one_plural_form_too_few(tmp_path, capsys):
    folder = tmp_path / "translations"
    folder.mkdir()
    po_path = write_catalogue(folder, "pl")  # Polish: three forms
    forms = plural_forms_in(po_path)
    assert forms > 1, "test setup: needs a language with several plural forms"
    text = po_path.read_text()
    last_form = re.search(rf'^msgstr\[{forms - 1}\] ".*"\n', text, re.M).group(0)
    po_path.write_text(text.replace(last_form, "", 1))
    status, out = run_check(folder, capsys)
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


def test_stats_prints_a_table_per_language_and_explains_its_columns(damaged, capsys):
    damaged("Key points", "")
    assert cli.main(["i18n", "--translations", str(damaged.folder), "stats"]) == 0
    header, row, blank, *legend = capsys.readouterr().out.splitlines()
    assert header.split() == ["language", "translated", "fuzzy", "untranslated", "done", "review", "last", "updated"]
    cells = row.split()
    assert cells[0] == "tr" and cells[2:4] == ["0", "1"] and cells[5] == "draft"
    legend = " ".join(" ".join(legend).split())
    assert "review the X-Review-Status header: draft (not yet checked by a qualified translator" in legend
    assert "last updated the PO-Revision-Date header" in legend and "never: no date has been set" in legend


def test_update_dates_a_catalogue_whose_translations_it_changed(damaged, capsys):
    """PO-Revision-Date stays true: a merge that changes what readers see dates the catalogue; one that does not,
    leaves the date alone."""
    po_path = damaged.po_path
    catalog = catalogues.read(po_path)
    catalog.revision_date = datetime.datetime(2026, 1, 2, tzinfo=datetime.timezone.utc)
    catalogues.write_catalogue(po_path, catalog, "draft")
    assert cli.main(["i18n", "--translations", str(damaged.folder), "update"]) == 0
    assert catalogues.stats(po_path).last_updated == "2026-01-02"

    pot = damaged.folder / "messages.pot"
    pot.write_text(pot.read_text().replace('msgid "Key points"', 'msgid "Key points to remember"'))
    assert cli.main(["i18n", "--translations", str(damaged.folder), "update"]) == 0
    assert catalogues.stats(po_path).last_updated == datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")


def test_a_placeholder_dropped_from_the_last_plural_form_only(tmp_path, capsys):
    """Babel's own checker pairs forms with the two English ones and never sees a third; ours checks every form."""
    folder = tmp_path / "translations"
    folder.mkdir()
    po_path = write_catalogue(folder, "pl")  # Polish: three forms
    text = po_path.read_text()
    last_form = re.search(r'^msgstr\[2\] "(.*%\(num\)d.*)"$', text, re.M)
    assert "%(num)d" in last_form.group(1), "test setup: the last form carries the placeholder"
    po_path.write_text(text.replace(last_form.group(0), 'msgstr[2] "wiele napisów"', 1))
    status, out = run_check(folder, capsys)
    assert status == 1 and len(out) == 1
    assert "placeholders must match the English exactly: [] vs ['%(num)d']" in out[0]


def test_a_missing_closing_quote_is_a_syntax_error_on_its_line(damaged, capsys):
    lines = damaged.po_path.read_text().splitlines()
    broken_at = next(i for i, line in enumerate(lines) if line.startswith('msgstr "') and len(line) > 20) + 1
    lines[broken_at - 1] = lines[broken_at - 1].rstrip('"')
    damaged.po_path.write_text("\n".join(lines) + "\n")
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1
    assert out[0].split("translations/", 1)[1] == f"tr/LC_MESSAGES/messages.po:{broken_at}: error: {ONE_PIECE}"


def test_bytes_that_are_not_utf8_are_reported_on_their_own_line(damaged, capsys):
    data = damaged.po_path.read_bytes().split(b"\n")
    data[200] = data[200][:10] + b"\xff" + data[200][10:]
    damaged.po_path.write_bytes(b"\n".join(data))
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1
    assert out[0].split("translations/", 1)[1] == "tr/LC_MESSAGES/messages.po:201: error: not valid utf-8 text (invalid start byte)"


def test_a_compiled_catalogue_that_does_not_match_its_po_is_reported(damaged, capsys):
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    with open(damaged.po_path.with_suffix(".mo"), "wb") as handle:
        write_mo(handle, Catalog(locale="tr"))
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1
    assert re.fullmatch(r"tr/LC_MESSAGES/messages.po:1: error: messages.mo does not match messages.po \(holds 1 entries, "
                        r"the .po \d+\); the kiosk rebuilds it when it starts, or run `kiosk i18n compile`",
                        out[0].split("translations/", 1)[1])
    assert cli.main(["i18n", "--translations", str(damaged.folder), "compile"]) == 0
    assert run_check(damaged.folder, capsys)[0] == 0


def test_a_compiled_catalogue_older_than_its_po_is_not_a_problem(damaged, capsys):
    """A translator edits the .po and checks it before anything compiles it: the old .mo is simply rebuilt."""
    assert cli.main(["i18n", "--translations", str(damaged.folder), "compile"]) == 0
    capsys.readouterr()
    mo_path = damaged.po_path.with_suffix(".mo")
    damaged("Key points", "Önemli noktalar")
    os.utime(mo_path, (mo_path.stat().st_mtime - 60,) * 2)
    assert run_check(damaged.folder, capsys) == (0, [])


# --- closing what mutation testing found (issue 18): findings checked whole, every field of each -------------

def test_several_mistakes_in_one_catalogue_are_each_reported_whole_in_file_order(damaged, capsys):
    # Each finding exactly: its line, severity, words and msgid; and the check goes on past each entry it
    # reports (an entry found wrong must not end the check of the ones after it).
    fuzzy = damaged("Key points", "Ana noktalar", fuzzy=True)
    figure = damaged("Immediate danger", "Acil tehlike: 999", context="contacts|emergency|label")
    report = damaged("Report a concern", "", context="report panel")
    placeholder = damaged("%(start)s to %(end)s", "%(start)s ile", context="report panel")
    untranslated = damaged("Skip to main content", "")
    path = damaged.po_path
    status, out = run_check(damaged.folder, capsys, "--warnings")
    expected = sorted([
        (fuzzy, f"{path}:{fuzzy}: error: fuzzy entry: check the translation, then remove the fuzzy flag [msgid 'Key points']"),
        (figure, f"{path}:{figure}: error: numbers differ from the English: ['999'] vs [] [msgid 'Immediate danger']"),
        (report, f"{path}:{report}: error: report-a-concern string not translated [msgid 'Report a concern']"),
        (placeholder, f"{path}:{placeholder}: error: placeholders must match the English exactly: ['%(start)s'] vs "
                      f"['%(end)s', '%(start)s'] [msgid '%(start)s to %(end)s']"),
        (untranslated, f"{path}:{untranslated}: warning: not translated yet (English will show) "
                       f"[msgid 'Skip to main content']"),
    ])
    assert status == 1
    assert [line.replace(str(PROJECT_DIR) + "/", "") for line in out] == [
        line.replace(str(PROJECT_DIR) + "/", "") for _, line in expected]


@pytest.mark.parametrize("state", ["", "Reviewed", "unknown"])
def test_a_review_status_that_is_not_one_of_the_three_is_an_error_on_the_first_line(damaged, capsys, state):
    text = damaged.po_path.read_text(encoding="utf-8")
    damaged.po_path.write_text(re.sub(r"X-Review-Status: \w+", f"X-Review-Status: {state}", text), encoding="utf-8")
    status, out = run_check(damaged.folder, capsys)
    assert status == 1
    assert [line.split("translations/", 1)[1] for line in out] == [
        "tr/LC_MESSAGES/messages.po:1: error: X-Review-Status must be one of draft, reviewed, approved"]


def test_a_plural_form_left_empty_and_a_placeholder_of_another_type_are_reported_whole_with_what_follows(damaged, capsys):
    catalog = catalogues.read(damaged.po_path)
    plural = next(message for message in catalog if isinstance(message.id, tuple))
    plural.string = (plural.string[0], "")  # Turkish has two forms: the second left empty
    catalogues.write_catalogue(damaged.po_path, catalog, "draft")
    placeholder = damaged("%(start)s to %(end)s", "%(start)d ile %(end)s", context="report panel")
    report = damaged("Report a concern", "", context="report panel")
    plural_line = catalogues.read(damaged.po_path).get(plural.id[0]).lineno
    assert plural_line < report  # a plural mistake must not end the check of the entries after it
    path = damaged.po_path
    status, out = run_check(damaged.folder, capsys)
    expected = sorted([
        (plural_line, 0, f"{path}:{plural_line}: error: wrong number of plural forms for this language: msgstr[1] is "
                         f"missing or empty (2 expected) [msgid '{plural.id[0]}']"),
        (placeholder, 0, f"{path}:{placeholder}: error: placeholders must match the English exactly (incompatible "
                         f"format for placeholder 'start': 'd' and 's' are not compatible) [msgid '%(start)s to %(end)s']"),
        (placeholder, 1, f"{path}:{placeholder}: error: placeholders must match the English exactly: ['%(end)s', "
                         f"'%(start)d'] vs ['%(end)s', '%(start)s'] [msgid '%(start)s to %(end)s']"),
        (report, 0, f"{path}:{report}: error: report-a-concern string not translated [msgid 'Report a concern']"),
    ])
    assert status == 1 and out == [line for _, _, line in expected]


def test_a_line_babel_cannot_read_is_a_syntax_error_on_that_line_in_its_words_without_repeating_the_line(damaged, capsys):
    lines = damaged.po_path.read_text(encoding="utf-8").splitlines()
    after = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and i > 30)
    lines.insert(after + 1, "this is not po syntax")
    damaged.po_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1
    found = re.fullmatch(rf"tr/LC_MESSAGES/messages.po:{after + 2}: error: syntax error: (.+)", out[0].split("translations/", 1)[1])
    assert found and found.group(1) == "Unknown or misformatted keyword"  # Babel's own words, its " on <line>" taken off


def finding_lines(out) -> list[str]:
    return [line.split("translations/", 1)[1] for line in out]


def line_of(path, needle) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_charset_python_does_not_know_is_an_error_on_its_line(damaged, capsys):
    # Babel's reader stops with Python's own LookupError here: it would take `kiosk check` and the app down with it
    text = damaged.po_path.read_text(encoding="utf-8")
    damaged.po_path.write_text(re.sub("charset=utf-8", "charset=nonesuch-9", text, flags=re.I), encoding="utf-8")
    line = line_of(damaged.po_path, "charset=")
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and finding_lines(out) == [
        f"tr/LC_MESSAGES/messages.po:{line}: error: unknown charset 'nonesuch-9': save the file as UTF-8 and declare "
        "charset=UTF-8"]


@pytest.fixture()
def turkish(tmp_path):
    """A Turkish catalogue whose every string has Turkish letters (the pseudo-locale's have none)."""
    folder = tmp_path / "translations"
    folder.mkdir()
    return write_catalogue(folder, "tr", translate=lambda text: "ğüşıöç " + text)


def test_a_catalogue_is_read_in_the_charset_it_declares(turkish, capsys):
    translated = {(m.context, m.id): m.string for m in catalogues.read(turkish) if m.id}
    text = turkish.read_text(encoding="utf-8")
    turkish.write_bytes(re.sub("charset=utf-8", "charset=Windows-1254", text, flags=re.I).encode("cp1254"))
    assert {(m.context, m.id): m.string for m in catalogues.read(turkish) if m.id} == translated
    assert run_check(turkish.parent.parent.parent, capsys) == (0, [])


def test_a_catalogue_that_declares_no_charset_is_read_as_utf8(turkish, capsys):
    lines = turkish.read_text(encoding="utf-8").splitlines(keepends=True)
    turkish.write_text("".join(line for line in lines if "charset=" not in line), encoding="utf-8")
    assert run_check(turkish.parent.parent.parent, capsys) == (0, [])
    data = turkish.read_bytes()
    turkish.write_bytes(data.replace("ı".encode(), b"\xff", 1))  # not UTF-8 now: found on its line
    status, out = run_check(turkish.parent.parent.parent, capsys)
    line = data[: data.index("ı".encode())].count(b"\n") + 1
    assert status == 1 and finding_lines(out) == [
        f"tr/LC_MESSAGES/messages.po:{line}: error: not valid utf-8 text (invalid start byte)"]


def test_a_catalogue_that_cannot_be_opened_is_one_error_saying_why(tmp_path, capsys):
    po_path = tmp_path / "translations" / "tr" / "LC_MESSAGES" / "messages.po"
    po_path.mkdir(parents=True)  # a folder where the file should be
    status, out = run_check(tmp_path / "translations", capsys)
    assert status == 1 and finding_lines(out) == [
        f"tr/LC_MESSAGES/messages.po: error: cannot be read: [Errno 21] Is a directory: '{po_path}'"]


def test_a_language_with_a_region_is_read_with_its_own_rules(tmp_path, capsys):
    folder = tmp_path / "translations"
    folder.mkdir()
    po_path = write_catalogue(folder, "pt-BR")
    assert str(catalogues.read(po_path).locale) == "pt_BR"
    assert run_check(folder, capsys) == (0, [])


def test_a_plural_left_wholly_untranslated_is_a_warning_not_an_empty_form(damaged, capsys):
    catalog = catalogues.read(damaged.po_path)
    plural = next(message for message in catalog if isinstance(message.id, tuple))
    plural.string = ("", "")
    catalogues.write_catalogue(damaged.po_path, catalog, "draft")
    line = catalogues.read(damaged.po_path).get(plural.id[0]).lineno
    assert not catalogues.is_translated(catalogues.read(damaged.po_path).get(plural.id[0]))
    status, out = run_check(damaged.folder, capsys, "--warnings")
    assert status == 0 and finding_lines(out) == [
        f"tr/LC_MESSAGES/messages.po:{line}: warning: not translated yet (English will show) [msgid '{plural.id[0]}']"]


def test_a_catalogue_without_a_review_line_is_a_draft(damaged):
    lines = damaged.po_path.read_text(encoding="utf-8").splitlines(keepends=True)
    damaged.po_path.write_text("".join(line for line in lines if "X-Review-Status" not in line), encoding="utf-8")
    assert catalogues.review_status(damaged.po_path) == "draft"


def test_the_review_status_is_read_from_a_catalogue_with_bytes_that_are_not_utf8(damaged):
    text = damaged.po_path.read_text(encoding="utf-8").replace("X-Review-Status: draft", "X-Review-Status: reviewed")
    damaged.po_path.write_bytes(b"\xff" + text.encode("utf-8"))
    assert catalogues.review_status(damaged.po_path) == "reviewed"


def test_a_compiled_catalogue_as_new_as_its_po_is_checked(damaged, capsys):
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    mo_path = damaged.po_path.with_suffix(".mo")
    with open(mo_path, "wb") as handle:
        write_mo(handle, Catalog(locale="tr"))
    same = damaged.po_path.stat().st_mtime_ns
    os.utime(mo_path, ns=(same, same))
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and len(out) == 1 and "messages.mo does not match messages.po" in out[0]


def test_a_compiled_catalogue_that_cannot_be_read_is_reported(damaged, capsys):
    damaged.po_path.with_suffix(".mo").write_bytes(b"not a compiled catalogue")
    status, out = run_check(damaged.folder, capsys)
    assert status == 1 and finding_lines(out) == [
        "tr/LC_MESSAGES/messages.po:1: error: messages.mo does not match messages.po (cannot be read); the kiosk "
        "rebuilds it when it starts, or run `kiosk i18n compile`"]
