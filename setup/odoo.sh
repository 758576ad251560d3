#!/usr/bin/env bash
# Odoo 19 Community from Debian's `odoo-19` package (suite sid), unpacked into the cache with
# the packages its bundled-asset symlinks point to, and the one asset the package drops.
# ODOO_SRC=/path/to/odoo skips all of this.
source "$(dirname "$0")/common.sh"

if [ "$ODOO_SRC" != "$ODOO_ROOT/usr/lib/python3/dist-packages" ]; then
    [ -f "$ODOO_SRC/odoo/release.py" ] || die "ODOO_SRC=$ODOO_SRC does not hold an Odoo tree (no odoo/release.py)."
    grep -q "version_info = (19" "$ODOO_SRC/odoo/release.py" || die "ODOO_SRC=$ODOO_SRC is not Odoo 19."
    say "Using the Odoo tree in ODOO_SRC=$ODOO_SRC"
    exit 0
fi
[ -f "$ODOO_ROOT/.complete" ] && exit 0

# A private apt configuration: the machine's sources, state and cache stay untouched. The
# archive URI is the machine's own Debian mirror, read from its apt configuration.
mirror=$(
    { grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
      grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
          | sed -E 's/\[[^]]*\]//' | awk '{print $2}'
    } | grep -E '/debian/?$' | head -n 1
) || true
[ -n "$mirror" ] || die "No Debian archive in this machine's apt sources: set ODOO_SRC to an Odoo 19 tree."
apt_dir=$CACHE_DIR/apt
mkdir -p "$apt_dir/state/lists/partial" "$apt_dir/cache/archives/partial"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat >"$apt_dir/sources.list" <<SOURCES
deb [signed-by=$keyring] $mirror sid main
deb [signed-by=$keyring] $mirror bookworm main
SOURCES
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State=$apt_dir/state" -o "Dir::Cache=$apt_dir/cache"
          -o Dir::State::status=/dev/null -o APT::Sandbox::User=root)
say "Fetching Odoo $ODOO_DEB_VERSION from Debian"
apt-get "${apt_opts[@]}" -q update >/dev/null
# The font and JavaScript packages Odoo's symlinks point into: Debian 12's font-awesome (4.7
# layout) and inconsolata match the paths; montserrat exists in sid only.
# The tested version first; once sid has moved past it, the version sid has now.
odoo_package=odoo-19="$ODOO_DEB_VERSION"
if ! apt-cache "${apt_opts[@]}" show "$odoo_package" >/dev/null 2>&1; then
    odoo_package=odoo-19/sid
    say "odoo-19 $ODOO_DEB_VERSION is no longer in sid: taking $(apt-cache "${apt_opts[@]}" policy odoo-19 | awk '/Candidate/ {print $2}')"
fi
packages=("$odoo_package" fonts-font-awesome/bookworm fonts-inconsolata/bookworm
          fonts-montserrat/sid fonts-roboto-unhinted/sid fonts-ocr-b/sid libjs-jquery/sid
          libjs-jquery-form/sid libjs-underscore/sid)
debs=$(mktemp -d "$apt_dir/debs.XXXXXX")
(cd "$debs" && apt-get "${apt_opts[@]}" -q download "${packages[@]}" >/dev/null) \
    || die "Could not download ${packages[*]} from Debian: check the network, or set ODOO_SRC to an Odoo 19 tree."

rm -rf "$ODOO_ROOT.tmp" && mkdir -p "$ODOO_ROOT.tmp"
for deb in "$debs"/*.deb; do dpkg -x "$deb" "$ODOO_ROOT.tmp"; done
rm -rf "$debs"

# mail's backend assets list selfie_segmentation.js, which the Debian build leaves out; the
# npm package @mediapipe/selfie_segmentation carries the same file.
selfie_dir=$ODOO_ROOT.tmp/usr/lib/python3/dist-packages/odoo/addons/mail/static/lib/selfie_segmentation
if [ ! -f "$selfie_dir/selfie_segmentation.js" ]; then
    command -v npm >/dev/null || apt_install npm
    tarball=$(cd "$apt_dir" && npm pack --silent @mediapipe/selfie_segmentation@0.1.1675465747 | tail -n 1)
    mkdir -p "$selfie_dir"
    tar -xzf "$apt_dir/$tarball" -C "$selfie_dir" --strip-components=1 package/selfie_segmentation.js
fi

broken=$(find "$ODOO_ROOT.tmp" -xtype l -print -quit)
[ -z "$broken" ] || die "Odoo asset links still dangle after unpacking: $broken"
rm -rf "$ODOO_ROOT" && mv "$ODOO_ROOT.tmp" "$ODOO_ROOT" && touch "$ODOO_ROOT/.complete"
say "Odoo unpacked in $ODOO_ROOT"
