from django.apps import AppConfig


class PrecheckConfig(AppConfig):
    name = "bansos_portal.precheck"
    label = "precheck"
    verbose_name = "Cek bantuan"
