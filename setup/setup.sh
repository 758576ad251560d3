#!/usr/bin/env bash
# make setup: Odoo, the virtualenv, PostgreSQL and Chromium, side by side.
source "$(dirname "$0")/common.sh"
setup_all
