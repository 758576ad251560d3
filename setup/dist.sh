#!/usr/bin/env bash
# make dist: one wheel per addon of the repository (odoo_addon_<name>-<manifest version>-py3-
# none-any.whl), built by whool from each addon's pyproject.toml as OCA builds its addons, into
# dist/ (or the folder given). whool packages the files git tracks.
source "$(dirname "$0")/common.sh"
bash "$REPO_ROOT/setup/venv.sh"
out=$(mkdir -p "${1:-$REPO_ROOT/dist}" && cd "${1:-$REPO_ROOT/dist}" && pwd)
# The manifest's version as it is: whool would otherwise add a .devN for the commits made
# since the last version bump.
export WHOOL_POST_VERSION_STRATEGY_OVERRIDE=none
for addon in $(repo_addons); do
    untracked=$(cd "$REPO_ROOT" && git ls-files --others --exclude-standard -- "$addon")
    [ -z "$untracked" ] || say "Not in the wheel of $addon until git tracks them (git add): $(echo $untracked)"
    [ -f "$REPO_ROOT/$addon/pyproject.toml" ] || die "$addon has no pyproject.toml: run 'make lint' (whool init writes it) and commit it."
    "$VENV/bin/pip" wheel -q --disable-pip-version-check --no-deps --no-build-isolation --no-index \
        --wheel-dir "$out" "$REPO_ROOT/$addon" >/dev/null
done
say "Wheels in $out: $(cd "$out" && ls -- *.whl | tr '\n' ' ')"
