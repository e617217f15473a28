"""The app's models live with the search wing; importing them here keeps their app label ("bansos_portal"),
tables and migrations as they are."""

from bansos_portal.search.models import (  # noqa: F401
    BestBet,
    SearchEntry,
    SearchPosting,
    SearchQueryStat,
    SearchTerm,
    SynonymGroup,
)
