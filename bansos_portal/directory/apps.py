from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "bansos_portal.directory"
    label = "directory"
    verbose_name = "Direktori Dinas Sosial"
