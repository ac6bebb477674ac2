#!/usr/bin/env bash
# Installs what the build and the tests need, idempotently: each step is
# skipped when the right version is already there (a second run takes about
# a second). Sourced by scripts/serve and scripts/test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASM_BINDGEN_VERSION="0.2.130"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# The toolchain rust-toolchain.toml names (stable 1.95.0, the wasm32 target,
# rustfmt and clippy): `rustup toolchain install` with no name installs it, or
# adds what it lacks.
if ! (cd "$ROOT" && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown &&
      rustup component list --installed 2>/dev/null | grep -q '^clippy' &&
      rustup component list --installed 2>/dev/null | grep -q '^rustfmt'); then
  say "installing the toolchain of rust-toolchain.toml with its wasm32 target, rustfmt and clippy"
  (cd "$ROOT" && rustup toolchain install)
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ "${INFUSION_CHECK_NO_BROWSER:-}" != "1" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v brotli >/dev/null; then
    say "installing Debian's chromium, chromium-driver and brotli"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver brotli >/dev/null
  fi
fi

# npm packages: only when package-lock.json changed since the last install.
stamp="$ROOT/node_modules/.lock-hash"
hash="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
  say "installing npm packages (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$hash" > "$stamp"
fi
export PATH="$ROOT/node_modules/.bin:$PATH"

# Python's icalendar, which the reminder test (tests/ics_check.py) reads the
# widget's calendar files with: a venv under target/, pinned by
# tests/requirements-ics.txt, installed again only when that file changes.
ICS_VENV="$ROOT/target/ics-venv"
ics_stamp="$ICS_VENV/.requirements-hash"
ics_hash="$(sha256sum "$ROOT/tests/requirements-ics.txt" | cut -d' ' -f1)"
if [ ! -f "$ics_stamp" ] || [ "$(cat "$ics_stamp")" != "$ics_hash" ] || ! "$ICS_VENV/bin/python3" -c 'import icalendar' 2>/dev/null; then
  say "installing Python's icalendar into target/ics-venv (for the reminder test)"
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  fi
  rm -rf "$ICS_VENV"
  python3 -m venv "$ICS_VENV"
  "$ICS_VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/tests/requirements-ics.txt"
  echo "$ics_hash" > "$ics_stamp"
fi
export IC_PYTHON="$ICS_VENV/bin/python3"
