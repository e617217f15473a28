"""The picture a chat app shows when a program's link is shared: drawn here, no outside service."""

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)  # what Facebook, WhatsApp and X show at full width
BLUE = (11, 61, 145)
WHITE = (255, 255, 255)
PALE = (220, 230, 246)


def _font(size):
    # Pillow's bundled font: the same picture on every server, no system fonts needed.
    return ImageFont.load_default(size=size)


def render_png(program):
    image = Image.new("RGB", SIZE, BLUE)
    draw = ImageDraw.Draw(image)
    draw.text((70, 60), "PORTAL BANSOS · KEMENTERIAN SOSIAL", font=_font(30), fill=PALE)
    y = 130
    if program.acronym:
        draw.text((70, y), program.acronym, font=_font(110), fill=WHITE)
        y += 140
    for line in textwrap.wrap(program.name, width=38)[:2]:
        draw.text((70, y), line, font=_font(48), fill=WHITE)
        y += 60
    y += 20
    for line in textwrap.wrap(program.summary, width=60)[:3]:
        draw.text((70, y), line, font=_font(32), fill=PALE)
        y += 42
    draw.text((70, SIZE[1] - 80), "Program pemerintah pusat · informasi resmi", font=_font(28), fill=PALE)
    return _png(image)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def render_clarification_png(verdict, correction):
    """A clarification's picture: the verdict and the correction, never the hoax's words."""
    image = Image.new("RGB", SIZE, BLUE)
    draw = ImageDraw.Draw(image)
    draw.text((70, 60), "CEK FAKTA · KEMENTERIAN SOSIAL", font=_font(30), fill=PALE)
    draw.text((70, 130), verdict.upper(), font=_font(110), fill=WHITE)
    lines = textwrap.wrap(correction, width=40)[:4]
    for number, line in enumerate(lines):
        draw.text((70, 290 + 60 * number), line, font=_font(46), fill=WHITE)
    draw.text((70, SIZE[1] - 80), "Pengaduan: Call Center 171 · lapor.go.id", font=_font(28), fill=PALE)
    return _png(image)
