#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by build-aux/run and build-aux/test: install what is missing, then
# configure and build _build. Sourced, not executed.

set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
builddir="$top/_build"

# Debian/Ubuntu package names for everything the build and the tests use.
debian_packages=(
  meson ninja-build gcc pkg-config
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libgnutls28-dev
  gettext desktop-file-utils appstream flatpak-builder groff-base
  xvfb xauth dbus dbus-bin libx11-dev libxtst6
  python3 python3-jsonschema poppler-utils
  syncthing
  at-spi2-core python3-pyatspi gir1.2-atspi-2.0 xdotool
)
fedora_packages=(
  meson ninja-build gcc pkgconf-pkg-config
  glib2-devel gtk4-devel libadwaita-devel json-glib-devel gnutls-devel
  gettext desktop-file-utils appstream flatpak-builder groff-base
  xorg-x11-server-Xvfb xorg-x11-xauth dbus-daemon libX11-devel libXtst
  python3 python3-jsonschema poppler-utils
  syncthing
  at-spi2-core python3-pyatspi xdotool
)
# Optional: with clang and its libFuzzer, build-aux/test also runs each fuzz
# target (tests/fuzz) for 20 s. A distribution without these names only
# skips that.
debian_optional_packages=(clang libclang-rt-14-dev)
fedora_optional_packages=(clang compiler-rt)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "build-aux: need root to install packages (no sudo): $*" >&2
    return 1
  fi
}

install_dependencies() {
  if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    local missing=()
    local pkg
    for pkg in "${debian_packages[@]}"; do
      if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
      fi
    done
    if [ ${#missing[@]} -gt 0 ]; then
      echo "build-aux: installing ${missing[*]}" >&2
      export DEBIAN_FRONTEND=noninteractive
      as_root apt-get update -qq
      as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    fi
    missing=()
    for pkg in "${debian_optional_packages[@]}"; do
      if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
      fi
    done
    if [ ${#missing[@]} -gt 0 ] && apt-cache show "${missing[@]}" >/dev/null 2>&1; then
      echo "build-aux: installing ${missing[*]} (optional)" >&2
      export DEBIAN_FRONTEND=noninteractive
      as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || true
    fi
  elif command -v dnf >/dev/null 2>&1; then
    local missing=()
    local pkg
    for pkg in "${fedora_packages[@]}"; do
      rpm -q "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
      echo "build-aux: installing ${missing[*]}" >&2
      as_root dnf install -y "${missing[@]}" >&2
    fi
    missing=()
    for pkg in "${fedora_optional_packages[@]}"; do
      rpm -q "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
      as_root dnf install -y "${missing[@]}" >&2 || true
    fi
  else
    echo "build-aux: unknown distribution; install meson, GTK 4, libadwaita and json-glib development files yourself" >&2
  fi
}

# Extra `meson setup` options for a new build directory (build-aux/test
# --sanitize sets them with its own $builddir).
setup_args=()

configure_and_build() {
  local werror=false
  # CI treats warnings as errors; a developer's build only shows them.
  if [ "${CI:-}" = "true" ]; then
    werror=true
  fi
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$top" -Dwerror="$werror" "${setup_args[@]}" >&2
  else
    local current
    current="$(meson introspect --buildoptions "$builddir" 2>/dev/null \
      | python3 -c 'import json,sys; print(str([o["value"] for o in json.load(sys.stdin) if o["name"]=="werror"][0]).lower())' 2>/dev/null || echo unknown)"
    if [ "$current" != "$werror" ]; then
      meson configure "$builddir" -Dwerror="$werror" >&2
    fi
  fi
  ninja -C "$builddir" >&2
}

# Run the app and the tests from the build tree: compiled schemas live in
# _build/data, resources are compiled into the binary.
export GSETTINGS_SCHEMA_DIR="$builddir/data"
