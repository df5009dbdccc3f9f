#!/bin/sh
# deps.sh - make sure the Debian packages Gazette builds with are installed.
#
# Checks with pkg-config (and, for libstemmer, which has no .pc file, its
# header) and installs only what is missing, as root or through sudo.
# Without either it stops and names the packages to install.  Prints
# nothing when everything is already there.
set -eu

missing=""
need() { missing="$missing $1"; }

command -v pkg-config >/dev/null 2>&1 || need pkg-config
have_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1"; }
have_pc xapian-core  || need libxapian-dev
have_pc zlib         || need zlib1g-dev
have_pc libutf8proc  || need libutf8proc-dev
have_pc jansson      || need libjansson-dev
have_pc libxml-2.0   || need libxml2-dev
have_pc libbrotlidec || need libbrotli-dev
have_pc cmocka       || need libcmocka-dev
[ -f /usr/include/libstemmer.h ] || need libstemmer-dev
# Language detection (common/detect.c): the library and its models.
have_pc libexttextcat || need libexttextcat-dev
[ -f /usr/share/libexttextcat/fpdb.conf ] || need libexttextcat-data
command -v c++ >/dev/null 2>&1 || need g++
command -v make >/dev/null 2>&1 || need make
# t400-shards serves shards over Xapian's remote protocol.
command -v xapian-tcpsrv >/dev/null 2>&1 || need xapian-tools
# The end-to-end tests check results with small Python scripts run by
# Debian's python3; the brute-force checks stem with the Snowball stemmer's
# own Python port, an implementation independent of libstemmer.
[ -x /usr/bin/python3 ] || need python3
/usr/bin/python3 -c 'import snowballstemmer' 2>/dev/null || need python3-snowballstemmer
for extra in ${GAZETTE_EXTRA_PACKAGES:-}; do
    dpkg -s "$extra" >/dev/null 2>&1 || need "$extra"
done

[ -z "$missing" ] && exit 0

echo "deps: installing:$missing" >&2
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "deps: missing Debian packages:$missing" >&2
    echo "deps: install them with: sudo apt-get install$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
