#!/usr/bin/env bash
# ./test.sh: install what is missing, build, and run every test headless:
# the normal build under xvfb-run, then the core tests again in an
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

run_suite () {
  local dir=$1; shift
  rm -f "$dir/meson-logs/testlog.json"
  logs+=("$dir/meson-logs/testlog.json")
  "$@" || status=1
}

jd_install_packages || status=1
jd_generate_locales || status=1

if [ $status -eq 0 ] && jd_build build --prefix="$PWD/build/install"; then
  run_suite build xvfb-run -a -s '-screen 0 1280x1024x24' \
    meson test -C build --print-errorlogs --num-processes 2
else
  status=1
fi

if [ $status -eq 0 ] || [ -f build/build.ninja ]; then
  if jd_build build-asan -Db_sanitize=address,undefined -Db_lundef=false \
       -Dui_tests=false -Dbench=false; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      run_suite build-asan meson test -C build-asan --print-errorlogs \
        --suite core --suite cli
  else
    status=1
  fi
fi

finish
