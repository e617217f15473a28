from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "links"
    verbose_name = "Tautan tetap"

    def ready(self):
        from links.slug_history import connect_signals

        connect_signals()
