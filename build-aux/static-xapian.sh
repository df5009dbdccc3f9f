#!/bin/sh
# static-xapian.sh DIR - build a static libxapian (DIR/lib/libxapian.a) from
# Debian's own xapian-core source package, of the version of the installed
# libxapian-dev, for `make static-search`.
#
# Debian ships no libxapian.a.  The source package is fetched with
# `apt-get source` into DIR when it is not there yet (this needs a deb-src
# line for the Debian suite; README "A statically linked gazette-search"),
# and configured as debian/rules does, with dpkg-buildflags' flags, except
# that only the static library is built: no shared library, no tools, no
# documentation.  Its headers are the installed ones (same version), so the
# program's objects need no rebuild.  Run under make: $MAKE and its job
# server are used.
set -eu
dir=$1
version=$(dpkg-query -W -f='${Version}' libxapian-dev 2>/dev/null) || {
    echo "static-xapian: libxapian-dev is not installed" >&2; exit 2; }
upstream=${version%-*}
src="$dir/xapian-core-$upstream"
mkdir -p "$dir"
if [ ! -f "$src/configure" ]; then
    (cd "$dir" && apt-get source "xapian-core=$version") || {
        cat >&2 <<EOF
static-xapian: apt-get source xapian-core=$version failed.  It needs dpkg-dev
and a deb-src entry for the suite libxapian-dev came from, e.g. a file
/etc/apt/sources.list.d/debian-src.sources holding the URIs and Suites of
/etc/apt/sources.list.d/debian.sources with "Types: deb-src", then
apt-get update.
EOF
        exit 2
    }
fi
# debian/rules configures in build/; its flags are dpkg-buildflags', less
# -g (the archive would be ten times larger: the programs are not
# debugged inside Xapian).
export DEB_CFLAGS_MAINT_STRIP=-g DEB_CXXFLAGS_MAINT_STRIP=-g
eval "$(dpkg-buildflags --export=sh)"
mkdir -p "$src/build"
cd "$src/build"
if [ ! -f Makefile ]; then
    ../configure --quiet --enable-static --disable-shared \
        --disable-documentation
fi
${MAKE:-make} libxapian.la
mkdir -p ../../lib
cp .libs/libxapian.a ../../lib/libxapian.a.tmp
mv ../../lib/libxapian.a.tmp ../../lib/libxapian.a
