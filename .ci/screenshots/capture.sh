#!/usr/bin/env bash
# Regenerates the readme's screenshots from the real terminal: drives the built CLI in tmux, captures the screen
# with its colours, and renders it to PNG with aha + headless Chromium. Not part of CI.
# Needs: apt-get install -y tmux aha chromium fonts-dejavu-core; and a built dist/ (npm run build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'tmux kill-session -t aep-shot 2>/dev/null || true; rm -rf "$work"' EXIT
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>\n' > "$work/icon.svg"

key() { tmux send-keys -t aep-shot "$@"; sleep 0.35; }
text() { tmux send-keys -t aep-shot -l "$1"; sleep 0.35; key Enter; }
wait_for() { # wait until the screen shows a pattern
	for _ in $(seq 1 100); do tmux capture-pane -t aep-shot -p | grep -q -- "$1" && return 0; sleep 0.2; done
	echo "timed out waiting for: $1" >&2; tmux capture-pane -t aep-shot -p >&2; exit 1
}
shoot() { # name, height in px
	tmux capture-pane -t aep-shot -e -p > "$work/$1.ansi"
	aha --black --title aep-source < "$work/$1.ansi" | sed 's#<pre>#<pre style="font-family: DejaVu Sans Mono, monospace; font-size: 14px; line-height: 1.2; margin: 12px;">#' > "$work/$1.html"
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$work/chromium" --hide-scrollbars \
		--window-size=1010,"$2" --screenshot="$here/$1.png" "file://$work/$1.html" 2>/dev/null
}

tmux new-session -d -s aep-shot -x 112 -y 56 "env -u CI AEP_SOURCE_HOME=$work/home node $root/dist/cli.js new --template demo"
wait_for 'Source name'
for _ in 1 2 3 4; do key BSpace; done
text 'Acme Contacts'; key Enter
wait_for 'Where should this source be built'; key Enter
wait_for 'Artifacts'
key C-u; text 'Acme Contacts'
key C-u; text 'Contacts, tags and orders from the Acme CRM API.'
key Down; key Down
text "$work/icon.svg"; text 'https://example.com/docs/acme-contacts'; text 'Acme Inc.'; text 'integrations@example.com'
wait_for 'readable SVG'; key Enter
wait_for 'Space toggle'; key Enter
for _ in 1 2 3; do wait_for 'Auth spec .* of 3'; key Up; key Enter; done
wait_for 'records found'
for _ in $(seq 1 15); do key Down; done
wait_for 'schedule windows'; shoot source-spec 880
key Down; key Down; key Down; key Enter
wait_for 'Explore spec'; key Enter
wait_for 'Review'; key c
wait_for 'Create & register'; key Enter
wait_for 'Added to RestStorageToAEP'; key Enter
wait_for 'Run the end-to-end check'; key Up; key Enter
wait_for 'Success:'; shoot end-to-end 400
echo "wrote $here/source-spec.png and $here/end-to-end.png"
