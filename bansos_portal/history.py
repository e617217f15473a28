"""Revision history (django-simple-history) for content models: `history = HistoricalRecords()`.

django-simple-history builds a new manager class, with Django's from_queryset, every time `Model.history`
or `item.history` is read, and it reads it on every save to write the revision: a few hundred
microseconds each, on every save of an import, an admin form or a test. Here the class is built once and
reused (each manager still gets its own model and item); what the manager does is unchanged.
"""

import functools

from simple_history import manager, models


class HistoryManager(manager.HistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


def HistoricalRecords(**options):  # noqa: N802 - stands in for the library's class in model definitions
    return models.HistoricalRecords(history_manager=HistoryManager, **options)
