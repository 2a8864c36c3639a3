#!/usr/bin/env bash
# Installs the Debian packages expediente needs when missing: Tesseract with Spanish data (OCR);
# with --browser also Chromium and its WebDriver (only the test suite needs them: the browser test
# of the Datasette signatory search).
set -euo pipefail

packages=()
command -v tesseract >/dev/null 2>&1 || packages+=(tesseract-ocr)
if ! tesseract --list-langs 2>/dev/null | grep -qx spa; then
  packages+=(tesseract-ocr-spa)
fi
browser=false
[ "${1:-}" = "--browser" ] && browser=true
if $browser; then
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  [ -x /usr/bin/chromedriver ] || packages+=(chromium-driver)
fi
((${#packages[@]})) || exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "expediente needs these Debian packages: ${packages[*]}" >&2
  echo "Install them as root:  apt-get update && apt-get install -y ${packages[*]}" >&2
  exit 1
fi
echo "Installing ${packages[*]} (Debian) ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
tesseract --list-langs 2>/dev/null | grep -qx spa
! $browser || { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }
