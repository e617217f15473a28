"""schema.org JSON-LD for search engines and fact-check aggregators, built from published content."""

import functools

from django.utils.html import strip_tags
from django.utils.text import Truncator

from programs.models import CENTRAL_AGENCY

PUBLISHER = {
    "@type": "GovernmentOrganization",
    "name": "Kementerian Sosial Republik Indonesia",
    "url": "https://kemensos.go.id/",
}

# ClaimReview ratings on a 1-5 scale: 1 is false, 5 is true.
VERDICT_RATINGS = {"hoaks": 1, "disinformasi": 1, "menyesatkan": 2, "benar": 5}


# A pure function of the HTML: each page-cache miss of a program or answer page would parse the same HTML
# again (as much CPU as the rest of its JSON-LD), so the latest results are remembered, a few MB at most.
@functools.lru_cache(maxsize=256)
def _text(html, words=60):
    return Truncator(" ".join(strip_tags(html).split())).words(words)


def _provider(program):
    if program.agency == CENTRAL_AGENCY:
        return PUBLISHER
    return {"@type": "GovernmentOrganization", "name": program.agency}


def government_service(program, url):
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": program.name,
        "description": program.summary,
        "url": url,
        "serviceType": "Bantuan sosial",
        "provider": _provider(program),
        "areaServed": {"@type": "Country", "name": "Indonesia"},
        "dateModified": program.updated_at.isoformat(),
    }
    if program.acronym:
        data["alternateName"] = program.acronym
    if program.eligibility_html:
        data["audience"] = {"@type": "Audience", "audienceType": _text(program.eligibility_html, 40)}
    return data


def _question(question, url):
    return {
        "@type": "Question",
        "name": question.question,
        "url": url,
        "acceptedAnswer": {"@type": "Answer", "text": _text(question.answer_html, 200)},
    }


def faq_page(questions_with_urls):
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [_question(question, url) for question, url in questions_with_urls],
    }


def claim_review(clarification, url):
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        # The review is named by the correction; the hoax's words stay in claimReviewed, where schema.org wants them.
        "name": clarification.headline,
        "datePublished": clarification.date.isoformat(),
        "claimReviewed": Truncator(" ".join(clarification.claim.split())).chars(300),
        "author": PUBLISHER,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": VERDICT_RATINGS[clarification.verdict],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": clarification.get_verdict_display(),
        },
        "itemReviewed": {"@type": "Claim", "appearance": {"@type": "CreativeWork", "text": "Pesan berantai"}},
    }
