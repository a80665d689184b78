#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser e2e (test/browser), which
# drives it with playwright-core: `npx playwright install` cannot download browsers here, so the
# distribution's package is the browser. A small CJK font comes with it, or the screenshots of the
# zh pages show empty boxes. Idempotent; never fails the caller: without Chromium the browser suite
# skips itself and says why.
set -uo pipefail
CHROMIUM=/usr/bin/chromium
FONT_PACKAGE=fonts-wqy-microhei
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
dpkg-query -W -f='${Status}' "$FONT_PACKAGE" 2>/dev/null | grep -q 'install ok installed' || missing+=("$FONT_PACKAGE")
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "[chromium] warning: missing ${missing[*]} and cannot install (needs root and apt-get); browser e2e may be skipped" >&2
  exit 0
fi
echo "[chromium] installing Debian packages: ${missing[*]} (apt-get update, apt-get install)" >&2
started=$(date +%s)
if apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
  echo "[chromium] installed ${missing[*]} in $(( $(date +%s) - started ))s: $("$CHROMIUM" --version 2>/dev/null)" >&2
else
  echo "[chromium] warning: could not install ${missing[*]}; browser e2e may be skipped" >&2
fi
exit 0
