#!/usr/bin/env bash
# Install the Debian packages la-render needs, and only those that are missing.
# Cairo and Pango to build manim's bindings, LaTeX for MathTex, ffmpeg and gifsicle for encoding,
# espeak-ng and flite: the small speech engines narration falls back to (and the tests use).
# Where apt cannot be used (not root, not Debian) print exactly what to install and stop.
set -euo pipefail

PACKAGES=(
  libcairo2-dev libpango1.0-dev pkg-config
  texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended dvisvgm
  fonts-dejavu-core ffmpeg gifsicle
  espeak-ng flite
)
# Extra packages a target asks for (the browser test adds chromium).
PACKAGES+=(${EXTRA_PACKAGES:-})

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "la-render: this is not a Debian system; install the equivalents of: ${PACKAGES[*]}" >&2
  exit 1
fi

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "la-render: missing Debian packages. Install them with:" >&2
  echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "la-render: installing ${missing[*]}"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
