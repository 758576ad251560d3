#!/usr/bin/env bash
# The project's virtualenv with the pinned dependencies; rebuilt only when requirements.txt changes.
source "$(dirname "$0")/common.sh"

# The addons of other repositories (requirements-addons.txt), into the venv as wheels; their
# own stamp, so that pinning one does not rebuild the venv. Odoo finds them in the
# `odoo.addons` namespace package. The wheels stay in pip's cache under the cache dir.
install_addons() {
    local addons_stamp=$VENV/.requirements-addons.sha256 addons_wanted
    addons_wanted=$(sha256sum "$REPO_ROOT/requirements-addons.txt" | cut -d' ' -f1)
    [ -f "$addons_stamp" ] && [ "$(cat "$addons_stamp")" = "$addons_wanted" ] && return 0
    say "Installing the addons of requirements-addons.txt into $VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check --cache-dir "$CACHE_DIR/pip" --no-deps \
        -r "$REPO_ROOT/requirements-addons.txt" 2> >(grep -v "is ignored: it is neither" >&2)
    echo "$addons_wanted" >"$addons_stamp"
}

stamp=$VENV/.requirements.sha256
wanted=$(sha256sum "$REPO_ROOT/requirements.txt" | cut -d' ' -f1)
[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && { install_addons; exit 0; }

command -v "$PYTHON" >/dev/null || die "$PYTHON not found: Odoo 19 and the pins in requirements.txt need Python 3.11 (set PYTHON=/path/to/python3.11)."
# python-magic needs libmagic at run time; everything else comes as wheels.
apt_install libmagic1
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
say "Creating $VENV"
# A venv without its stamp may be half built: start it again.
rm -rf "$VENV" && "$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check --cache-dir "$CACHE_DIR/pip" \
    -r "$REPO_ROOT/requirements.txt" 2> >(grep -v "is ignored: it is neither" >&2)
echo "$wanted" >"$stamp"
install_addons
