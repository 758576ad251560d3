#!/usr/bin/env bash
# make lint: pre-commit runs every check of .pre-commit-config.yaml on every file of every
# addon (ruff, pylint-odoo, OCA's addon and translation checks, generated READMEs, whool's
# pyproject.toml, the completeness of each fr.po). Hooks that fix files leave them fixed and
# fail: commit the fixes.
source "$(dirname "$0")/common.sh"
bash "$REPO_ROOT/setup/venv.sh"
cd "$REPO_ROOT"
# The tools of the `language: system` hooks come from .venv; pre-commit's own environments
# and their downloads are cached with the others.
export PATH=$VENV/bin:$PATH PRE_COMMIT_HOME=$CACHE_DIR/pre-commit PIP_CACHE_DIR=$CACHE_DIR/pip
pre-commit run --all-files --show-diff-on-failure --color=never
