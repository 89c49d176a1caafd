#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing, and starts the services it uses:
# Chromium (+ fonts) for the end-to-end tests, xmllint for validating Akoma Ntoso exports, LibreOffice Writer
# for reading the DOCX exports as a word processor does (tracked changes), PostgreSQL and Redis for the
# scaled-out store (started on loopback when they are not answering; their tests never skip).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
root=false
[ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 && root=true
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$root" != true ]; then
    echo "The tests need these Debian packages: ${missing[*]}" >&2
    echo "Install them as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} (Debian packages needed by the tests)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
bash "$(dirname "$0")/ensure-services.sh"
