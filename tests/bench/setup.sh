#!/bin/sh
# setup.sh - install the peers `make bench` compares Gazette with, from
# Debian's packages, when they are missing:
#
#   scriptindex (xapian-omega), quest and xapian-compact (xapian-tools),
#   sqlite3, rg (ripgrep), /usr/bin/time (time), and Debian's python3 with
#   its Xapian binding (python3-xapian, for Xapian's in-process figures).
#
# As root, or through sudo without a password; otherwise it stops and names
# the packages.  Prints nothing when everything is already there.
set -eu

missing=""
need() { missing="$missing $1"; }

command -v scriptindex >/dev/null 2>&1 || need xapian-omega
command -v quest >/dev/null 2>&1 || need xapian-tools
command -v xapian-compact >/dev/null 2>&1 || need xapian-tools
command -v sqlite3 >/dev/null 2>&1 || need sqlite3
command -v rg >/dev/null 2>&1 || need ripgrep
[ -x /usr/bin/time ] || need time
[ -x /usr/bin/python3 ] || need python3
/usr/bin/python3 -c 'import sqlite3' 2>/dev/null || need python3
/usr/bin/python3 -c 'import xapian' 2>/dev/null || need python3-xapian

[ -z "$missing" ] && exit 0
# shellcheck disable=SC2086
missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ')

echo "bench setup: installing: $missing" >&2
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "bench setup: missing Debian packages: $missing" >&2
    echo "bench setup: install them with: sudo apt-get install -y $missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
