from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "bansos_portal.glossary"
    label = "glossary"
    verbose_name = "Daftar istilah"
