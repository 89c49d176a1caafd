#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing:
# Chromium (+ fonts) for the end-to-end tests, xmllint for validating Akoma Ntoso exports, LibreOffice Writer
# for reading the DOCX exports as a word processor does (tracked changes).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} (Debian packages needed by the tests)…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
