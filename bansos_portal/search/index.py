"""Keeps the search index current: the one place that writes SearchEntry and SearchTerm rows, and the
query keys of best bets.

Each save of an item indexes it at once; inside `deferred_indexing()` (an import) the items saved are
indexed together as the block ends, in its transaction, to the same entries and vocabulary."""

from collections import Counter, defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, Prefetch, Value
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from bansos_portal.directory.models import Office, OfficeDetailSource, Region
from bansos_portal.publishing import Status
from bansos_portal.search import statements
from bansos_portal.search.models import BestBet, SearchEntry, SearchTerm
from bansos_portal.search.query import parse_query
from bansos_portal.search.text import folded, stem, stems, visible_text, words
from faq.models import Clarification, Question
from programs.models import Program

KINDS = {
    Program: SearchEntry.Kind.PROGRAM,
    Question: SearchEntry.Kind.QUESTION,
    Clarification: SearchEntry.Kind.CLARIFICATION,
    Region: SearchEntry.Kind.OFFICE,
}
MAX_WORD_LENGTH = 60
# What an item's search_document() and search_programs() read besides its own row, fetched with the
# items when many are indexed at once.
RELATED = {
    Question: ["programs"],
    Clarification: ["programs"],
    Region: ["parent", Prefetch("offices", Office.objects.prefetch_related("sources", "services"))],
}
# Rows per statement when many words or entries are written at once: well under any database's limit
# on parameters.
CHUNK = 500


def entry_fields(obj):
    """The entry of `obj`: what its public page shows, so text the sanitiser drops is never found."""
    document = obj.search_document()
    summary, body = folded(document["summary"]), visible_text(document["body_html"])
    return {
        "kind": KINDS[type(obj)],
        "slug": document.get("slug", obj.slug),
        "title": document["title"],
        "url": obj.get_absolute_url(),
        "summary": summary,
        "body": body,
        "title_stems": stems(document["title"]),
        "summary_stems": stems(summary),
        "body_stems": stems(body),
        **publication(obj),
    }


def publication(obj):
    """When the item is public: its own publishing fields, or what a page without a workflow (a region's)
    says of itself."""
    if hasattr(obj, "search_publication"):
        return obj.search_publication()
    fields = ("status", "published_at", "unpublish_at", "updated_at")
    return {name: getattr(obj, name) for name in fields}


def entry_words(entry):
    return words(f"{entry.title} {entry.summary} {entry.body}")


def counted_words(entry):
    """The words `entry` lends the vocabulary: only published content's, so a suggestion never shows a word
    of a draft. Publish and unpublish times are checked when a correction is offered (see typos.py)."""
    if entry is None or entry.status != Status.PUBLISHED:
        return set()
    return set(entry_words(entry))


def vocabulary(counts):
    return [
        SearchTerm(word=word, stem=stem(word)[:MAX_WORD_LENGTH], length=len(word), frequency=count)
        for word, count in counts.items()
        if len(word) <= MAX_WORD_LENGTH
    ]


def chunks(items):
    items = list(items)
    return (items[start : start + CHUNK] for start in range(0, len(items), CHUNK))


def count_words(change):
    """Add `change` (word -> how many more published entries hold it; negative for fewer) to the
    vocabulary: each word counts the published entries holding it, and leaves the vocabulary when none
    does. Counted in the database, so two saves at once both count."""
    by_step = defaultdict(list)
    for word, step in change.items():
        if step:
            by_step[step].append(word)
    added = [word for word, step in change.items() if step > 0]
    SearchTerm.objects.bulk_create(vocabulary(dict.fromkeys(added, 0)), ignore_conflicts=True, batch_size=CHUNK)
    for step, changed in by_step.items():
        for part in chunks(changed):
            frequency = Greatest(F("frequency") + step, Value(0)) if step < 0 else F("frequency") + step
            SearchTerm.objects.filter(word__in=part).update(frequency=frequency)
    for part in chunks(word for word, step in change.items() if step < 0):
        SearchTerm.objects.filter(word__in=part, frequency=0).delete()


def _entries_of(obj):
    return SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


def index_object(obj):
    if (pending := _deferred.get()) is not None:
        pending[type(obj)][obj.pk] = None
        return
    index_objects([obj])


def remove_object(obj):
    if (pending := _deferred.get()) is not None:
        pending[type(obj)].pop(obj.pk, None)  # its entry, if any, is still the one before the block
    entries = _entries_of(obj)
    count_words(Counter(dict.fromkeys(counted_words(entries.first()), -1)))
    entries.delete()


# The items saved inside deferred_indexing() and not indexed yet: model -> {pk: None}, in order.
_deferred = ContextVar("search_deferred_items", default=None)


@contextmanager
def deferred_indexing():
    """Run the block in one transaction and index the items it saved once, as it ends.

    An import saves each item and then sets its programs, and index_object would rewrite the entry and
    the vocabulary after each step; only the final state counts. Inside an outer block the outer one
    indexes."""
    if _deferred.get() is not None:
        yield
        return
    pending = defaultdict(dict)
    token = _deferred.set(pending)
    try:
        with transaction.atomic():
            yield
            index_objects(_current(pending))
    finally:
        _deferred.reset(token)


def _current(pending):
    """The pending items as the database holds them now, in the order they were first saved (the order
    index_object would have created their entries in), a query per model and relation."""
    for model, pks in pending.items():
        found = model.objects.prefetch_related(*RELATED.get(model, [])).in_bulk(list(pks))
        yield from (found[pk] for pk in pks if pk in found)


