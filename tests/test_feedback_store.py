"""The feedback database: answers kept across restarts, each id counted once, the schema Alembic's, and the
staff's tools (CSV export read back with the csv module, the summary) working on it."""

import csv
import io
import sqlite3
from datetime import datetime

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from kiosk.cli import main
from kiosk.feedback.answer import Answer, new_id
from kiosk.feedback.csv_export import ENCODING
from kiosk.feedback.store import HEAD, MIGRATIONS, Store, StoreError


def an_answer(**fields) -> Answer:
    return Answer(**{"id": new_id(), "card": "child-neglect", "language": "tr", "answer": "yes",
                     "answered_at": datetime(2026, 12, 1, 9, 30), "outlet": "reception", **fields})


@pytest.fixture()
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'feedback.sqlite3'}"


def test_the_schema_head_the_store_checks_is_alembics_newest_migration():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD]


def test_a_new_database_is_made_by_alembics_migrations(tmp_path, database_url):
    Store(database_url).close()
    with sqlite3.connect(tmp_path / "feedback.sqlite3") as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
        columns = [row[1] for row in connection.execute("PRAGMA table_info(feedback_answers)")]
    assert columns == ["id", "card", "language", "answer", "reasons", "comment", "needs_review", "answered_at",
                       "outlet", "sent_at"]  # no address, cookie or fingerprint column


def test_a_restart_keeps_every_answer(database_url):
    store = Store(database_url)
    given = [an_answer(), an_answer(answer="no", reasons=("translation",), comment="[email] wrote", needs_review=True)]
    for answer in given:
        assert store.add(answer) == "stored"
    store.close()
    assert list(Store(database_url).all()) == sorted(given, key=lambda answer: answer.id)


def test_the_same_answer_sent_twice_is_counted_once(database_url):
    store = Store(database_url)
    answer = an_answer()
    assert [store.add(answer), store.add(answer)] == ["stored", "duplicate"]
    assert store.summary() == [("child-neglect", "tr", 1, 0)]


def test_reasons_can_be_added_once_to_a_no_that_had_none(database_url):
    store = Store(database_url)
    bare = an_answer(answer="no")
    store.add(bare)
    assert store.add(an_answer(id=bare.id, answer="no", reasons=("hard-to-understand",))) == "updated"
    assert store.add(an_answer(id=bare.id, answer="no", reasons=("translation",))) == "duplicate"
    assert store.add(an_answer(id=bare.id, answer="yes")) == "duplicate"
    assert store.get(bare.id).reasons == ("hard-to-understand",)


def test_a_database_that_cannot_be_opened_is_a_clear_error_without_the_password(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(StoreError, match="cannot open the feedback database"):
        Store(f"sqlite:///{tmp_path / 'file' / 'feedback.sqlite3'}")
    with pytest.raises(StoreError) as raised:
        Store("postgresql://kiosk:s3cret@127.0.0.1:1/feedback")
    assert "s3cret" not in str(raised.value) and "***" in str(raised.value)


def test_export_writes_csv_excel_reads_with_every_formula_guarded(tmp_path, database_url, monkeypatch, capsys):
    store = Store(database_url)
    comments = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "Türkçe ve العربية, \"quoted\""]
    for comment in comments:
        store.add(an_answer(answer="no", comment=comment, needs_review=False))
    store.close()
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)
    output = tmp_path / "answers.csv"
    assert main(["feedback", "export", "-o", str(output)]) == 0
    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode(ENCODING), newline="")))
    assert sorted(row["comment"] for row in rows) == sorted(
        ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tTab", "'\rCR", "Türkçe ve العربية, \"quoted\""])
    assert {row["answered_at"] for row in rows} == {"2026-12-01 09:30"}
    assert "Wrote 7 answers" in capsys.readouterr().err


def test_export_since_a_date_leaves_out_older_answers(database_url, monkeypatch, capsys):
    store = Store(database_url)
    store.add(an_answer(answered_at=datetime(2026, 11, 30, 23, 59)))
    store.add(an_answer(answered_at=datetime(2026, 12, 1, 0, 0)))
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)
    assert main(["feedback", "export", "--since", "2026-12-01"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert [row[0] for row in rows[1:]] == ["2026-12-01 00:00"]


def test_summary_counts_yes_and_no_per_card_and_language(database_url, monkeypatch, capsys):
    store = Store(database_url)
    for answer, language in [("yes", "tr"), ("yes", "tr"), ("no", "tr"), ("no", "ar")]:
        store.add(an_answer(answer=answer, language=language))
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)
    assert main(["feedback", "summary"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["child-neglect", "ar", "0", "1", "0%"]
    assert lines[2].split() == ["child-neglect", "tr", "2", "1", "67%"]


def test_the_settings_show_where_the_feedback_is_kept(monkeypatch, capsys, database_url):
    monkeypatch.setenv("KIOSK_DATABASE_URL", "postgresql://kiosk:s3cret@db.example/feedback")
    assert main(["settings"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("database_url"))
    assert "postgresql://kiosk:***@db.example/feedback" in line and "s3cret" not in line


def test_a_batch_sent_again_is_stored_once_and_its_new_answers_are_added(database_url):
    store = Store(database_url)
    first = [an_answer() for _ in range(3)]
    assert set(store.add_many(first).values()) == {"stored"}
    later = an_answer()
    assert store.add_many([*first, later, later]) == {**{a.id: "duplicate" for a in first}, later.id: "stored"}
    assert len(list(store.all())) == 4
