"""The `kiosk` command: one module per command group, each adding its subcommands with ``add_commands``.

Only this package prints and parses arguments; the modules it calls return results and raise errors."""

from __future__ import annotations

import argparse


def build_parser() -> argparse.ArgumentParser:
    # Imported here, not with the package: the kiosk window's server process runs kiosk.cli.serve, and must not
    # wait for what other commands import (SQLAlchemy, Frozen-Flask, brotli) before it answers (issue 16).
    from . import check, export, feedback, i18n, pin, posters, settings

    parser = argparse.ArgumentParser(prog="kiosk", description="Safeguarding Learning Kiosk tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check.add_commands(commands)
    i18n.add_commands(commands)
    export.add_commands(commands)
    posters.add_commands(commands)
    settings.add_commands(commands)
    pin.add_commands(commands)
    feedback.add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)

