#!/usr/bin/env bash
# `make dist`: the release archive dist/moteplass-<version>-linux-<arch>.tar.gz and its .sha256.
#
# A release build in its own scratch folder (.build-dist) with the Swift standard library,
# Foundation and Dispatch linked statically (--static-swift-stdlib), and cmark-gfm, Snowball's
# libstemmer and libstdc++ linked statically from Debian's .a files, so the binary needs only
# glibc at run time. The archive is reproducible: sorted names, the last commit's
# time as every file's mtime, owner root, fixed modes, gzip without name and time (README,
# "Last ned verktøyet").
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
swift=${SWIFT:-swift}

version=$(sed -n 's/^let moteplassVersion = "\(.*\)"$/\1/p' Sources/moteplass/Version.swift)
[ -n "$version" ] || { echo "make dist: no version in Sources/moteplass/Version.swift" >&2; exit 1; }
arch=$(uname -m)
name=moteplass-$version-linux-$arch
scratch=$root/.build-dist

# cmark-gfm, Snowball's libstemmer and libstdc++ linked statically: this folder holds only their
# static archives and a pkg-config file for cmark-gfm that points the linker here (and names the
# extensions before the core, the order static archives need). It comes before the system's
# folders on the linker's search path, so `-lcmark-gfm`, `-lstemmer` and the toolchain's
# `-lstdc++` find the `.a` files. Nothing links libcurl: the preview server is written on
# FlyingSocks, so no module imports Foundation's networking (FoundationNetworking), which would.
static=$scratch/static-libs
rm -rf "$static"
mkdir -p "$static"
multiarch=$(gcc -print-multiarch 2>/dev/null || echo "$arch-linux-gnu")
for library in libcmark-gfm.a libcmark-gfm-extensions.a libstemmer.a; do
    ln -s "/usr/lib/$multiarch/$library" "$static/$library"
done
ln -s "$(gcc -print-file-name=libstdc++.a)" "$static/libstdc++.a"
cat >"$static/libcmark-gfm.pc" <<EOF
Name: libcmark-gfm
Description: cmark-gfm and its extensions, linked statically
Version: $(pkg-config --modversion libcmark-gfm)
Libs: -L$static -lcmark-gfm-extensions -lcmark-gfm
Cflags: $(pkg-config --cflags libcmark-gfm)
EOF

PKG_CONFIG_PATH=$static "$swift" build -c release --product moteplass --scratch-path "$scratch" --static-swift-stdlib
binary=$scratch/release/moteplass

stage=$scratch/stage
rm -rf "$stage"
mkdir -p "$stage/$name/bin" "$stage/$name/lisenser"
# Without the symbol table and debug information (a crash still names the Swift functions:
# the runtime exports them dynamically).
strip -o "$stage/$name/bin/moteplass" "$binary"
cp Distribution/README.txt "$stage/$name/README.txt"
sed -i "s/@VERSION@/$version/g; s/@ARCH@/$arch/g" "$stage/$name/README.txt"

# The licences of what is linked into the binary: the Swift runtime, Foundation and Dispatch
# (the toolchain's licence), Foundation's ICU, the C libraries (Debian's copyright files) and the
# Swift packages the tool links (the test-only swift-mustache is not linked; FlyingSocks, the
# preview's sockets, comes with the FlyingFox package and its licence).
licences=$stage/$name/lisenser
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v "$swift")")")")
cp "$toolchain/share/swift/LICENSE.txt" "$licences/swift.txt"
cp Distribution/licences/icu.txt "$licences/icu.txt"
cp /usr/share/doc/libcmark-gfm0*/copyright "$licences/cmark-gfm.txt"
cp /usr/share/doc/libcmark-gfm-extensions0*/copyright "$licences/cmark-gfm-extensions.txt"
cp /usr/share/doc/libstemmer0d/copyright "$licences/snowball.txt"
cp /usr/share/doc/libstdc++6/copyright "$licences/libstdc++.txt"
for package in swift-argument-parser Yams FlyingFox; do
    cp "$scratch/checkouts/$package"/LICENSE* "$licences/$package.txt"
done
chmod -R u=rwX,go=rX "$stage/$name"

mkdir -p dist
mtime=$(git log -1 --format=%ct 2>/dev/null || echo 0)
archive=dist/$name.tar.gz
tar --sort=name --mtime="@$mtime" --owner=0 --group=0 --numeric-owner --format=gnu -C "$stage" -cf - "$name" |
    gzip -n -9 >"$archive.tmp"
mv "$archive.tmp" "$archive"
(cd dist && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "$archive"
cat "$archive.sha256"
