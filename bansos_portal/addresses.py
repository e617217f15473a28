"""Page addresses, worked out once per view name and arguments.

Django's reverse() works an address out anew on every call: some 60 microseconds on a 2-core server, and
a program page or a search result list asks for dozens (every question, program and clarification it
links to). The URL configuration does not change while the site runs, and an item's address changes only
with its slug, which is one of the arguments; so each address is kept once made. A test that swaps the
URL configuration (ROOT_URLCONF) empties what was kept.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


def address(viewname, *args):
    """reverse(viewname, args=args), kept."""
    return _address(viewname, args, get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=8192)
def _address(viewname, args, prefix, urlconf):
    return reverse(viewname, urlconf=urlconf, args=args)


@receiver(setting_changed, dispatch_uid="addresses-urlconf-changed")
def _urlconf_changed(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _address.cache_clear()
