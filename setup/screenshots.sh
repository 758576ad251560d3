#!/usr/bin/env bash
# make screenshots: serve the demo database (as make run does) on a spare port, and take the
# README's screenshots of the main screens in Chromium into docs/screenshots/.
source "$(dirname "$0")/common.sh"
bash "$REPO_ROOT/setup/browser.sh"
port=${SCREENSHOT_PORT:-8070}
log=$RUN_DIR/screenshots_server.${DB:-interaction_log_demo}.log
# Its own process group: stopping it also stops the install that runs before the server
# (a first run installs six apps with their demo data, minutes on a busy machine).
PORT=$port setsid bash "$REPO_ROOT/setup/run.sh" >"$log" 2>&1 &
server=$!
trap 'kill -- -$server 2>/dev/null; wait $server 2>/dev/null' EXIT
wait_seconds=${SCREENSHOT_WAIT:-1800}
until curl -fs -o /dev/null "http://127.0.0.1:$port/web/login"; do
    kill -0 $server 2>/dev/null || die "Odoo did not start: see $log"
    [ $SECONDS -lt "$wait_seconds" ] || die "Odoo did not answer on port $port within $wait_seconds s: see $log"
    sleep 1
done
"$VENV/bin/python" "$REPO_ROOT/setup/screenshots.py" "http://127.0.0.1:$port" "${DB:-interaction_log_demo}" \
    "$REPO_ROOT/docs/screenshots"
# The Apps page shows two of them (the manifest's `images`).
cp "$REPO_ROOT/docs/screenshots/interactions_list.png" "$REPO_ROOT/docs/screenshots/contact_interactions_tab.png" \
    "$REPO_ROOT/interaction_log/static/description/"
