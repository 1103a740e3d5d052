"""Placeholder pictures drawn with Pillow, so the demo never fetches an image from anywhere."""

import io

from PIL import Image, ImageDraw

SKY = (226, 237, 245)
TABLE = (176, 132, 92)
SKIN = [(241, 194, 125), (198, 134, 66), (141, 85, 36), (224, 172, 105), (255, 219, 172)]
SHIRTS = [(30, 91, 138), (196, 72, 64), (80, 140, 90), (120, 90, 150), (220, 160, 60)]


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def meeting_table() -> bytes:
    """People around a table with laptops, seen from above at an angle."""
    width, height = 1200, 675
    image = Image.new("RGB", (width, height), SKY)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 430, width, height], fill=(205, 214, 222))
    seats = [(260, 300), (470, 250), (730, 250), (940, 300), (300, 520), (600, 560), (900, 520)]
    for n, (x, y) in enumerate(seats):
        draw.ellipse([x - 70, y - 10, x + 70, y + 150], fill=SHIRTS[n % len(SHIRTS)])
        draw.ellipse([x - 42, y - 90, x + 42, y - 6], fill=SKIN[n % len(SKIN)])
    draw.ellipse([170, 330, 1030, 560], fill=TABLE, outline=(120, 84, 52), width=6)
    for x, y in [(300, 380), (480, 360), (720, 360), (900, 380), (420, 470), (760, 470)]:
        draw.polygon(
            [(x - 55, y + 40), (x + 55, y + 40), (x + 45, y), (x - 45, y)], fill=(60, 60, 66)
        )
        draw.rectangle([x - 45, y - 50, x + 45, y], fill=(90, 96, 104))
        draw.rectangle([x - 38, y - 44, x + 38, y - 6], fill=(150, 200, 235))
    draw.ellipse([560, 420, 640, 470], fill=(250, 250, 250), outline=(180, 180, 180), width=3)
    return _png(image)


def logo(colour: tuple[int, int, int]) -> bytes:
    """A simple mark: two joined hands drawn as overlapping rounded squares."""
    image = Image.new("RGBA", (192, 192), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([8, 8, 184, 184], radius=36, fill=colour)
    draw.ellipse([44, 56, 116, 128], outline=(255, 255, 255), width=12)
    draw.ellipse([76, 64, 148, 136], outline=(255, 255, 255), width=12)
    return _png(image)


def logo_more_og_romsdal() -> bytes:
    return logo((0, 104, 122))


def logo_helse_nord() -> bytes:
    return logo((30, 91, 138))


def text_pdf(lines: list[str]) -> bytes:
    """A one-page A4 PDF with the given lines as real text (so the site search finds its words),
    in the project's PDF font, which has the Sámi letters; the same bytes on every run."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from samhandling.core.pdf_fonts import register_pdf_fonts

    regular, bold = register_pdf_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    width, height = A4
    y = height - 72
    for number, line in enumerate(lines):
        canvas.setFont(bold if number == 0 else regular, 14 if number == 0 else 11)
        canvas.drawString(72, y, line)
        y -= 22 if number == 0 else 16
    canvas.showPage()
    canvas.save()
    return out.getvalue()
