from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "bansos_portal.editorial"
    label = "editorial"
    verbose_name = "Alur kerja Humas"
