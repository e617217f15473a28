"""What a program page shows, in which order: its sections, the short answers at the top, and the shared
steps under their section. Kept apart from the models, which read it."""

from collections import namedtuple

from django.db import models
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

# The program page's sections, in order: (field, anchor, heading). Anchors are public
# addresses others deep-link to, so they never change. What a citizen asks first comes first;
# the program's history ("tentang") and its legal basis come last, folded (FOLDED).
SECTIONS = (
    ("eligibility", "syarat", "Siapa yang berhak"),
    # How to register comes before what to bring: the task a citizen came for, within four phone screens.
    ("registration", "cara-daftar", "Cara mendaftar"),
    ("preparation", "persiapan", "Yang perlu disiapkan"),
    ("benefits", "manfaat", "Manfaat yang diterima"),
    ("after_proposal", "setelah-diusulkan", "Setelah diusulkan: apa yang terjadi dan berapa lama"),
    ("disbursement", "penyaluran", "Penyaluran: tahap dan saluran"),
    ("objection", "sanggah", "Jika ditolak atau dicoret: cara menyanggah"),
    ("complaints", "pengaduan", "Pengaduan dan kontak"),
    ("regional_role", "peran-daerah", "Peran pemerintah daerah"),
    ("description", "tentang", "Tentang program"),
    ("legal_basis", "dasar-hukum", "Dasar hukum"),
)

# Sections whose body is folded under its heading (a <details>, open without JavaScript on a tap), and
# the words of the fold: long background that pushes the answers down on a phone.
FOLDED = {
    "tentang": "Baca sejarah dan latar belakang program",
    "dasar-hukum": "Lihat peraturan yang menjadi dasar program",
}

# The five short answers at the top of a program page: (field, question, anchor of the section that
# tells more). The amount links to the benefit table, which has no Markdown field of its own.
ANSWERS = (
    ("answer_eligibility", "Siapa yang berhak", "syarat"),
    ("answer_amount", "Berapa", "besaran"),
    ("answer_registration", "Cara mendaftar", "cara-daftar"),
    ("answer_payment", "Kapan cair", "penyaluran"),
    ("answer_complaints", "Ke mana mengadu", "pengaduan"),
)

ANSWER_HELP = "Satu kalimat pendek dengan kata sehari-hari; tampil paling atas di halaman program."

# Where most programs' recipients check their status; programs run elsewhere (PIP, PBI-JK) name their own.
CEKBANSOS_URL = "https://cekbansos.kemensos.go.id/"


def short_answer(label, help_text=""):
    return models.CharField(label, max_length=200, blank=True, help_text=help_text + ANSWER_HELP)


Section = namedtuple("Section", "anchor heading html fold")
Answer = namedtuple("Answer", "question html anchor")


def steps_html(steps):
    """The shared steps of one section, each under its own subheading."""
    return format_html_join("", "<h3>{}</h3>{}", ((step.title, mark_safe(step.body_html)) for step in steps))
