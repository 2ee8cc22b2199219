#!/usr/bin/env python3
"""check-manifest.py MANIFEST: the Flatpak manifest parses, names our app,
runs on the GNOME runtime and asks for no file system. The network is
allowed for one reason: a desk can use the centre's PostgreSQL server;
the keyring (org.freedesktop.secrets) keeps that server's password."""
import json
import sys

path = sys.argv[1]
try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"{path}: {e}")

problems = []
app_id = manifest.get("id") or manifest.get("app-id")
if app_id != "kz.jastar.Desk":
    problems.append(f"app id is {app_id!r}, not 'kz.jastar.Desk'")
if manifest.get("command") != "jastar-desk":
    problems.append("command is not jastar-desk")
if manifest.get("runtime") != "org.gnome.Platform":
    problems.append("runtime is not org.gnome.Platform")
if manifest.get("sdk") != "org.gnome.Sdk":
    problems.append("sdk is not org.gnome.Sdk")
args = manifest.get("finish-args", [])
for arg in args:
    if arg.startswith("--filesystem") or arg in ("--socket=session-bus", "--socket=system-bus"):
        problems.append(f"finish-arg {arg} gives access the app must not have")
for needed in ("--share=ipc", "--socket=wayland", "--socket=fallback-x11",
               "--share=network", "--talk-name=org.freedesktop.secrets"):
    if needed not in args:
        problems.append(f"finish-arg {needed} is missing")
modules = manifest.get("modules", [])
names = [m.get("name") for m in modules]
for needed in ("libgsf", "libpq"):
    if needed not in names:
        problems.append(f"module {needed} is missing (not in the GNOME runtime)")
if not modules or modules[-1].get("buildsystem") != "meson":
    problems.append("the last module does not build this meson project")

if problems:
    sys.exit("\n".join(f"{path}: {p}" for p in problems))
print(f"{path}: {app_id} on {manifest['runtime']} {manifest.get('runtime-version')}, "
      f"{len(modules)} modules, finish-args {' '.join(args)}")
