"""Draw the app icons once: `pip install pillow && python -m webapp.pwa.make_icons`.

The PNGs are committed (static/icons/); Pillow is not needed to run Vägen. A white "V", a
road narrowing into the distance, on the brand green. "any": a rounded square with clear
corners. "maskable": full bleed, the mark inside the central safe circle (40 % radius),
since the phone cuts the icon to its own shape."""

from pathlib import Path

from PIL import Image, ImageDraw

GREEN = (11, 93, 59, 255)
WHITE = (255, 255, 255, 255)
FOLDER = Path(__file__).resolve().parent.parent.parent / "static" / "icons"
SCALE = 4  # drawn larger, then reduced: smooth edges


def draw(size: int, maskable: bool) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        pen.rectangle((0, 0, big, big), fill=GREEN)
        mark = 0.5  # the V fits well inside the safe circle
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.18, fill=GREEN)
        mark = 0.72
    half, centre = big * mark / 2, big / 2
    top, bottom = centre - half * 0.8, centre + half * 0.8
    width = big * mark * 0.16
    pen.line(
        [(centre - half, top), (centre, bottom), (centre + half, top)], fill=WHITE, width=round(width), joint="curve"
    )
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size, maskable=False).save(FOLDER / f"icon-{size}.png", optimize=True)
        draw(size, maskable=True).save(FOLDER / f"maskable-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
