#!/usr/bin/env bash
# Debian's Chromium, which Odoo drives for browser tests (without it Odoo skips them).
source "$(dirname "$0")/common.sh"
for browser in chromium google-chrome chromium-browser; do
    command -v "$browser" >/dev/null && exit 0
done
apt_install chromium
