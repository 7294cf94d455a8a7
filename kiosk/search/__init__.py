"""Search every card, in the page's language: `/<lang>/search/?q=WORDS` rendered by the server (works without
JavaScript), and `/<lang>/search/index.json`, the same cards and rules for the browser (static/js/search.js with
MiniSearch), which the static export and the service worker keep offline.

Rules are data (``rules.json``); ``normalise`` applies them, ``index`` matches and scores as MiniSearch does,
``topics`` holds the tappable topic words.
"""

from __future__ import annotations

import json

from flask import Blueprint, current_app, render_template, request, url_for

from .. import views
from ..i18n import current_language, gettext, ngettext
from ..state import kiosk_state
from .index import Document, SearchIndex, marked_parts, snippet
from .normalise import rules
from .topics import topic_words

bp = Blueprint("search", __name__)
bp.url_value_preprocessor(views.take_language)
bp.url_defaults(views.add_language)


def documents() -> list[Document]:
    """Every card's title, summary, points and questions in the page's language (English where not translated)."""
    return [Document(slug=card.slug, url=url_for("pages.card", slug=slug), title=gettext(card.title, card.title.context),
                     summary=gettext(card.summary, card.summary.context),
                     points=tuple(gettext(p.text, p.text.context) for p in card.points),
                     questions=tuple(gettext(q, q.context) for q in card.questions))
            for slug, card in views.library().cards.items()]


def language_index() -> SearchIndex:
    """The page's language's index, built on first use and kept (per site root, as the links in it are)."""
    built = kiosk_state().search_indexes
    key = (current_language().code, request.script_root)
    if key not in built:
        built[key] = SearchIndex(key[0], documents())
    return built[key]


def read_query() -> tuple[str, bool]:
    """The query, cleaned of control characters and cut to the rules' length; and whether it was cut."""
    raw = request.args.get("q", "")
    query = " ".join("".join(ch if ch.isprintable() else " " for ch in raw).split())
    limit = rules()["max_query_length"]
    return query[:limit], len(query) > limit


@bp.route("/<lang>/search/")
def page():
    query, cut = read_query()
    index = language_index()
    lang = index.lang
    results = [] if current_app.config.get("KIOSK_STATIC_EXPORT") else index.search(query)
    shown = [{"url": result.document.url, "title": marked_parts(result.document.title, result.terms, lang),
              "snippet": marked_parts(snippet(result.document, result.terms, lang), result.terms, lang)}
             for result in results]
    # every count the page can show, worded by the catalogue's plural rules, for the script to use as well
    counts = [ngettext("%(num)s card found", "%(num)s cards found", n) for n in range(len(index.documents) + 1)]
    return render_template("search.html", query=query, cut=cut, results=shown, topics=topic_words(),
                           max_length=rules()["max_query_length"], counts=counts)


@bp.route("/<lang>/search/index.json")
def index_json():
    """What the browser searches: the cards' text in this language and the rules, for MiniSearch."""
    index = language_index()
    data = {"lang": index.lang, "rules": rules(), "documents": [d.as_json() for d in index.documents]}
    return current_app.response_class(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                                      mimetype="application/json")
