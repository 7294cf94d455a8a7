"""The same store code on a real PostgreSQL (Debian's, started by the test suite through psycopg 3): the schema
by Alembic, answers counted once, kept across a reconnect, summarised."""

import uuid
from datetime import datetime

import sqlalchemy as sa

from kiosk import create_app
from kiosk.feedback import feedback
from kiosk.feedback.answer import Answer
from kiosk.feedback.store import HEAD, Store


def test_postgresql_keeps_answers_once_each_across_a_reconnect(postgresql_url):
    store = Store(postgresql_url)
    answers = [Answer(id=str(uuid.uuid4()), card="child-neglect", language=language, answer=value,
                      reasons=("translation",) if value == "no" else (), comment="[phone] ok" if value == "no" else "",
                      needs_review=value == "no", answered_at=datetime(2026, 12, 1, 9, 30), outlet="collector")
               for language, value in [("ar", "yes"), ("ar", "no"), ("bn", "yes")]]
    assert [store.add(answer) for answer in answers] == ["stored"] * 3
    assert store.add(answers[0]) == "duplicate"
    store.close()

    again = Store(postgresql_url)
    with again.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    kept = {answer.id: answer for answer in again.all()}
    assert all(kept[answer.id] == answer for answer in answers)
    assert [row for row in again.summary() if row[0] == "child-neglect" and row[1] in ("ar", "bn")] == [
        ("child-neglect", "ar", 1, 1), ("child-neglect", "bn", 1, 0)]
    again.close()


def test_the_app_posts_to_postgresql_with_the_same_code(postgresql_url):
    app = create_app({"TESTING": True, "DATABASE_URL": postgresql_url.replace("+psycopg", "")})
    response = app.test_client().post("/bn/themes/child-neglect/feedback/", data={"answer": "yes"})
    assert response.status_code == 303
    assert app.test_client().get("/healthz").get_json()["feedback"]["database"] == "ok"
    assert any(answer.language == "bn" and answer.outlet == "web" for answer in feedback(app).store.all())
