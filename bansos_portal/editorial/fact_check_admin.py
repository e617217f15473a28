"""The «Klarifikasi cepat» pages of the clarification admin: one form from claim to published item, and one
page with everything to share it (the WhatsApp text, the short link, the picture and the A4 leaflet)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from bansos_portal.editorial import fact_check, workflow
from bansos_portal.links import share


class QuickClarificationAdmin:
    """Mixed into ClarificationAdmin (before PublishableAdmin)."""

    change_list_template = "admin/editorial/clarification_change_list.html"

    def get_urls(self):
        info, view = self._info(), self.admin_site.admin_view
        return [
            path("cepat/", view(self.quick_view), name=f"{info}_quick"),
            path("<path:object_id>/bagikan/", view(self.share_view), name=f"{info}_share"),
            *super().get_urls(),
        ]

    def quick_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        may_publish = self.has_publish_permission(request)
        data = request.POST if request.method == "POST" else None
        form, sources = fact_check.QuickClarificationForm(data), fact_check.SourceFormSet(data, prefix="sumber")
        warnings = []
        if data is not None and form.is_valid() and sources.is_valid():
            action = request.POST.get("action")
            if action == fact_check.PUBLISH and not may_publish:
                raise PermissionDenied
            acknowledged = form.cleaned_data["acknowledge"]
            item, warnings = fact_check.create(
                form, sources, user=request.user, action=action, acknowledged=acknowledged
            )
            if item is not None:
                return self.after_quick(request, item, action)
        context = self._quick_context(request, form=form, sources=sources, warnings=warnings, may_publish=may_publish)
        return TemplateResponse(request, "admin/editorial/quick_clarification.html", context)

    def _quick_context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Klarifikasi cepat",
            "media": self.media + extra["form"].media,
            **extra,
        }

    def after_quick(self, request, item, action):
        if action == fact_check.PUBLISH:
            self.message_user(request, f"Klarifikasi terbit: {workflow.status_label(item)}. Bagikan sekarang.")
            return HttpResponseRedirect(self._url("share", item))
        if action == fact_check.SUBMIT:
            self.message_user(request, "Klarifikasi disimpan dan diajukan ke Penyunting untuk diterbitkan.")
            return HttpResponseRedirect(self._url("workflow", item))
        self.message_user(request, "Klarifikasi disimpan sebagai draf. Belum tampil di situs.")
        return HttpResponseRedirect(self._url("change", item))

    def share_view(self, request, object_id):
        item = self._get_viewable(request, object_id)
        link = fact_check.ensure_short_link(item)
        short = request.build_absolute_uri(link.get_absolute_url())
        message = share.clarification_message(item, short)
        context = self._context(
            request,
            item,
            "Bagikan klarifikasi",
            is_public=item.is_published(),
            status_label=workflow.status_label(item),
            short=short,
            message=message,
            whatsapp=share.share_links(short, message, message=message)[0][1],
            page_url=request.build_absolute_uri(item.get_absolute_url()),
            image_url=reverse("links:clarification_share_image", args=[item.slug]),
            leaflet_url=reverse("links:clarification_leaflet", args=[item.slug]),
            preview_url=self._url("preview", item),
        )
        return TemplateResponse(request, "admin/editorial/share_clarification.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {"share_url": reverse(f"admin:{self._info()}_share", args=[object_id])}
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})
