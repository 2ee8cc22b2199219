#!/usr/bin/env bash
# check-po.sh SRCDIR: translations are complete and well-formed.
#  1. every source file with translatable strings is listed in POTFILES.in;
#  2. every language in LINGUAS translates every string of the code (no
#     untranslated or fuzzy message) and passes msgfmt --check.
set -u
src=${1:?source dir}
cd "$src" || exit 1
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

listed=$(grep -v '^\s*#' po/POTFILES.in | sed '/^\s*$/d')

for f in $listed; do
  [ -f "$f" ] || { echo "POTFILES.in lists $f, which does not exist"; fail=1; }
done

# Files that need translating: C with gettext calls, .ui with
# translatable properties, and the desktop, metainfo and schema files.
candidates=$( { grep -rlE '\b(_|N_|C_|NC_|ngettext|g_dngettext)\s*\(' src --include='*.c';
                grep -rl 'translatable="yes"' data --include='*.ui';
                ls data/*.desktop.in.in data/*.metainfo.xml.in.in 2>/dev/null; } | sort -u)
for f in $candidates; do
  printf '%s\n' $listed | grep -qx "$f" ||
    { echo "$f has translatable strings but is missing from po/POTFILES.in"; fail=1; }
done

xgettext --from-code=UTF-8 --add-comments=Translators \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  -o "$tmp/all.pot" --files-from=<(printf '%s\n' $listed) 2>"$tmp/xgettext.err" ||
  { cat "$tmp/xgettext.err"; fail=1; }
total=$(grep -c '^msgid ' "$tmp/all.pot" 2>/dev/null || echo 0)
echo "$((total - 1)) strings in the code"

for lang in $(grep -v '^\s*#' po/LINGUAS); do
  po=po/$lang.po
  if [ ! -f "$po" ]; then echo "$po is missing"; fail=1; continue; fi
  if ! msgfmt --check -o /dev/null "$po" 2>"$tmp/check.err"; then
    echo "$po fails msgfmt --check:"; cat "$tmp/check.err"; fail=1
  fi
  msgmerge -q --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/all.pot" || { fail=1; continue; }
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      echo "$po is incomplete; untranslated or fuzzy:"
      msgattrib --untranslated --only-fuzzy "$tmp/$lang.po" 2>/dev/null | grep '^msgid' | head -20
      msgattrib --untranslated "$tmp/$lang.po" | grep -A1 '^msgid' | grep -v '^--' | head -40
      fail=1;;
  esac
  # Plural forms must be the ones the language needs.
  case $lang in
    ru) grep -q 'Plural-Forms: nplurals=3;' "$po" || { echo "$po: Russian needs nplurals=3"; fail=1; };;
    kk) grep -q 'Plural-Forms: nplurals=2; plural=(n != 1);' "$po" || { echo "$po: Kazakh needs nplurals=2; plural=(n != 1);"; fail=1; };;
  esac
done

exit $fail
