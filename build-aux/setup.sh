# build-aux/setup.sh: shared by run.sh and test.sh (sourced, not run).
# Installs the Debian 12 packages that are missing, generates the Kazakh
# and Russian locales, and configures and builds the project with meson.

JD_PACKAGES=(
  # build
  meson ninja-build pkg-config gcc python3
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libsodium-dev libxlsxwriter-dev
  # workbooks (libgsf), the printable report (cairo, pango), the centre
  # server (libpq) and its password in the keyring (libsecret)
  libgsf-1-dev libcairo2-dev libpango1.0-dev libpq-dev libsecret-1-dev
  # a throwaway PostgreSQL cluster for the server tests (initdb, pg_ctl)
  postgresql-15 postgresql-contrib
  # translations, desktop integration and their checks
  gettext appstream desktop-file-utils
  # headless tests, the benchmark's baseline, locales and fonts
  xvfb xauth sqlite3 locales fonts-cantarell fonts-dejavu-core
  adwaita-icon-theme
  # a session bus and the accessibility bus, as on a desktop, and real
  # key presses for the widget tests
  dbus dbus-x11 at-spi2-core xdotool
)

jd_log () { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

jd_as_root () {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

jd_install_packages () {
  local missing=() pkg
  for pkg in "${JD_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    jd_log "Installing ${missing[*]}"
    jd_as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive jd_as_root apt-get install -y -qq \
      --no-install-recommends "${missing[@]}"
  fi
}

jd_generate_locales () {
  local loc missing=()
  for loc in kk_KZ ru_RU; do
    locale -a 2>/dev/null | grep -qix "${loc}\.utf-\?8" || missing+=("$loc")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  jd_log "Generating locales ${missing[*]}"
  for loc in "${missing[@]}"; do
    if grep -q "^# *${loc}.UTF-8 UTF-8" /etc/locale.gen 2>/dev/null; then
      jd_as_root sed -i "s/^# *${loc}.UTF-8 UTF-8/${loc}.UTF-8 UTF-8/" /etc/locale.gen
    elif ! grep -q "^${loc}.UTF-8 UTF-8" /etc/locale.gen 2>/dev/null; then
      echo "${loc}.UTF-8 UTF-8" | jd_as_root tee -a /etc/locale.gen >/dev/null
    fi
  done
  jd_as_root locale-gen >/dev/null
}

# jd_build DIR [meson options…]
jd_build () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    jd_log "Configuring $dir"
    meson setup "$dir" --werror -Dbuildtype=debugoptimized "$@"
  fi
  jd_log "Building $dir"
  meson compile -C "$dir"
}
