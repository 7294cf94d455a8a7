"""The question at the end of each card, as a browser without JavaScript and other clients use it: answers go in
by a normal form post and a redirect; bad input of every kind gets a clear 4xx page with the report panel (never
a 5xx), and stores nothing; the collector takes JSON only from the origins it is told."""

import html
import logging
import re
import uuid

import pytest

from kiosk import create_app
from kiosk.feedback import feedback
from kiosk.feedback.store import answers as answers_table
from kiosk.feedback.views import LIMITER

from tests.helpers import NUMBERS, panel_of

CARD = "/tr/themes/child-neglect/"
ANSWER = CARD + "feedback/"


@pytest.fixture(scope="module")
def made_app(tmp_path_factory):
    return create_app({"TESTING": True, "FEEDBACK_ORIGINS": ["https://tablets.partnership.example"],
                       "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('feedback') / 'feedback.sqlite3'}"})


@pytest.fixture()
def app(made_app):
    """The module's app (made once: making one costs a second), with no answers, no client counted yet, and
    its settings as made."""
    with feedback(made_app).store.engine.begin() as connection:
        connection.execute(answers_table.delete())
    made_app.extensions.pop(LIMITER, None)
    config = dict(made_app.config)
    yield made_app
    made_app.config.update(config)


@pytest.fixture()
def client(app):
    return app.test_client()


def stored(app):
    return list(feedback(app).store.all())


def test_every_card_asks_with_the_numbers_to_call_beside_the_question(client):
    page = client.get(CARD).get_data(as_text=True)
    question = re.search(r'<section class="feedback".*?</section>', page, re.S).group(0)
    assert 'method="post"' in question and f'action="{ANSWER}"' in question
    for number, tel in NUMBERS.items():
        assert f'href="{tel}"' in question and number in question


def test_yes_is_stored_and_thanked_on_a_page_of_its_own(app, client):
    response = client.post(ANSWER, data={"answer": "yes"})
    assert response.status_code == 303 and response.headers["Location"] == CARD + "feedback/thanks/"
    assert client.get(response.headers["Location"]).status_code == 200
    [answer] = stored(app)
    assert (answer.card, answer.language, answer.answer, answer.outlet) == ("child-neglect", "tr", "yes", "web")
    assert answer.answered_at.second == 0 and answer.answered_at.microsecond == 0


def test_no_then_reasons_and_a_comment_make_one_answer_with_personal_details_scrubbed(app, client):
    first = client.post(ANSWER, data={"answer": "no"})
    more = client.get(first.headers["Location"])
    answer_id = re.search(r'name="id" value="([^"]+)"', more.get_data(as_text=True)).group(1)
    assert 'name="reasons" value="translation"' in more.get_data(as_text=True)
    second = client.post(ANSWER, data={"answer": "no", "id": answer_id, "reasons": ["translation", "hard-to-understand"],
                                       "comment": "Ring me on 07700 900123 or jo@example.com"})
    assert second.headers["Location"] == CARD + "feedback/thanks/"
    [answer] = stored(app)
    assert answer.reasons == ("hard-to-understand", "translation")
    assert answer.comment == "Ring me on [phone] or [email]" and answer.needs_review


def test_a_kiosk_without_typing_shows_no_comment_box(tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'f.sqlite3'}",
                      "FEEDBACK_COMMENTS": False})
    page = app.test_client().get(CARD).get_data(as_text=True)
    assert "<textarea" not in page and 'name="reasons"' in page


@pytest.mark.parametrize("path, data, status", [
    ("/tr/themes/no-such-card/feedback/", {"answer": "yes"}, 404),
    ("/xx/themes/child-neglect/feedback/", {"answer": "yes"}, 404),
    (ANSWER, {}, 400),
    (ANSWER, {"answer": "maybe"}, 400),
    (ANSWER, {"answer": "no", "reasons": "made-up"}, 400),
    (ANSWER, {"answer": "yes", "comment": "yes with a comment"}, 400),
    (ANSWER, {"answer": "no", "id": "not-a-uuid"}, 400),
    (ANSWER, {"answer": "no", "comment": "x" * 20_000}, 413),
])
def test_bad_input_gets_a_clear_4xx_page_with_the_panel_and_stores_nothing(app, client, path, data, status):
    response = client.post(path, data=data)
    assert response.status_code == status
    for number in NUMBERS:
        assert number in panel_of(response.get_data(as_text=True))
    assert stored(app) == []


