from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "bansos_portal.audit"
    label = "audit"
    verbose_name = "Audit isi"
