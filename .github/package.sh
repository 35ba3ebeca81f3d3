#!/usr/bin/env bash
# Builds `report` for one target and packs what a clerk downloads into dist/:
# the program, the bundled example's data (so `report build 2017` works right
# after unpacking), the README with the manual (docs/) and the fontconfig
# aliases for Linux.
# Usage: .github/package.sh TARGET   (x86_64-pc-windows-gnu, x86_64-unknown-linux-gnu,
#                                      aarch64-unknown-linux-gnu)
set -euo pipefail
target=$1
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
name="report-$version-$target"

cargo build --locked --release --target "$target"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" dist
case "$target" in
  *windows*) binary=report.exe ;;
  *) binary=report ;;
esac
cp "target/$target/release/$binary" "$stage/$name/"
cp -r data README.md "$stage/$name/"
mkdir -p "$stage/$name/docs" && cp docs/*.md docs/*.png "$stage/$name/docs/"
mkdir -p "$stage/$name/fontconfig" && cp docs/fontconfig/*.conf "$stage/$name/fontconfig/"

case "$target" in
  *windows*)
    # Windows line ends in the texts a clerk opens in Notepad.
    for text in "$stage/$name/README.md" "$stage/$name"/docs/*.md "$stage/$name"/data/*.yaml; do
      sed -i 's/$/\r/' "$text"
    done
    ;;
esac
# Fixed order, owner and times: the same sources give the same archive.
stamp=$(git log -1 --format=%ct 2>/dev/null || echo 0)
find "$stage/$name" -exec touch -d "@$stamp" {} +
case "$target" in
  *windows*)
    (cd "$stage" && find "$name" -print | LC_ALL=C sort | zip -q -X -D "$OLDPWD/dist/$name.zip" -@)
    echo "dist/$name.zip"
    ;;
  *)
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" \
      -C "$stage" -czf "dist/$name.tar.gz" "$name"
    echo "dist/$name.tar.gz"
    ;;
esac
