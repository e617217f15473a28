from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "bansos_portal.trust"
    label = "trust"
    verbose_name = "Tentang portal dan akun resmi"
