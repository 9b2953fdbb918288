#!/usr/bin/env bash
# Debian/Ubuntu libraries the program and its tests need (platform.md):
# Qt at load time, Xvfb + xcb for real-window tests, poppler and LibreOffice as independent readers
# of the PDFs, DOCX and XLSX files the program writes, openssl for signature checks.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PACKAGES=(
  python3 python3-venv python3-pip
  libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 libx11-6 libdbus-1-3
  xvfb xauth libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-randr0 libxcb-render0 libxcb-shape0 libxcb-xkb1 libxcb-sync1
  libxcb-xfixes0 libxcb-shm0 libxcb-util1 libx11-xcb1
  poppler-utils openssl libreoffice-writer-nogui libreoffice-calc-nogui
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "安装系统依赖：${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
