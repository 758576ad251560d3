#!/usr/bin/env bash
# Debian's Chromium, which Odoo drives for browser tests (without it Odoo skips them), and
# wkhtmltopdf: without it the web client does not download PDF reports, so the print tour
# would not print.
source "$(dirname "$0")/common.sh"
command -v wkhtmltopdf >/dev/null || apt_install wkhtmltopdf
for browser in chromium google-chrome chromium-browser; do
    command -v "$browser" >/dev/null && exit 0
done
apt_install chromium
