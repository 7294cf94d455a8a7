"""Topic words shown on the search page: a tap runs a search, so a kiosk with no keyboard can search too.

Each is a word or two found in the cards, translated like every other string (context "search topic"); a
translation must be a word the cards use in that language, which tests/test_search.py checks in every language.
"""

from __future__ import annotations

from ..i18n import pgettext


def topic_words() -> list[str]:
    return [
        pgettext("search topic", "neglect"),
        pgettext("search topic", "attachment"),
        pgettext("search topic", "domestic abuse"),
        pgettext("search topic", "mental health"),
        pgettext("search topic", "disabled"),
        pgettext("search topic", "listening"),
        pgettext("search topic", "information sharing"),
    ]
