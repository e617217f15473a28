import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bansos_portal.settings")
django_application = get_wsgi_application()

from bansos_portal.page_cache.front import StoredPageFront  # noqa: E402  (imports models: after Django is set up)

# Fresh stored pages are answered before Django builds a request (see StoredPageFront).
application = StoredPageFront(django_application)
