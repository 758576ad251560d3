#!/usr/bin/env bash
# make lint: ruff (style, imports, common bugs) and OCA's pylint-odoo (Odoo-specific checks).
source "$(dirname "$0")/common.sh"
bash "$REPO_ROOT/setup/venv.sh"
cd "$REPO_ROOT"
"$VENV/bin/ruff" check interaction_log setup bench live_tests
"$VENV/bin/ruff" format --check interaction_log setup bench live_tests
"$VENV/bin/pylint" --rcfile="$REPO_ROOT/.pylintrc" interaction_log
# French translation: every string of the template translated, nothing fuzzy.
"$VENV/bin/python" - "$REPO_ROOT/interaction_log/i18n" <<'PY'
import sys
from pathlib import Path

import polib

i18n = Path(sys.argv[1])
template = {entry.msgid for entry in polib.pofile(str(i18n / "interaction_log.pot"))}
french = polib.pofile(str(i18n / "fr.po"))
translated = {entry.msgid for entry in french.translated_entries()}
problems = sorted(template - translated) + [f"fuzzy: {e.msgid}" for e in french.fuzzy_entries()]
if problems:
    sys.exit("i18n/fr.po lacks translations (run make i18n, then translate):\n  " + "\n  ".join(problems))
print(f"i18n/fr.po: {len(translated)} strings translated, none missing")
PY
