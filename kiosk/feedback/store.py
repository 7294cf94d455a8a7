"""Where answers are kept: one SQLAlchemy Core code path for a SQLite file (the default, in the platform's data
folder) and PostgreSQL through psycopg 3 (a partnership-wide collector), chosen by the ``database_url`` setting.

The schema is Alembic's (kiosk/feedback/migrations/, shipped in the package): opening a store upgrades the database
to the newest revision. Each answer is stored under the id its client made, in one transaction, so a retry never
counts twice and a failure leaves nothing half-written.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from . import StoreError
from .answer import Answer

HEAD = "0001"  # the newest migration (tests/test_feedback_store.py checks it against Alembic's own view)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

metadata = sa.MetaData()
answers = sa.Table(
    "feedback_answers", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("card", sa.String(100), nullable=False),
    sa.Column("language", sa.String(20), nullable=False),
    sa.Column("answer", sa.String(3), nullable=False),
    sa.Column("reasons", sa.String(200), nullable=False, server_default=""),
    sa.Column("comment", sa.Text, nullable=False, server_default=""),
    sa.Column("needs_review", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("answered_at", sa.DateTime, nullable=False),
    sa.Column("outlet", sa.String(60), nullable=False),
    sa.Column("sent_at", sa.DateTime, nullable=True),  # a device's outbox: when the collector took it
)


def upgrade(engine: sa.Engine) -> None:
    """Bring the database to the newest schema with Alembic (imported only when there is something to do)."""
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        if inspector.has_table("alembic_version"):
            current = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            if current == HEAD:
                return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def make_engine(url: str) -> sa.Engine:
    parsed = sa.engine.make_url(url)
    if parsed.drivername == "postgresql":  # psycopg 3, the driver the postgres extra installs
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(parsed, connect_args={"timeout": 30})
    sa.event.listen(engine, "connect", sqlite_pragmas)
    return engine


def sqlite_pragmas(connection, _record) -> None:
    """Write-ahead logging: readers never wait for the writer, and a crash mid-write leaves the last commit."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def row(answer: Answer) -> dict:
    return {**vars(answer), "reasons": ",".join(answer.reasons)}  # vars, not asdict: asdict deep-copies (slow)


def from_row(values) -> Answer:
    data = dict(values._mapping)
    data.pop("sent_at", None)
    return Answer(**{**data, "reasons": tuple(filter(None, data["reasons"].split(",")))})


class Store:
    def __init__(self, url: str):
        self.url = url
        try:
            self.engine = make_engine(url)
            upgrade(self.engine)
        except Exception as err:  # any driver's failure: a missing folder, a refused connection, a bad URL
            raise StoreError(f"cannot open the feedback database {where(url)}: {reason(err)}") from err

    def add(self, answer: Answer, sent: datetime | None = None) -> str:
        """Store ``answer``: "stored"; "duplicate" when its id is already there (a retry); "updated" when it
        adds reasons or a comment to a "no" that had none (the second step of the form without JavaScript)."""
        try:
            with self.engine.begin() as connection:
                connection.execute(answers.insert().values(**row(answer), sent_at=sent))
            return "stored"
        except IntegrityError:
            pass
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"cannot store an answer in {where(self.url)}: {reason(err)}") from err
        with self.engine.begin() as connection:
            result = connection.execute(
                answers.update()
                .where(answers.c.id == answer.id, answers.c.card == answer.card, answers.c.answer == "no",
                       answer.answer == "no", answers.c.reasons == "", answers.c.comment == "")
                .values(reasons=",".join(answer.reasons), comment=answer.comment, needs_review=answer.needs_review,
                        sent_at=None))
        return "updated" if result.rowcount and (answer.reasons or answer.comment) else "duplicate"

    def add_many(self, batch: Iterable[Answer]) -> dict[str, str]:
        """Store a device's batch in one transaction: {id: "stored" | "duplicate" | "updated"}. Answers already
        there (a batch sent again) go one by one through ``add``, which tells a duplicate from an update."""
        batch = list({answer.id: answer for answer in batch}.values())
        ids = [answer.id for answer in batch]
        try:
            with self.engine.begin() as connection:
                known = set(connection.execute(sa.select(answers.c.id).where(answers.c.id.in_(ids))).scalars())
                new = [row(answer) for answer in batch if answer.id not in known]
                if new:
                    connection.execute(answers.insert(), new)
        except IntegrityError:  # another request stored one of them meanwhile: one by one, then
            return {answer.id: self.add(answer) for answer in batch}
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"cannot store answers in {where(self.url)}: {reason(err)}") from err
        return {answer.id: self.add(answer) if answer.id in known else "stored" for answer in batch}

    def get(self, answer_id: str) -> Answer | None:
        with self.engine.connect() as connection:
            found = connection.execute(answers.select().where(answers.c.id == answer_id)).first()
        return from_row(found) if found else None

    def all(self, since: datetime | None = None) -> Iterator[Answer]:
        query = answers.select().order_by(answers.c.answered_at, answers.c.id)
        if since is not None:
            query = query.where(answers.c.answered_at >= since)
        with self.engine.connect() as connection:
            for found in connection.execute(query):
                yield from_row(found)

    def unsent(self, limit: int = 100) -> list[Answer]:
        with self.engine.connect() as connection:
            return [from_row(found) for found in connection.execute(
                answers.select().where(answers.c.sent_at.is_(None)).order_by(answers.c.answered_at).limit(limit))]

    def mark_sent(self, ids: list[str], when: datetime) -> None:
        with self.engine.begin() as connection:
            connection.execute(answers.update().where(answers.c.id.in_(ids)).values(sent_at=when))

    def summary(self) -> list[tuple[str, str, int, int]]:
        """(card, language, yes, no) for every card and language answered, by card then language."""
        yes = sa.func.sum(sa.case((answers.c.answer == "yes", 1), else_=0))
        no = sa.func.sum(sa.case((answers.c.answer == "no", 1), else_=0))
        query = (sa.select(answers.c.card, answers.c.language, yes, no)
                 .group_by(answers.c.card, answers.c.language).order_by(answers.c.card, answers.c.language))
        with self.engine.connect() as connection:
            return [(card, language, int(y), int(n)) for card, language, y, n in connection.execute(query)]

    def close(self) -> None:
        self.engine.dispose()


def where(url: str) -> str:
    """The database URL to show in a log or on screen: never its password."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "(a database URL that cannot be read)"


def reason(err: Exception) -> str:
    text = str(getattr(err, "orig", None) or err).strip().splitlines()
    return text[0] if text else err.__class__.__name__
