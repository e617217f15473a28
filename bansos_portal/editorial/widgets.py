"""A Markdown textarea with a live preview beside it (htmx) and a short cheat sheet."""

from django import forms


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
