"""`kiosk feedback export [-o FILE] [--since DATE]` and `kiosk feedback summary`: the answers to "Was this
useful?" from the database the settings name (database_url)."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from ..feedback.csv_export import ENCODING, write_csv
from ..feedback.store import Store, StoreError
from ..settings import load_settings
from .settings import environment


def open_store(args) -> Store | None:
    try:
        return Store(load_settings(environment(args.settings))["DATABASE_URL"])
    except StoreError as err:
        print(err, file=sys.stderr)
        return None


def export(args) -> int:
    store = open_store(args)
    if store is None:
        return 1
    since = datetime.combine(args.since, datetime.min.time()) if args.since else None
    try:
        if args.output in (None, "-"):
            sys.stdout.reconfigure(encoding=ENCODING, newline="")
            count = write_csv(store.all(since), sys.stdout)
        else:
            with Path(args.output).open("w", encoding=ENCODING, newline="") as stream:
                count = write_csv(store.all(since), stream)
            print(f"Wrote {count} answers to {args.output}", file=sys.stderr)
    except OSError as err:
        print(f"cannot write {args.output}: {err.strerror or err}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0


def summary(args) -> int:
    store = open_store(args)
    if store is None:
        return 1
    rows = store.summary()
    store.close()
    if not rows:
        print("No answers yet.")
        return 0
    width = max(len("card"), *(len(card) for card, *_ in rows))
    print(f"{'card':<{width}}  {'language':<8}  {'yes':>5}  {'no':>5}  {'useful':>6}")
    for card, language, yes, no in rows:
        print(f"{card:<{width}}  {language:<8}  {yes:>5}  {no:>5}  {yes / (yes + no):>6.0%}")
    total_yes, total_no = sum(row[2] for row in rows), sum(row[3] for row in rows)
    print(f"{'all':<{width}}  {'':<8}  {total_yes:>5}  {total_no:>5}  {total_yes / (total_yes + total_no):>6.0%}")
    return 0


def day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2026-12-01, got {value!r}") from None


def add_commands(commands) -> None:
    parser = commands.add_parser("feedback", help="the answers to 'Was this useful?': export or summary")
    parser.add_argument("--settings", help="settings file (default: KIOSK_SETTINGS, then the per-user file)")
    actions = parser.add_subparsers(dest="action", required=True)
    exporting = actions.add_parser("export", help="write every answer as CSV (UTF-8, for Excel too)")
    exporting.add_argument("-o", "--output", help="file to write (default: standard output)")
    exporting.add_argument("--since", type=day, help="only answers from this date on (YYYY-MM-DD)")
    exporting.set_defaults(run=export)
    summing = actions.add_parser("summary", help="yes and no per card and language")
    summing.set_defaults(run=summary)
