#!/bin/sh
# build-deb.sh ROOT VERSION OUT: turns a `make install DESTDIR=ROOT` tree into the Debian
# package OUT with dpkg-deb.  Dependencies come from the binary (dpkg-shlibdeps), every file
# under ROOT/etc becomes a conffile (so a centre's edited lessons are never replaced silently
# on upgrade), and the maintainer scripts come from kiosk/deploy/debian.  Called by `make deb`.
set -eu
root=$1 version=$2 out=$3
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
here=$(cd "$(dirname "$0")" && pwd)
arch=$(dpkg --print-architecture)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# dpkg-shlibdeps wants a debian/control to read; a minimal one in a scratch folder will do.
mkdir -p "$work/debian"
printf 'Source: kiosk\n\nPackage: kiosk\nArchitecture: any\n' > "$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O "$root/usr/bin/kiosk" 2>/dev/null |
	sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "build-deb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# The kiosk loads some libraries itself, on first use (dlopen: they are not in the binary's
# dependencies, which dpkg-shlibdeps reads): SQLite when it opens a database and libcrypt for
# the trainer PIN (left out of its start for the memory at the first frame), ncursesw when it
# checks the terminal (the command-line side never draws; its package brings tinfo), the
# spreadsheet library for an xlsx export only.  Their packages are named here, at the
# upstream version this build was made with.
for lib in libsqlite3 libcrypt libncursesw libxlsxwriter; do
	soname=$(strings "$root/usr/bin/kiosk" | grep -m1 "^$lib\.so\.[0-9]*\$") ||
		{ echo "build-deb.sh: the kiosk names no $lib.so.N" >&2; exit 1; }
	pkg=$(dpkg -S "*/$soname" | sed -n '1s/[:,].*//p')
	[ -n "$pkg" ] || { echo "build-deb.sh: no package holds $soname" >&2; exit 1; }
	case ", $depends," in
	*", $pkg "*|*", $pkg,"*) ;;  # dpkg-shlibdeps named it already
	*) depends="$depends, $pkg (>= $(dpkg-query -W -f='${Version}' "$pkg" | sed 's/-[^-]*$//'))" ;;
	esac
done

# Debian ships man pages compressed.
find "$root/usr/share/man" -type f ! -name '*.gz' -exec gzip -9n {} +
install -d -m 755 "$root/DEBIAN" "$root/usr/share/doc/kiosk"
install -m 644 "$here/debian/copyright" "$root/usr/share/doc/kiosk/copyright"
for s in postinst prerm postrm; do
	install -m 755 "$here/debian/$s" "$root/DEBIAN/$s"
done
(cd "$root" && find etc -type f | sort | sed 's|^|/|') > "$root/DEBIAN/conffiles"
(cd "$root" && find usr lib -type f 2>/dev/null | sort | xargs md5sum) > "$root/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@SIZE@|$size|" \
	-e "s|@DEPENDS@|$depends|" "$here/debian/control.in" > "$root/DEBIAN/control"
# Files owned by root whoever builds; no fakeroot needed.
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" > /dev/null
echo "$out"
