"""Share links that need no third-party script: each network's plain share address, pre-filled."""

from urllib.parse import urlencode

from django.utils.text import Truncator


def share_links(url, text, message=None):
    """(label, href) for WhatsApp, Telegram, Facebook and X. WhatsApp carries the whole message, link included."""
    return [
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": message or f"{text}\n{url}"})),
        ("Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": text})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("X", "https://x.com/intent/post?" + urlencode({"text": text, "url": url})),
    ]


def program_message(program):
    return f"{program}: {program.summary} Informasi resmi Kementerian Sosial:"


def question_message(question):
    return f"{question.question} Jawaban resmi Kementerian Sosial:"


# Where citizens complain, on every forwarded clarification: it is the line a cut must never lose.
COMPLAINTS = "Pengaduan resmi: Call Center 171 · lapor.go.id"


def correction_line(clarification):
    """The fact that sets the claim straight (Clarification.lead): never the claim's wording."""
    return clarification.lead


def clarification_message(clarification, url):
    """A message ready to forward in the same WhatsApp group the hoax came from: the correction first, the
    claim quoted below it, and always, whole, the official link and where to complain."""
    claim = Truncator(" ".join(clarification.claim.split())).words(30)
    return (
        f"*CEK FAKTA: {clarification.get_verdict_display().upper()}*\n"
        f"Faktanya: {correction_line(clarification)}\n"
        f"Kabar yang beredar: \u201c{claim}\u201d\n"
        f"Penjelasan resmi Kementerian Sosial: {url}\n"
        f"{COMPLAINTS}"
    )
