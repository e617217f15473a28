from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "bansos_portal.links"
    label = "links"
    verbose_name = "Tautan tetap"

    def ready(self):
        from bansos_portal.links.slug_history import connect_signals

        connect_signals()
