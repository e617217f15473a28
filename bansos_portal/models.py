"""The app's models live with the search wing (and the page cache's change counter with the page cache);
importing them here keeps their app label ("bansos_portal"), tables and migrations as they are."""

from bansos_portal.page_cache.models import ContentChange  # noqa: F401
from bansos_portal.search.models import (  # noqa: F401
    BestBet,
    CitizenWord,
    SearchEntry,
    SearchPosting,
    SearchQueryStat,
    SearchTerm,
    SynonymGroup,
)
