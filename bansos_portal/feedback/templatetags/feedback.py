"""The feedback box on content pages: `{% include "feedback/_form.html" with item=program %}`."""

from django import template
from django.urls import reverse

from bansos_portal.feedback.forms import vote_from_token
from bansos_portal.feedback.models import COMMENT_MAX_LENGTH
from bansos_portal.publishing import item_key

register = template.Library()

# After a vote without JavaScript, the page is shown again with one of these (never kept by the page
# cache, which stores no address with a parameter the page does not list in PAGE_CACHE_QUERY_PARAMS).
THANKS_PARAM = "terima-kasih"
COMMENT_PARAM = "kurang"


def box_context(item, state, *, form=None, token="", message=""):
    """What feedback/_box.html shows: state is "ask", "comment", "thanks" or "problem"."""
    errors = [error for field_errors in form.errors.values() for error in field_errors] if form else []
    return {
        "state": state,
        "action": reverse("feedback:vote", args=item_key(item)),
        "token": token,
        "comment": form.data.get("komentar", "") if form else "",
        "errors": errors,
        "message": message,
        "max_length": COMMENT_MAX_LENGTH,
    }


@register.simple_tag(takes_context=True)
def feedback_box(context, item):
    """The box as the page's address asks: the question, the thank-you, or the comment after a «Tidak»."""
    params = context["request"].GET if "request" in context else {}
    if params.get(THANKS_PARAM):
        return box_context(item, "thanks")
    token = params.get(COMMENT_PARAM, "")
    if token and vote_from_token(token, item_key(item)):
        return box_context(item, "comment", token=token)
    return box_context(item, "ask")
