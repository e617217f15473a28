from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "bansos_portal.feedback"
    label = "feedback"
    verbose_name = "Umpan balik warga"
