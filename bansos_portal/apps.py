from django.apps import AppConfig


class BansosPortalConfig(AppConfig):
    name = "bansos_portal"
    verbose_name = "Portal Bansos"

    def ready(self):
        from bansos_portal.page_cache import invalidation
        from bansos_portal.search.index import connect_signals

        connect_signals()
        invalidation.connect_signals()
