"""prune_feedback folds old votes into daily counts and deletes them, comments included; the dashboard's
counts stay the same."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from bansos_portal.feedback.models import DailyCount, Vote, counts_between
from bansos_portal.publishing import item_key


def vote(item, helpful, days_ago, comment=""):
    return Vote.objects.create(
        item=item, helpful=helpful, day=timezone.localdate() - timedelta(days=days_ago), comment=comment
    )


def test_old_votes_become_daily_counts_and_their_comments_are_deleted(make_program):
    program = make_program()
    for helpful in (True, True, False):
        vote(program, helpful, days_ago=100)
    vote(program, False, days_ago=100, comment="Komentar lama.")
    recent = vote(program, False, days_ago=10, comment="Komentar baru.")
    out = StringIO()

    call_command("prune_feedback", "--days", "90", stdout=out)

    assert list(Vote.objects.all()) == [recent]
    count = DailyCount.objects.get()
    assert (count.day, count.yes, count.no) == (timezone.localdate() - timedelta(days=100), 2, 2)
    assert "4 votes" in out.getvalue()


def test_pruning_twice_adds_to_the_existing_daily_count(make_program):
    program = make_program()
    vote(program, True, days_ago=100)
    call_command("prune_feedback", "--days", "90", stdout=StringIO())
    vote(program, False, days_ago=100)

    call_command("prune_feedback", "--days", "90", stdout=StringIO())

    assert list(DailyCount.objects.values_list("yes", "no")) == [(1, 1)]


def test_counts_are_the_same_before_and_after_pruning(make_program, make_question):
    program, question = make_program(), make_question()
    for days_ago in (1, 5, 12, 29):
        vote(program, days_ago % 2 == 0, days_ago)
        vote(question, False, days_ago)
    today = timezone.localdate()
    before = counts_between(today - timedelta(days=29), today)

    call_command("prune_feedback", "--days", "3", stdout=StringIO())

    assert Vote.objects.count() == 2
    assert counts_between(today - timedelta(days=29), today) == before
    assert before[item_key(program)] == (1, 3) and before[item_key(question)] == (0, 4)


def test_a_days_value_below_one_is_refused_and_nothing_is_deleted(make_program):
    vote(make_program(), True, days_ago=0)
    err = StringIO()

    call_command("prune_feedback", "--days", "0", stdout=StringIO(), stderr=err)

    assert "at least 1" in err.getvalue() and Vote.objects.count() == 1
