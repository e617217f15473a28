"""A Markdown textarea with a live preview beside it (htmx) and a short cheat sheet."""

from datetime import timedelta

from django import forms
from django.utils import timezone


class MarkdownPreviewWidget(forms.Textarea):
    # In an app folder: the default form renderer looks there, not in the project templates.
    template_name = "editorial/markdown_preview.html"

    def __init__(self, *, preview_url, attrs=None):
        super().__init__(attrs={"rows": 10, "class": "vLargeTextField markdown-input", **(attrs or {})})
        self.preview_url = preview_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_id = context["widget"]["attrs"].get("id") or name
        context["widget"]["attrs"].update(
            {
                # The server renders and sanitises exactly as it will on save.
                "hx-post": self.preview_url,
                "hx-trigger": "input changed delay:400ms, load",
                "hx-target": f"#{widget_id}_preview",
                "hx-swap": "innerHTML",
                "hx-params": name,
            }
        )
        context["preview_id"] = f"{widget_id}_preview"
        return context


class ScheduleWidget(forms.SplitDateTimeWidget):
    """The browser's own date and time inputs: they need no admin JavaScript, so they work under the strict
    CSP and with JavaScript off. «Besok 08.00» (static JS, shown only when it runs) fills tomorrow 08.00 WIB."""

    template_name = "editorial/schedule_input.html"

    class Media:
        js = ["editorial/schedule.js"]

    def __init__(self, attrs=None):
        super().__init__(
            attrs=attrs,
            date_attrs={"type": "date", "class": "schedule-date"},
            time_attrs={"type": "time", "class": "schedule-time"},
            date_format="%Y-%m-%d",
            time_format="%H:%M",
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Tomorrow in Jakarta, decided by the server: the browser's clock and zone may differ.
        context["tomorrow"] = (timezone.localdate() + timedelta(days=1)).isoformat()
        return context
