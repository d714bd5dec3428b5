#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine for reportkit: the system packages it and its tests use (free CJK
# TrueType fonts, poppler-utils, LibreOffice for checking the DOCX, chromium and Node.js for checking the HTML),
# then a virtual environment in .venv with reportkit and its dev tools, and the browser tests' npm packages in
# tests/js/node_modules (exactly those of tests/js/package-lock.json). Safe to run again: it installs only what
# is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(fontconfig fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-zenhei fonts-liberation
          poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui chromium nodejs)
python3 -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
# Debian packages npm apart from nodejs; a Node.js from elsewhere (NodeSource) brings its own and conflicts with it.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "bootstrap: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'

# playwright-core (drives the system's chromium, downloads no browser), axe-core, html-validate.
if [ ! tests/js/node_modules/.package-lock.json -nt tests/js/package-lock.json ]; then
    (cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
fi
