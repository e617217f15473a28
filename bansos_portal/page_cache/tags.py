"""What a page shows, recorded while it renders, and what a change outdates: tags both sides agree on.

A page is outdated by exactly the changes that could alter it. Every query a render sends is recorded:

- A query that picks rows of one content model by a *key* (its primary key, a unique field or a foreign
  key equal to, or in, given values) with nothing else that reads another table gets one *key tag* per
  value, e.g. `programs.Budget.program_id=3`. Its rows can only differ after a change to a row that had,
  or now has, that value: such a change bumps that tag.
- Any other query (lists, counts, joins used to filter or order, subqueries, raw SQL) gets the *list
  tag* of every content table named in its SQL, e.g. `programs.Budget`: any change to that model bumps it.
- Rows built as model instances add the key tag of their primary key, which covers the rows a
  select_related join brings along.
- Tables derived from all content (settings.PAGE_CACHE_DERIVED_MODELS: the search index) get the tag
  ANY_CHANGE, which every change bumps.

A change to a row bumps its model's list tag and its key tags for the old and the new value of every
key field. Covered generically, by app label (settings.PAGE_CACHE_CONTENT_APPS): a new content model
needs nothing registered.
"""

import re
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from functools import cache as once

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.db.models.expressions import Col
from django.db.models.lookups import Exact, In
from django.db.models.signals import post_init
from django.db.models.sql.compiler import (
    SQLAggregateCompiler,
    SQLCompiler,
    SQLDeleteCompiler,
    SQLInsertCompiler,
    SQLUpdateCompiler,
)
from django.db.models.sql.query import Query
from django.db.models.sql.where import AND

from .models import ContentChange

ANY_CHANGE = "*"

# The tags read so far by the render in progress (None outside a recorded render).
_reads = ContextVar("page_cache_reads", default=None)
# The ORM query being executed (its SQL is compiled by the time the statement is recorded).
_query = ContextVar("page_cache_query", default=None)


@once  # asked for every model instance a render builds; the settings it reads are fixed at startup
def is_content_model(model):
    model = model._meta.concrete_model
    return (
        model._meta.app_label in settings.PAGE_CACHE_CONTENT_APPS
        and model._meta.label not in settings.PAGE_CACHE_IGNORED_MODELS
        and model is not ContentChange
    )


def list_tag(model):
    return model._meta.concrete_model._meta.label


def key_tag(model, attname, value):
    if isinstance(value, Model):
        value = value.pk
    return f"{list_tag(model)}.{attname}={value}"


def key_fields(model):
    """The fields a query may pick rows by and still get key tags: primary key, unique fields, foreign keys."""
    model = model._meta.concrete_model
    return [
        field
        for field in model._meta.concrete_fields
        if field.primary_key or field.unique or field.many_to_one or field.one_to_one
    ]


def change_tags(model, old_values, new_values):
    """What a change to one row outdates: its model's lists, its keys before and after, and whatever is
    derived from all content."""
    tags = {list_tag(model), ANY_CHANGE}
    for values in (old_values, new_values):
        for attname, value in (values or {}).items():
            if value is not None:
                tags.add(key_tag(model, attname, value))
    return tags


def key_values(instance):
    return {field.attname: getattr(instance, field.attname) for field in key_fields(type(instance))}


@once
def _content_tables():
    """{table name: list tag} of every content model, and a pattern that finds them in SQL."""
    tables = {
        model._meta.db_table: list_tag(model)
        for model in apps.get_models(include_auto_created=True)
        if is_content_model(model)
    }
    for label in settings.PAGE_CACHE_DERIVED_MODELS:
        tables[apps.get_model(label)._meta.db_table] = ANY_CHANGE
    names = sorted(tables, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(name) for name in names) + r")\b") if names else None
    return tables, pattern


def tables_in(sql):
    tables, pattern = _content_tables()
    return {tables[name] for name in pattern.findall(sql)} if pattern else set()


def simple_query_tags(query):
    """Key tags for a query that picks rows of one content model by key, or None (then its tables count)."""
    model = query.model
    if model is None or not is_content_model(model) or type(query) is not Query:
        return None
    if query.combinator or query.extra or query.annotations or query.distinct_fields or query.group_by:
        return None
    ordering = query.order_by or (model._meta.ordering if query.default_ordering else ())
    if any(not isinstance(item, str) or "__" in item for item in ordering):
        return None
    # The first alias is the model's own table once the query is compiled (read it, not the cached
    # Query.base_table, which would keep None if read before).
    base = next(iter(query.alias_map), None)
    if base is None:
        return None
    where = query.where
    if where.connector != AND or where.negated:
        return None
    tags = set()
    for child in where.children:
        if not only_reads(child, base):
            return None
        tags |= lookup_key_tags(child, model, base)
    return tags or None


def only_reads(node, alias):
    """The condition reads only columns of `alias` and values: no subquery, no other table."""
    if not hasattr(node, "flatten"):
        return False
    for part in node.flatten():
        if isinstance(part, Query) or hasattr(part, "query"):
            return False
        if isinstance(part, Col) and part.alias != alias:
            return False
    return True


def lookup_key_tags(node, model, base):
    if not isinstance(node, (Exact, In)) or not isinstance(node.lhs, Col) or node.lhs.alias != base:
        return set()
    field = node.lhs.target
    if field not in key_fields(model) or hasattr(node.rhs, "resolve_expression"):
        return set()
    values = node.rhs if isinstance(node, In) else [node.rhs]
    return {key_tag(model, field.attname, value) for value in values}


def record_statement(execute, sql, params, many, context):
    reads = _reads.get()
    if reads is not None:
        query = _query.get()
        known = simple_query_tags(query) if query is not None else None
        reads |= known if known is not None else tables_in(sql)
    return execute(sql, params, many, context)


def record_instance(sender, instance, **kwargs):
    reads = _reads.get()
    if reads is not None and instance.pk is not None and is_content_model(sender):
        reads.add(key_tag(sender, sender._meta.concrete_model._meta.pk.attname, instance.pk))


_original_execute_sql = SQLCompiler.execute_sql
# Compilers of statements that write or aggregate: their rows are not what a page shows.
WRITES = (SQLInsertCompiler, SQLUpdateCompiler, SQLDeleteCompiler, SQLAggregateCompiler)


def execute_sql(self, *args, **kwargs):
    """SQLCompiler.execute_sql, telling the statement recorder the key tags of a simple query."""
    # A SELECT compiler: Django's or a backend's subclass of it (PostgreSQL has one), not a write.
    if _reads.get() is None or isinstance(self, WRITES):
        return _original_execute_sql(self, *args, **kwargs)
    token = _query.set(self.query)
    try:
        return _original_execute_sql(self, *args, **kwargs)
    finally:
        _query.reset(token)


def install():
    """Connect the recorders (once, at startup)."""
    SQLCompiler.execute_sql = execute_sql
    post_init.connect(record_instance, dispatch_uid="page-cache-record-instance")


@contextmanager
def recording():
    """Collects, into the set it yields, the tags of everything read inside the block."""
    reads = set()
    token = _reads.set(reads)
    try:
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(record_statement))
            yield reads
    finally:
        _reads.reset(token)


def reads_so_far():
    """The tags read so far by the render in progress (a copy), or None outside a recorded render."""
    reads = _reads.get()
    return None if reads is None else set(reads)


def add_reads(tags):
    """Counts `tags` as read by the render in progress: for values computed earlier and reused (see memo)."""
    reads = _reads.get()
    if reads is not None:
        reads |= tags
