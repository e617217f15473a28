"""Closing a browser context without racing the test database's teardown."""


def close_when_idle(context):
    """Close `context` once none of its pages has a request in flight.

    The admin fetches Markdown previews in the background; a preview still querying while the test's
    database is emptied can deadlock with the emptying on PostgreSQL.
    """
    for page in context.pages:
        page.wait_for_load_state("networkidle")
    context.close()
