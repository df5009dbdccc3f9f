# Unreadable directories and files (t040 covers a new unreadable file):
# each is an error naming the path and the reason (exit 1), the rest is
# indexed, and -- what matters from cron -- the articles the index already
# holds from a directory that cannot be read today are kept, not deleted as
# if their files had vanished; once readable again, the index equals a
# clean build.  Root reads anything, so as root the runs are made as
# nobody (setpriv); without setpriv the test is skipped.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" = 0 ]; then
    command -v setpriv > /dev/null || skip "running as root and setpriv is absent: chmod cannot deny root"
    as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    chmod 755 "$T"
else
    as_user() { "$@"; }
fi
c="$T/c"
mkdir -p "$c/open" "$c/locked/inner" "$c/listonly" "$c/noexec"
art() { printf 'date 2020-01-01\ntitle %s\n\n%s here.\n' "$2" "$2" > "$1"; }
art "$c/open/one.txt" Aardvark
art "$c/locked/two.txt" Bison
art "$c/locked/inner/three.txt" Coati
art "$c/listonly/four.txt" Dingo
art "$c/noexec/five.txt" Eland
art "$c/secret.txt" Fossa
chmod -R a+rwX "$c"
mkdir "$T/idx"
chmod 777 "$T/idx"

ids() { "$SRCH" -d "$T/idx" -o ids -n 100 '*' | sort | tr '\n' ' '; }
expect_exit 0 as_user "$IDX" -j 1 -d "$T/idx" "$c"
all="five four one secret three two "
[ "$(ids)" = "$all" ] || fail "first run: $(ids)"

# Today: locked/ cannot be listed nor entered, listonly/ can be listed but
# not entered (--- and r--), noexec/ can be entered but not listed (--x),
# and secret.txt changed and cannot be read.
printf 'More fossa.\n' >> "$c/secret.txt"
chmod 000 "$c/locked" "$c/secret.txt"
chmod 444 "$c/listonly"
chmod 111 "$c/noexec"
expect_exit 1 as_user "$IDX" -j 1 -d "$T/idx" "$c"
e="$T/err"
expect_grep "error: $c/locked: Permission denied" "$e"
expect_grep "error: $c/listonly/four.txt: Permission denied" "$e"
expect_grep "error: $c/noexec: Permission denied" "$e"
expect_grep "error: $c/secret.txt: Permission denied" "$e"
expect_grep "0 vanished); 0 articles read, 0 deleted, 5 kept from files that could not be read; 4 rejected" "$e"
# Nothing was deleted: the files are still there, only unreadable.
[ "$(ids)" = "$all" ] || fail "articles lost while unreadable: $(ids)"

# Readable again: the run catches up and equals a clean build.
chmod 755 "$c/locked" "$c/listonly" "$c/noexec"
chmod 644 "$c/secret.txt"
expect_exit 0 as_user "$IDX" -j 1 -d "$T/idx" "$c"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids "more fossa"
expect_exit 0 "$IDX" -q -d "$T/clean" "$c"
dump_index "$T/idx" "$T/a.txt"
dump_index "$T/clean" "$T/b.txt"
cmp -s "$T/a.txt" "$T/b.txt" || { diff "$T/a.txt" "$T/b.txt" >&2; fail "differs from a clean build"; }

# A directory that is really gone still takes its articles with it.
rm -r "$c/locked"
expect_exit 0 as_user "$IDX" -j 1 -d "$T/idx" "$c"
expect_grep "2 vanished); 0 articles read, 2 deleted" "$T/err"

# An unreadable directory named on the command line: an error, kept too.
chmod 000 "$c/open"
expect_exit 1 as_user "$IDX" -j 1 -d "$T/idx" "$c/open"
expect_grep "error: $c/open: Permission denied" "$T/err"
chmod 755 "$c/open"
expect_exit 0 "$SRCH" -d "$T/idx" aardvark
exit 0
