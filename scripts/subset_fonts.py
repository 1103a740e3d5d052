"""Cut Inter down to the characters Samhandling's languages need, as WOFF2 files and a stylesheet.

Usage: python scripts/subset_fonts.py --source <folder with Inter-Regular.woff2 ...> [--out DIR]

`make assets` (scripts/build_assets.sh) runs it on the full Inter of the npm package `inter-ui`
and commits the output in samhandling/static/vendor/inter. Needs fonttools and brotli (the dev
extra); running the site does not.

Each weight becomes two files:

* `inter-<weight>.woff2`: Basic Latin and Latin-1 (with æ, ø, å, á, ä, ö, ï, «, », ©, the soft
  hyphen), every letter of the Sámi alphabets in Norway, Sweden and Finland that Latin-1 lacks
  (North: č, đ, ŋ, š, ŧ, ž; Lule: ń; Skolt and Inari: ǥ, ǧ, ǩ, ʒ, ǯ; and their capitals), and
  typographic punctuation (–, —, ‘ ’ “ ” „, …, •, ‰, ‹ ›, €, ™, arrows, minus). Every page
  loads only this file.
* `inter-<weight>-ext.woff2`: the rest of Latin Extended-A and B, Latin Extended Additional and
  combining accents, for the occasional name (Łukasz, Dvořák). The browser fetches it only for
  a page that uses one of those characters (its `unicode-range`).

Weights 400, 500 and 600, the ones Designsystemet's theme uses; 600 also serves bold (700), so a
`<strong>` does not fetch a fourth file.
"""

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "samhandling" / "static" / "vendor" / "inter"

# (file name in inter-ui's web/ folder, CSS weight, name of our file)
WEIGHTS = [
    ("Inter-Regular.woff2", "400", "inter-400"),
    ("Inter-Medium.woff2", "500", "inter-500"),
    ("Inter-SemiBold.woff2", "600 700", "inter-600"),
]

MAIN = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1: æ ø å Æ Ø Å, á ä ö ï â õ, « », soft hyphen, ·, ©
    (0x0131, 0x0131),  # dotless i
    (0x0152, 0x0153),  # Œ œ
    (0x010C, 0x010D),  # Č č (North, Skolt and Inari Sámi)
    (0x0110, 0x0111),  # Đ đ
    (0x0143, 0x0144),  # Ń ń (Lule Sámi in Sweden)
    (0x014A, 0x014B),  # Ŋ ŋ
    (0x0160, 0x0161),  # Š š
    (0x0166, 0x0167),  # Ŧ ŧ
    (0x017D, 0x017E),  # Ž ž
    (0x01B7, 0x01B7),  # Ʒ (Skolt Sámi)
    (0x0292, 0x0292),  # ʒ
    (0x01E4, 0x01E9),  # Ǥ ǥ Ǧ ǧ Ǩ ǩ
    (0x01EE, 0x01EF),  # Ǯ ǯ
    (0x02C6, 0x02C6),  # modifier circumflex
    (0x02DA, 0x02DA),  # ring above
    (0x02DC, 0x02DC),  # small tilde
    (0x2000, 0x206F),  # General Punctuation: spaces, – —, ‘ ’ “ ” „, …, •, ‰, ‹ ›
    (0x20AC, 0x20AC),  # €
    (0x2122, 0x2122),  # ™
    (0x2190, 0x2193),  # ← ↑ → ↓
    (0x2212, 0x2212),  # minus
]

EXTENDED = [
    (0x0100, 0x024F),  # Latin Extended-A and -B
    (0x0259, 0x0259),  # ə
    (0x0300, 0x036F),  # combining accents
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x20A0, 0x20C0),  # currency signs
    (0x2100, 0x214F),  # letterlike symbols (№, ℓ)
]

# OpenType features kept: kerning, standard ligatures, composition and placement of accents,
# language forms, tabular figures (the program's times). Inter's stylistic sets and contextual
# alternates are dropped: the theme does not use them.
FEATURES = ["kern", "liga", "ccmp", "locl", "mark", "mkmk", "tnum"]


def codepoints(ranges) -> set[int]:
    return {cp for start, end in ranges for cp in range(start, end + 1)}


def unicode_range(ranges) -> str:
    return ",".join(
        f"U+{start:04X}" if start == end else f"U+{start:04X}-{end:04X}" for start, end in ranges
    )


def subset_font(source: Path, target: Path, unicodes: set[int]) -> int:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.hinting = False  # WOFF2 browsers rasterise unhinted outlines well
    options.desubroutinize = True  # compresses better under WOFF2's Brotli
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and family names
    options.notdef_outline = True
    font = TTFont(source, recalcTimestamp=False)  # reproducible output: keep the source date
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target)
    return target.stat().st_size


def face(weight: str, file: str, ranges) -> str:
    return (
        "@font-face {\n"
        "  font-family: 'Inter';\n"
        "  font-style: normal;\n"
        "  font-display: swap;\n"
        f"  font-weight: {weight};\n"
        f'  src: url(./files/{file}) format("woff2");\n'
        f"  unicode-range: {unicode_range(ranges)};\n"
        "}\n"
    )


def build(source: Path, out: Path) -> list[tuple[str, int]]:
    files = out / "files"
    files.mkdir(parents=True, exist_ok=True)
    for old in files.glob("*.woff2"):
        old.unlink()
    main = codepoints(MAIN)
    extended = codepoints(EXTENDED) - main
    sizes = []
    ext_faces, main_faces = [], []
    for source_name, weight, name in WEIGHTS:
        for suffix, unicodes, faces, ranges in (
            ("", main, main_faces, MAIN),
            ("-ext", extended, ext_faces, EXTENDED),
        ):
            file = f"{name}{suffix}.woff2"
            sizes.append((file, subset_font(source / source_name, files / file, unicodes)))
            faces.append(face(weight, file, ranges))
    # Where ranges overlap, the face declared last wins: the main file comes last, so that
    # č or ŋ never fetches the extended file.
    css = (
        "/* Inter (SIL Open Font License, see LICENSE), cut to the characters of nynorsk,\n"
        "   bokmål, English and the Sámi languages by scripts/subset_fonts.py. Do not edit. */\n"
        + "".join(ext_faces)
        + "".join(main_faces)
    )
    (out / "inter.css").write_text(css, encoding="utf-8")
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="folder with Inter-*.woff2")
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT}")
    args = parser.parse_args()
    for file, size in build(args.source, args.out):
        print(f"{file}: {size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
