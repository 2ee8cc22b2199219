#!/usr/bin/env python3
# sqlite-to-jdstmt.py: rewrites sqlite3 statement calls of C files into
# the engine-neutral JdStmt API (src/core/jd-stmt.h), in place.
#
# Usage: build-aux/sqlite-to-jdstmt.py FILE...
# The rest (hooks, backup, PRAGMAs, a handle held in a variable) is left
# for a person; `grep -n sqlite3 FILE` afterwards shows what remains.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import re
import sys


def split_call(text, start):
    """Arguments and end of the call whose '(' is at text[start]."""
    depth = 0
    args = []
    current = start + 1
    i = start
    in_str = False
    while i < len(text):
        c = text[i]
        if in_str:
            if c == '\\':
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
            if depth == 0:
                args.append(text[current:i])
                return args, i + 1
        elif c == ',' and depth == 1:
            args.append(text[current:i])
            current = i + 1
        i += 1
    raise ValueError('unbalanced call')


def rewrite_bind_text(text):
    out = []
    pos = 0
    for m in re.finditer(r'\bsqlite3_bind_text\s*\(', text):
        if m.start() < pos:
            continue
        args, end = split_call(text, m.end() - 1)
        if len(args) != 5 or args[3].strip() != '-1':
            continue
        kind = args[4].strip()
        if kind == 'SQLITE_STATIC':
            name = 'jd_stmt_bind_text_static'
        elif kind == 'SQLITE_TRANSIENT':
            name = 'jd_stmt_bind_text'
        else:
            continue
        out.append(text[pos:m.start()])
        out.append('%s (%s,%s,%s)' % (name, args[0], args[1], args[2]))
        pos = end
    out.append(text[pos:])
    return ''.join(out)


def realign_parameters(text):
    """A parameter list that starts with 'sqlite3_stmt *x,' is aligned
    on that type: align it again on the longest type once it is JdStmt."""
    lines = text.split('\n')
    i = 0
    while i < len(lines):
        m = re.match(r'^(\w+ \()sqlite3_stmt \*(\w+)(,|\))$', lines[i])
        if not m or m.group(3) == ')':
            i += 1
            continue
        indent = m.group(1)
        params = [('JdStmt', '*', m.group(2), m.group(3))]
        j = i + 1
        while j < len(lines):
            n = re.match(r'^' + ' ' * len(indent) + r'([\w ]*?\w)\s+(\**)(\w+)(,|\))$', lines[j])
            if not n:
                break
            params.append(n.groups())
            if n.group(4) == ')':
                break
            j += 1
        if params[-1][3] != ')':
            i += 1
            continue
        column = max(len(t) + 1 + len(st) for t, st, _, _ in params)
        new = []
        for k, (t, st, name, end) in enumerate(params):
            lead = indent if k == 0 else ' ' * len(indent)
            new.append(lead + t + ' ' * (column - len(t) - len(st)) + st + name + end)

        lines[i:i + len(params)] = new
        i += len(params)
    return '\n'.join(lines)


def realign_continuations(text):
    """'sqlite3_stmt *x = call (a,' continued on the next lines: those
    are aligned on the call's parenthesis, 6 columns to the right of
    where it will be."""
    lines = text.split('\n')
    for i, line in enumerate(lines):
        m = re.match(r'^(\s*)sqlite3_stmt \*\w+ = .*[^;{]$', line)
        if not m:
            continue
        j = i + 1
        while j < len(lines) and lines[j].startswith(m.group(1) + ' ' * 7):
            lines[j] = lines[j][6:]
            if lines[j].rstrip().endswith(';'):
                break
            j += 1
    return '\n'.join(lines)


HANDLE = r'jd_db_get_handle \(([^()]*)\)'
SIMPLE = [
    (r'\(const (unsigned )?char \*\) ?sqlite3_column_text\b', 'jd_stmt_column_text'),
    (r'\bsqlite3_column_type \(([^()]*)\) != SQLITE_NULL', r'!jd_stmt_column_is_null (\1)'),
    (r'\bsqlite3_column_type \(([^()]*)\) == SQLITE_NULL', r'jd_stmt_column_is_null (\1)'),
    (r'\bsqlite3_last_insert_rowid \(' + HANDLE + r'\)', r'jd_db_last_insert_id (\1)'),
    (r'\bsqlite3_total_changes64 \(' + HANDLE + r'\)', r'jd_db_total_changes (\1)'),
    (r'\bsqlite3_changes \(' + HANDLE + r'\)', r'jd_db_changes (\1)'),
    (r'\bsqlite3_get_autocommit \(' + HANDLE + r'\)', r'!jd_db_in_transaction (\1)'),
    (r'\bsqlite3_(bind_int64|bind_int|bind_double|bind_null|bind_parameter_count|'
     r'clear_bindings|step|reset|column_count|column_name|column_int64|'
     r'column_int|column_double|column_text)\b', r'jd_stmt_\1'),
    (r'\bSQLITE_ROW\b', 'JD_STEP_ROW'),
    (r'\bSQLITE_DONE\b', 'JD_STEP_DONE'),
]


def convert(text):
    text = rewrite_bind_text(text)
    text = realign_parameters(text)
    text = realign_continuations(text)
    # Aligned parameters keep their column: the type is 6 shorter.
    text = re.sub(r'\bsqlite3_stmt(  +)', lambda m: 'JdStmt' + m.group(1) + ' ' * 6, text)
    text = re.sub(r'\bsqlite3_stmt\b', 'JdStmt', text)
    for pattern, replacement in SIMPLE:
        text = re.sub(pattern, replacement, text)
    return text


for path in sys.argv[1:]:
    with open(path, encoding='utf-8') as f:
        old = f.read()
    new = convert(old)
    if new != old:
        with open(path, 'w', encoding='utf-8') as f:
            f.write(new)
