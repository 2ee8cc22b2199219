#!/usr/bin/env bash
# ./test.sh: install what is missing, build, and run every test headless:
# the normal build under xvfb-run, the server tests against a throwaway
# PostgreSQL cluster, then the core tests again in an
# AddressSanitizer/UBSan build. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
. build-aux/setup.sh

status=0
logs=()

finish () {
  local counts
  counts=$(python3 - "${logs[@]}" <<'PY'
import json, sys
passed = failed = 0
for path in sys.argv[1:]:
    try:
        with open(path, encoding='utf-8') as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                result = json.loads(line).get('result')
                if result in ('OK', 'EXPECTEDFAIL', 'SKIP'):
                    passed += result != 'SKIP'
                else:
                    failed += 1
    except FileNotFoundError:
        pass
print(passed, failed)
PY
)
  set -- $counts
  local passed=$1 failed=$2
  # A step that failed before meson could log a test still fails the run.
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
}

# run_suite LOG COMMAND…: LOG is the meson test log (JSON) the command
# writes, counted at the end (meson names it after --logbase and --setup).
run_suite () {
  local log=$1; shift
  rm -f "$log"
  logs+=("$log")
  "$@" || status=1
}

jd_install_packages || status=1
jd_generate_locales || status=1

if [ $status -eq 0 ] && jd_build build --prefix="$PWD/build/install"; then
  # Everything but the server tests, which run below with their server.
  run_suite build/meson-logs/testlog.json xvfb-run -a -s '-screen 0 1280x1024x24' \
    meson test -C build --print-errorlogs --num-processes 2 --no-suite pg
  # The centre server: the 'pg' suite against a throwaway PostgreSQL 15
  # cluster that pg_virtualenv (postgresql-common, which postgresql-15
  # brings) makes for this run alone and removes afterwards. Without it
  # the server goes untested, and that fails the run. Under xvfb-run:
  # two desks' widgets on one server are a test of the suite too.
  if command -v pg_virtualenv >/dev/null; then
    run_suite build/meson-logs/testlog-pg.json \
      xvfb-run -a -s '-screen 0 1280x1024x24' \
      pg_virtualenv -t -v 15 -- meson test -C build --suite pg --print-errorlogs \
      --num-processes 1 --logbase testlog-pg
  else
    echo "pg_virtualenv is missing (package postgresql-common): the server tests cannot run" >&2
    status=1
  fi
  # Where the users live: a Kazakh desk on a UTC machine and a Russian
  # desk in Almaty (tests/meson.build's setups), for every core and
  # command-line test.
  for setup in kk ru; do
    run_suite "build/meson-logs/testlog-$setup.json" \
      meson test -C build --setup "$setup" --print-errorlogs \
      --num-processes 2 --suite core --suite cli
  done
  # A desktop has a session bus: the widget tests again with one, which
  # they must not touch (each test brings its own private bus).
  if command -v dbus-run-session >/dev/null; then
    run_suite build/meson-logs/testlog-session-bus.json \
      dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24' \
      meson test -C build --print-errorlogs --num-processes 2 --suite ui \
      --logbase testlog-session-bus
  fi
else
  status=1
fi

if [ $status -eq 0 ] || [ -f build/build.ninja ]; then
  if jd_build build-asan -Db_sanitize=address,undefined -Db_lundef=false \
       -Dui_tests=false -Dbench=false; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      run_suite build-asan/meson-logs/testlog.json meson test -C build-asan --print-errorlogs \
        --suite core --suite cli
  else
    status=1
  fi
fi

finish