@transaction.atomic
def index_objects(objects):
    """Write the entries of `objects`, their programs and the vocabulary they change, in a few statements
    however many there are."""
    items = {(ContentType.objects.get_for_model(obj).pk, obj.pk): obj for obj in objects}
    # A proposed change to a live item is not content: never indexed, not even as a draft.
    items = {key: obj for key, obj in items.items() if not getattr(obj, "proposal_for_id", None)}
    if not items:
        return
    before = _entries_by_key(items)
    fields = {key: entry_fields(obj) for key, obj in items.items()}
    entries = {key: SearchEntry(content_type_id=key[0], object_id=key[1], **values) for key, values in fields.items()}
    # One upsert: an entry keeps its id, and two saves of a new item at once cannot both insert it.
    SearchEntry.objects.bulk_create(
        entries.values(),
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=list(next(iter(fields.values()))),
        batch_size=CHUNK,
    )
    change = Counter()
    for key, entry in entries.items():
        change.update(counted_words(entry))
        change.subtract(counted_words(before.get(key)))
    _set_programs({entries[key].pk: obj.search_programs() for key, obj in items.items()})
    count_words(change)


def indexable(model):
    """Every item of `model` that has a page of its own (a proposed change has none), with what its
    entry reads."""
    items = model.objects.prefetch_related(*RELATED.get(model, []))
    if any(field.name == "proposal_for" for field in model._meta.get_fields()):
        items = items.filter(proposal_for__isnull=True)
    return items


def _entries_by_key(items):
    ids = defaultdict(list)
    for content_type_id, pk in items:
        ids[content_type_id].append(pk)
    entries = {}
    for content_type_id, pks in ids.items():
        for part in chunks(pks):
            for entry in SearchEntry.objects.filter(content_type_id=content_type_id, object_id__in=part):
                entries[entry.content_type_id, entry.object_id] = entry
    return entries


def _set_programs(programs):
    """Make each entry's programs (entry id -> programs) exactly these. Written as rows, not through
    `entry.programs.set()`: the page cache need not hear of a derived row (the item's save told it)."""
    link = SearchEntry.programs.through
    wanted = {(entry_id, program.pk) for entry_id, chosen in programs.items() for program in chosen}
    held = {}
    for part in chunks(programs):
        for row in link.objects.filter(searchentry_id__in=part):
            held[row.searchentry_id, row.program_id] = row.pk
    gone = [pk for pair, pk in held.items() if pair not in wanted]
    for part in chunks(gone):
        link.objects.filter(pk__in=part).delete()
    added = [link(searchentry_id=entry_id, program_id=program_id) for entry_id, program_id in wanted - held.keys()]
    link.objects.bulk_create(added, batch_size=CHUNK)


def query_key(query):
    """A best bet's key: matching by meaning lets "pendaftaran PKH", "daftar pkh" and "pkh daftr" share one
    pin."""
    return parse_query(query).key


@transaction.atomic
def rebuild():
    """Rebuild the whole index and vocabulary from the content tables; returns the number of entries."""
    statements.install(connection, repair=True)
    SearchEntry.objects.all().delete()
    SearchTerm.objects.all().delete()
    for model in KINDS:
        index_objects(indexable(model))
    bets = list(BestBet.objects.all())
    for bet in bets:
        bet.query_key = query_key(bet.query)  # today's synonyms and vocabulary
    BestBet.objects.bulk_update(bets, ["query_key"], batch_size=500)
    return SearchEntry.objects.count()


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_object(instance)


def _deleted(sender, instance, **kwargs):
    remove_object(instance)


def _programs_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and type(instance) in KINDS:
        index_object(instance)


def _region_saved(sender, instance, raw=False, **kwargs):
    # A kabupaten/kota's entry names its province.
    if not raw:
        index_object(instance)
        for child in instance.children.all() if instance.is_province else []:
            index_object(child)


def _office_changed(sender, instance, raw=False, **kwargs):
    """A region's page shows its office, the sources behind each detail and the programs it serves: a change
    to any of them changes the region's entry. A proposed change shows nowhere until it is published."""
    if raw:
        return
    office = instance
    if sender is OfficeDetailSource:
        office = Office.objects.filter(pk=instance.office_id).first()  # None when deleted with its office
    if office is not None and office.proposal_for_id is None:
        region = Region.objects.filter(pk=office.region_id).first()
        if region is not None:
            index_object(region)


def _office_programs_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Office):
        _office_changed(Office, instance)


def _best_bet_saving(sender, instance, raw=False, **kwargs):
    # Every way a best bet is saved (the admin, an import, a script) keys it the same way.
    if not raw:
        instance.query_key = query_key(instance.query)


def connect_signals():
    for model in KINDS:
        saved = _region_saved if model is Region else _saved
        post_save.connect(saved, sender=model, dispatch_uid=f"search-index-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-index-delete-{model.__name__}")
    for relation in (Question.programs.through, Clarification.programs.through):
        m2m_changed.connect(_programs_changed, sender=relation, dispatch_uid=f"search-index-m2m-{relation.__name__}")
    for model in (Office, OfficeDetailSource):
        post_save.connect(_office_changed, sender=model, dispatch_uid=f"search-index-save-{model.__name__}")
        post_delete.connect(_office_changed, sender=model, dispatch_uid=f"search-index-delete-{model.__name__}")
    m2m_changed.connect(
        _office_programs_changed, sender=Office.services.through, dispatch_uid="search-index-m2m-office"
    )
    pre_save.connect(_best_bet_saving, sender=BestBet, dispatch_uid="search-best-bet-key")
