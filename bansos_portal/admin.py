"""The search wing's admin (synonyms, best bets, the search report), found here by admin autodiscovery."""

from bansos_portal.search import admin  # noqa: F401
