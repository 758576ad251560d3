"""make lint: every addon with an i18n/ folder has every string of its template translated
in fr.po, and nothing fuzzy."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
problems = []
for pot in sorted(ROOT.glob("*/i18n/*.pot")):
    addon = pot.parent.parent.name
    french_path = pot.parent / "fr.po"
    if not french_path.exists():
        problems.append(f"{addon}: no i18n/fr.po (run make i18n, then translate)")
        continue
    template = {entry.msgid for entry in polib.pofile(str(pot))}
    french = polib.pofile(str(french_path))
    translated = {entry.msgid for entry in french.translated_entries()}
    problems += [f"{addon}: untranslated: {msgid}" for msgid in sorted(template - translated)]
    problems += [f"{addon}: fuzzy: {entry.msgid}" for entry in french.fuzzy_entries()]
    if not problems:
        print(f"{addon}/i18n/fr.po: {len(translated)} strings translated, none missing")
if problems:
    sys.exit(
        "i18n/fr.po lacks translations (run make i18n, then translate):\n  " + "\n  ".join(problems)
    )
