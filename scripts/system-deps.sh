#!/usr/bin/env bash
# Installs the system programs the tests use, when missing (Debian/Ubuntu: apt-get, as root or with sudo).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v epubcheck >/dev/null || need+=(epubcheck)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v espeak-ng >/dev/null || need+=(espeak-ng)
command -v redis-server >/dev/null || need+=(redis-server)
command -v npm >/dev/null || need+=(npm)  # axe-core for the accessibility tests
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need+=(fonts-noto-color-emoji)
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing system packages: ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "please install: ${need[*]} (apt-get install ${need[*]})" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
