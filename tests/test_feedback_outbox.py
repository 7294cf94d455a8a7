"""A kiosk with ``feedback_url`` keeps answers in its own database and sends them to the collector when it can:
nothing is lost while the collector is unreachable, nothing is counted twice when it comes back; and the real
server keeps every answer across a restart."""

import json
import threading
import time
import urllib.request
import uuid

import pytest
from waitress.server import create_server

from kiosk import create_app
from kiosk.feedback import feedback
from kiosk.feedback.answer import Answer
from kiosk.feedback.sender import send_pending
from kiosk.feedback.store import Store

from tests.helpers import Served, free_port


class Collector:
    """A collector app served by waitress on a fixed loopback port, which can be stopped and started again."""

    def __init__(self, tmp_path):
        self.app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'collector.sqlite3'}"})
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/feedback/collect"
        self.server = None

    def start(self):
        self.server = create_server(self.app, host="127.0.0.1", port=self.port, threads=2)
        threading.Thread(target=self.server.run, daemon=True).start()

    def stop(self):
        if self.server:
            self.server.close()
            self.server = None

    def ids(self):
        return [answer.id for answer in feedback(self.app).store.all()]


@pytest.fixture()
def collector(tmp_path):
    made = Collector(tmp_path)
    yield made
    made.stop()


def wait_for(condition, timeout=20):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


def test_answers_wait_while_the_collector_is_unreachable_and_go_once_it_is_back(tmp_path, collector):
    device = Store(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    given = [Answer(id=str(uuid.uuid4()), card="child-neglect", language="pl", answer="yes", outlet="reception")
             for _ in range(120)]
    device.add_many(given)
    assert send_pending(device, collector.url, timeout=2) == 0  # nobody answers: they all wait
    assert len(device.unsent(1000)) == 120
    collector.start()
    assert send_pending(device, collector.url) == 120
    assert device.unsent(1000) == []
    assert send_pending(device, collector.url) == 0  # nothing left, and nothing sent twice
    assert sorted(collector.ids()) == sorted(answer.id for answer in given)


def test_a_kiosk_with_feedback_url_sends_a_form_answer_on_by_itself(tmp_path, collector):
    collector.start()
    kiosk = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'kiosk.sqlite3'}",
                        "FEEDBACK_URL": collector.url, "KIOSK_NAME": "Reception 2"})
    assert kiosk.test_client().post("/so/themes/child-neglect/feedback/", data={"answer": "yes"}).status_code == 303
    wait_for(lambda: collector.ids())
    [answer] = feedback(collector.app).store.all()
    assert (answer.language, answer.outlet) == ("so", "Reception 2")
    wait_for(lambda: not feedback(kiosk).store.unsent())


def post_answers(port: int, ids: list[str]) -> dict:
    body = json.dumps({"answers": [{"id": answer_id, "card": "child-neglect", "language": "en", "answer": "no",
                                    "reasons": ["translation"]} for answer_id in ids]}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/feedback/collect", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def test_the_real_server_keeps_every_answer_across_a_restart(tmp_path):
    env = {"KIOSK_DATABASE_URL": f"sqlite:///{tmp_path / 'feedback.sqlite3'}"}
    ids = [str(uuid.uuid4()) for _ in range(3)]
    server = Served(env)
    try:
        for answer_id in ids:
            assert post_answers(server.port, [answer_id])["stored"] == [answer_id]
    finally:
        server.stop()
    server = Served(env)  # a fresh process opens the same database: it knows every answer already
    try:
        assert post_answers(server.port, ids) == {"stored": [], "duplicate": ids, "rejected": {}}
    finally:
        server.stop()
    assert sorted(answer.id for answer in Store(env["KIOSK_DATABASE_URL"]).all()) == sorted(ids)
