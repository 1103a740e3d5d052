"""Compiles every .po file under samhandling/locale to .mo with polib, so that neither `make run`
nor `make test` needs GNU gettext. Only files whose .po is newer than the .mo are compiled."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "samhandling" / "locale"


def main() -> None:
    compiled = 0
    for po_path in sorted(ROOT.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled += 1
    if compiled:
        print(f"Compiled {compiled} translation file(s).")


if __name__ == "__main__":
    main()
