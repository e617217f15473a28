from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "bansos_portal.figures"
    label = "figures"
    verbose_name = "Angka: satu sumber untuk setiap angka"

    def ready(self):
        from bansos_portal.figures import signals  # noqa: F401  (connects the receivers)
