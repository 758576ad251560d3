#!/usr/bin/env bash
# make lint: ruff (style, imports, common bugs) and OCA's pylint-odoo (Odoo-specific checks).
source "$(dirname "$0")/common.sh"
bash "$REPO_ROOT/setup/venv.sh"
cd "$REPO_ROOT"
"$VENV/bin/ruff" check interaction_log setup
"$VENV/bin/ruff" format --check interaction_log setup
"$VENV/bin/pylint" --rcfile="$REPO_ROOT/.pylintrc" interaction_log
