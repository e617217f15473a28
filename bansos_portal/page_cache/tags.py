"""What a page shows, recorded while it renders, and what a change outdates: tags both sides agree on.

A page is outdated by exactly the changes that could alter it. Every query a render sends is recorded:

- A query that picks rows of one content model by a *key* (its primary key, a unique field, a foreign
  key or a generic relation's object id equal to, or in, given values) gets one *key tag* per value, e.g.
  `programs.Budget.program_id=3`. Its rows can only differ after a change to a row that had, or now has,
  that value: such a change bumps that tag. Its other conditions may test the same rows (AND, OR, NOT:
  the publication rule) and tables that are not content (content types), nothing else.
- The same holds through a many-to-many link: programs joined to `faq_question_programs` where
  `question_id=18` get the link table's key tag `faq.Question_programs.question_id=18`. A change to a
  link row bumps it, and a change to a program bumps the key tags of its links (link_tags), so a program
  the query left out (not yet published) outdates the page when it changes.
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
from django.contrib.contenttypes.fields import GenericForeignKey
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
from django.db.models.sql.constants import INNER
from django.db.models.sql.query import Query
from django.db.models.sql.where import AND, OR, WhereNode

from .models import ContentChange

ANY_CHANGE = "*"

# The tags read so far by the render in progress (None outside a recorded render).
_reads = ContextVar("page_cache_reads", default=None)
# The part of them that kept parts depend on: everything but what isolated blocks read (see isolated()).
_part_reads = ContextVar("page_cache_part_reads", default=None)
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


@once
def key_fields(model):
    """The fields a query may pick rows by and still get key tags: primary key, unique fields, foreign keys
    and the object id of a generic relation."""
    model = model._meta.concrete_model
    object_ids = {field.fk_field for field in model._meta.private_fields if isinstance(field, GenericForeignKey)}
    return [
        field
        for field in model._meta.concrete_fields
        if field.primary_key or field.unique or field.many_to_one or field.one_to_one or field.name in object_ids
    ]


@once
def links_of(model):
    """[(link model, its foreign key to `model`, its other foreign keys)] for every content many-to-many
    link table that points at `model`: whose key tags a change to a row of `model` bumps (link_tags)."""
    model = model._meta.concrete_model
    # Only links of content models: the search index's links to programs are derived, read by no query
    # simple_query_tags keys, and a program's save would read them all for nothing.
    links = {
        field.remote_field.through
        for candidate in apps.get_models()
        if is_content_model(candidate)
        for field in candidate._meta.local_many_to_many
        if is_content_model(field.remote_field.through)
    }
    found = []
    for link in links:
        foreign_keys = [field for field in link._meta.concrete_fields if field.many_to_one]
        for field in foreign_keys:
            if field.related_model._meta.concrete_model is model:
                found.append((link, field, [other for other in foreign_keys if other is not field]))
    return found


def link_tags(model, pk):
    """The key tags, on its links' other side, of every many-to-many link of the row `pk` of `model`: a
    query that reached the row through a link (see simple_query_tags) carries one of them."""
    tags = set()
    for link, field, others in links_of(model):
        for values in link._base_manager.filter(**{field.attname: pk}).values_list(*(o.attname for o in others)):
            tags |= {key_tag(link, other.attname, value) for other, value in zip(others, values, strict=True)}
    return tags


def link_change_tags(link, instance, model, pk_set):
    """The key tags of the link rows an m2m_changed signal adds or removes: `instance` on one side, the
    rows of `model` numbered `pk_set` on the other (either side, for a link of a model to itself)."""
    tags = set()
    for field in key_fields(link):
        target = field.related_model._meta.concrete_model if field.many_to_one else None
        if target is type(instance)._meta.concrete_model:
            tags.add(key_tag(link, field.attname, instance.pk))
        if target is model._meta.concrete_model:
            tags |= {key_tag(link, field.attname, pk) for pk in pk_set or ()}
    return tags


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
    tables = {base: model, **joined_links(query, base, model)}
    if not readable(query.where, query.alias_map, tables):
        return None
    tags = set()
    for alias, table_model in tables.items():
        keyed = key_condition_tags(query.where, table_model, alias)
        if keyed is None and alias != base:
            return None  # a link table read whole
        tags |= keyed or set()
    return tags or None


def joined_links(query, base, model):
    """{alias: link model} of the many-to-many link tables joined to the base table by their foreign key
    to it (an inner join: only rows with a link count)."""
    links = {}
    for alias, join in query.alias_map.items():
        if alias == base or getattr(join, "parent_alias", None) != base or join.join_type != INNER:
            continue
        for link, field, _ in links_of(model):
            if join.table_name == link._meta.db_table and join.join_cols == ((model._meta.pk.column, field.column),):
                links[alias] = link
    return links


def readable(node, alias_map, tables):
    """The condition reads only columns of `tables` (aliases we tag) or of tables that are not content,
    and values: no subquery."""
    if isinstance(node, WhereNode):
        return all(readable(child, alias_map, tables) for child in node.children)
    if not hasattr(node, "flatten"):
        return False
    for part in node.flatten():
        if isinstance(part, Query) or hasattr(part, "query"):
            return False
        if isinstance(part, Col) and part.alias not in tables and tables_in(alias_map[part.alias].table_name):
            return False
    return True


def key_condition_tags(node, model, alias):
    """The key tags of a condition that keeps only rows of `alias` with given key values, or None.

    Under AND one keyed part is enough (the rows are among its rows): the one with the fewest values.
    Under OR every part must be keyed. NOT keeps rows of any key."""
    if isinstance(node, WhereNode):
        if node.negated:
            return None
        parts = [key_condition_tags(child, model, alias) for child in node.children]
        if node.connector == AND:
            keyed = [part for part in parts if part]
            return min(keyed, key=len) if keyed else None
        if node.connector == OR and parts and all(parts):
            return set().union(*parts)
        return None
    return lookup_key_tags(node, model, alias) or None


def lookup_key_tags(node, model, alias):
    if not isinstance(node, (Exact, In)) or not isinstance(node.lhs, Col) or node.lhs.alias != alias:
        return set()
    field = node.lhs.target
    if field not in key_fields(model) or hasattr(node.rhs, "resolve_expression"):
        return set()
    values = node.rhs if isinstance(node, In) else [node.rhs]
    return {key_tag(model, field.attname, value) for value in values}


def record_statement(execute, sql, params, many, context):
    if _reads.get() is not None:
        query = _query.get()
        known = simple_query_tags(query) if query is not None else None
        add_reads(known if known is not None else tables_in(sql))
    return execute(sql, params, many, context)


def record_instance(sender, instance, **kwargs):
    if _reads.get() is not None and instance.pk is not None and is_content_model(sender):
        add_reads({key_tag(sender, sender._meta.concrete_model._meta.pk.attname, instance.pk)})


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
    token, part_token = _reads.set(reads), _part_reads.set(set())
    try:
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(record_statement))
            yield reads
    finally:
        _reads.reset(token)
        _part_reads.reset(part_token)


@contextmanager
def unrecorded():
    """Queries inside the block are not counted as read by the render in progress: the page store's own
    bookkeeping (the schedule), which no page shows."""
    token, part_token = _reads.set(None), _part_reads.set(None)
    try:
        yield
    finally:
        _reads.reset(token)
        _part_reads.reset(part_token)


@contextmanager
def isolated():
    """What the block reads counts for the page, not for the kept parts after it: a list that changes
    often (the clarifications on a program page) no longer outdates the parts below it. Those parts must
    show nothing the block read. A part inside the block is not kept."""
    token = _part_reads.set(None)
    try:
        yield
    finally:
        _part_reads.reset(token)


def reads_so_far():
    """The tags a kept part ending now depends on (a copy): what the render in progress read so far,
    outside isolated blocks. None outside a recorded render or inside an isolated block."""
    reads = _part_reads.get()  # None whenever the page's reads are (recording() and unrecorded() set both)
    return None if reads is None else set(reads)


def add_reads(tags):
    """Counts `tags` as read by the render in progress: for values computed earlier and reused (see memo)."""
    reads = _reads.get()
    if reads is not None:
        reads |= tags
        if (part_reads := _part_reads.get()) is not None:
            part_reads |= tags
