"""The translators' page: progress and review status per language, and any card side by side with the English.

Not linked from the kiosk; translators open /<lang>/translators/ directly.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from .i18n import catalogues
from .state import kiosk_state

bp = Blueprint("translators", __name__)


def language_rows() -> list[dict]:
    rows = []
    for code, status in kiosk_state().language_status.items():
        row = {"status": status, "stats": None, "problem": status.problem}
        if status.po_path is not None:
            try:
                row["stats"] = catalogues.stats(status.po_path)
            except catalogues.CatalogueError as err:
                row["problem"] = str(err)
        rows.append(row)
    return rows


@bp.route("/<lang>/translators/")
def overview():
    library = kiosk_state().library
    return render_template("translators/overview.html", rows=language_rows(), cards=list(library.cards.values()))


@bp.route("/<lang>/translators/<slug>/")
def side_by_side(slug):
    card = kiosk_state().library.cards.get(slug)
    if card is None:
        abort(404)
    return render_template("translators/side_by_side.html", card=card)