def test_binary_body_is_a_400_page_not_a_crash(app, client):
    response = client.post(ANSWER, data=bytes(range(256)) * 8, content_type="application/octet-stream")
    assert response.status_code == 400 and "report-panel" in response.get_data(as_text=True)
    response = client.post(ANSWER, data=b"answer=\xff\xfe\x00yes", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert stored(app) == []


def test_a_comment_over_1000_characters_is_a_friendly_413_that_keeps_every_word(app, client):
    comment = "This card could say more about " + "neglect " * 130
    response = client.post(ANSWER, data={"answer": "no", "reasons": "translation", "comment": comment})
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert 'role="alert"' in page and comment.strip() in page and 'value="translation" checked' in page
    assert stored(app) == []


def test_a_form_posted_from_another_site_is_refused(app, client):
    for headers in ({"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
                    {"Origin": "null", "Sec-Fetch-Site": "same-site"}, {"Origin": "https://evil.example"}):
        response = client.post(ANSWER, data={"answer": "yes"}, headers=headers)
        assert response.status_code == 403 and "report-panel" in response.get_data(as_text=True)
    # our own pages: a browser says so by Sec-Fetch-Site (Origin is "null" under our no-referrer policy)
    for headers in ({"Origin": "null", "Sec-Fetch-Site": "same-origin"}, {"Origin": "http://localhost"}):
        assert client.post(ANSWER, data={"answer": "yes"}, headers=headers).status_code == 303
    assert len(stored(app)) == 2


def test_a_flood_from_one_client_is_slowed_with_a_429_page(app, client):
    app.config["FEEDBACK_POSTS_PER_MINUTE"] = 3
    statuses = [client.post(ANSWER, data={"answer": "yes"}).status_code for _ in range(5)]
    assert statuses == [303, 303, 303, 429, 429]
    other = client.post(ANSWER, data={"answer": "yes"}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 303
    assert len(stored(app)) == 4


def test_a_database_that_cannot_be_opened_leaves_the_cards_working_and_says_so(tmp_path, caplog):
    (tmp_path / "file").write_text("")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'file' / 'f.sqlite3'}"})
    client = app.test_client()
    assert client.get("/healthz").get_json()["feedback"] == {"database": "not opened yet"}  # opened when needed
    with caplog.at_level(logging.ERROR):
        card = client.get(CARD)
    assert "cannot open the feedback database" in caplog.text
    assert card.status_code == 200 and 'class="feedback"' not in card.get_data(as_text=True)
    health = client.get("/healthz").get_json()
    assert health["status"] == "ok" and health["feedback"]["database"] == "unavailable"
    assert "cannot open" in health["feedback"]["problem"]
    assert client.post(ANSWER, data={"answer": "yes"}).status_code == 503


def test_the_database_is_opened_by_a_card_or_soon_after_serving_never_by_the_home_page(tmp_path, monkeypatch):
    # issue 16: opening it imports SQLAlchemy, a sizeable part of the kiosk's start, which the home page never needs
    url = f"sqlite:///{tmp_path / 'f.sqlite3'}"
    app = create_app({"TESTING": True, "DATABASE_URL": url})
    client = app.test_client()
    assert client.get("/tr/").status_code == 200 and client.get("/tr/report/").status_code == 200
    assert not feedback(app).opened and not (tmp_path / "f.sqlite3").exists()
    assert 'class="feedback"' in client.get(CARD).get_data(as_text=True)
    assert feedback(app).opened and client.get("/healthz").get_json()["feedback"] == {"database": "ok"}
    served = create_app({"TESTING": True, "DATABASE_URL": url})
    monkeypatch.setattr("kiosk.feedback.OPEN_AFTER", 0.1)
    from kiosk.feedback import open_soon

    open_soon(served)  # what the server does as it starts serving
    assert feedback(served)._opened.wait(10)
    assert served.test_client().get("/healthz").get_json()["feedback"] == {"database": "ok"}


def json_answer(**fields):
    return {"id": str(uuid.uuid4()), "card": "child-neglect", "language": "ar", "answer": "yes",
            "at": "2026-12-01T09:30:41Z", "outlet": "tablet", **fields}


def test_the_collector_takes_a_batch_once_however_often_it_is_sent(app, client):
    batch = {"answers": [json_answer(), json_answer(answer="no", reasons=["translation"], comment="born 1.2.15")]}
    first = client.post("/feedback/collect", json=batch).get_json()
    again = client.post("/feedback/collect", json=batch).get_json()
    ids = [item["id"] for item in batch["answers"]]
    assert first == {"stored": ids, "duplicate": [], "rejected": {}}
    assert again == {"stored": [], "duplicate": ids, "rejected": {}}
    answers = {answer.id: answer for answer in stored(app)}
    assert answers[ids[1]].comment == "born [date]" and answers[ids[0]].outlet == "tablet"
    assert str(answers[ids[0]].answered_at) == "2026-12-01 09:30:00"


def test_the_collector_answers_only_the_origins_it_is_told_by_cors(client):
    allowed = {"Origin": "https://tablets.partnership.example"}
    preflight = client.options("/feedback/collect", headers=allowed)
    assert preflight.headers["Access-Control-Allow-Origin"] == allowed["Origin"]
    response = client.post("/feedback/collect", json={"answers": [json_answer()]}, headers=allowed)
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == allowed["Origin"]
    refused = client.post("/feedback/collect", json={"answers": [json_answer()]},
                          headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403 and "Access-Control-Allow-Origin" not in refused.headers
    assert client.options("/feedback/collect", headers={"Origin": "https://evil.example"}).status_code == 403


def test_the_collector_rejects_bad_answers_one_by_one_and_bad_posts_whole(app, client):
    result = client.post("/feedback/collect", json={"answers": [
        json_answer(card="no-such-card"), json_answer(comment="x" * 1001, answer="no"), json_answer()]}).get_json()
    assert len(result["stored"]) == 1 and len(result["rejected"]) == 2
    assert client.post("/feedback/collect", data=b"\x00\xff" * 10, content_type="application/json").status_code == 400
    assert client.post("/feedback/collect", json={"answers": [json_answer()] * 101}).status_code == 400
    assert client.post("/feedback/collect", json={"answers": [{"card": "child-neglect"}]}).status_code == 400
    assert client.post("/feedback/collect", data="answers", content_type="text/plain").status_code == 415
    huge = {"answers": [json_answer(comment="y" * 900, answer="no") for _ in range(80)]}
    assert client.post("/feedback/collect", json=huge).status_code == 413
    assert len(stored(app)) == 1


def test_the_static_export_asks_only_where_a_collector_is_set_and_may_reach_only_that_one():
    without = create_app({"TESTING": True, "KIOSK_STATIC_EXPORT": True}).test_client().get(CARD)
    assert 'class="feedback"' not in without.get_data(as_text=True)
    page = create_app({"TESTING": True, "KIOSK_STATIC_EXPORT": True,
                       "FEEDBACK_URL": "https://collector.partnership.example/feedback/collect"}
                      ).test_client().get(CARD).get_data(as_text=True)
    question = re.search(r'<section class="feedback".*?</section>', page, re.S).group(0)
    assert " hidden>" in question.split(">", 1)[0] + ">"  # shown by feedback.js only: there is no server to post to
    assert "action=" not in question
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "connect-src 'self' https://collector.partnership.example;" in policy
