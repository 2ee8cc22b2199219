#!/usr/bin/env bash
# ./run.sh [jastar-desk options]: install what is missing, build, and
# start Jastar Desk (from an installation inside build/, so translations,
# icons and settings work as they will for staff).
set -euo pipefail
cd "$(dirname "$0")"
. build-aux/setup.sh

jd_install_packages
jd_generate_locales
jd_build build --prefix="$PWD/build/install"
meson install -C build --quiet

export XDG_DATA_DIRS="$PWD/build/install/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
exec "$PWD/build/install/bin/jastar-desk" "$@"
