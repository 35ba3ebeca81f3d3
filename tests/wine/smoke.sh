#!/usr/bin/env bash
# The Windows binary, run under wine, must write the same bytes as the Linux
# one: the bundled example and a project with units, built with paths typed
# the Windows way (`-C Z:\…`, `--out ..\out`), a data file with CRLF line ends,
# and a Chinese (GBK) console. Usage: tests/wine/smoke.sh LINUX_BIN WINDOWS_EXE
set -euo pipefail
linux=$(realpath "$1")
exe=$(realpath "$2")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

export WINEDEBUG=-all WINEPREFIX="$work/prefix"
# Wine 8 has no ProcessPrng, which Rust's std calls at start (see processprng.c).
wineboot -i >/dev/null 2>&1
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  "$root/tests/wine/processprng.c" "$root/tests/wine/processprng.def" -ladvapi32
export WINEDLLOVERRIDES="bcryptprimitives=n"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# 0. The .exe needs no DLL a stock Windows lacks (mingw's libgcc_s,
#    libwinpthread, libstdc++): a clerk unzips it and runs it.
while IFS= read -r dll; do
  case "${dll,,}" in
    libgcc* | libwinpthread* | libstdc++* | *mingw*) fail "report.exe needs $dll, which Windows does not have" ;;
  esac
done < <(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p')
# The Windows form of a path on this machine: wine maps Z: to /.
windows() { printf 'Z:%s' "${1//\//\\}"; }

# Every file under the two folders, hidden ones (the build record) included.
same_tree() {
  local label=$1 a=$2 b=$3 count=0
  diff <(cd "$a" && find . -type f ! -name .report-lock | sort) \
       <(cd "$b" && find . -type f ! -name .report-lock | sort) >/dev/null \
    || { fail "$label: the two builds wrote different files"; return; }
  while IFS= read -r file; do
    count=$((count + 1))
    cmp -s "$a/$file" "$b/$file" || fail "$label: $file differs between Linux and Windows"
  done < <(cd "$a" && find . -type f ! -name .report-lock | sort)
  echo "$label: $count files byte-identical"
}

# Both binaries speak the clerk's language (it is part of the build record).
# LC_CTYPE stays C.UTF-8, a locale every machine has: wine converts the
# arguments to UTF-16 by it, and a locale that is not installed (zh_CN.UTF-8
# usually is not) would garble a Chinese folder name on the way.
zh=(env -u LC_ALL LANG=zh_CN.UTF-8 LC_CTYPE=C.UTF-8)

# 1. The bundled example, in two copies laid out alike in a folder with a
#    Chinese name and a space, -C and --out typed as on Windows: the build
#    records name the same relative folder.
example="报告 2017/example"
for side in linux windows; do
  mkdir -p "$work/$side/$example" && cp -r "$root/data" "$work/$side/$example/data"
done
"${zh[@]}" "$linux" -C "$work/linux/$example" build 2017 --out ../out >/dev/null 2>&1
(cd "$work/windows" && "${zh[@]}" wine "$exe" -C "$(windows "$work/windows/$example")" build 2017 --out '..\out') \
  >"$work/example.log" 2>&1 || { cat "$work/example.log"; fail "bundled example: the .exe failed"; }
same_tree "bundled example" "$work/linux/报告 2017/out" "$work/windows/报告 2017/out"
# What the clerk built on Windows is current to the CI job on Linux.
"${zh[@]}" "$linux" -C "$work/windows/$example" build 2017 --check --out ../out >"$work/check.log" 2>&1 \
  || { cat "$work/check.log"; fail "the Linux build --check calls the Windows outputs stale"; }

# 2. A project with units, every unit and year.
for side in linux windows; do
  cp -r "$root/examples/city" "$work/$side/city" && rm -rf "$work/$side/city/generated"
done
"${zh[@]}" "$linux" -C "$work/linux/city" build --all --out out >/dev/null 2>&1
"${zh[@]}" wine "$exe" -C "$(windows "$work/windows/city")" build --all --out out \
  >"$work/city.log" 2>&1 || { cat "$work/city.log"; fail "units: the .exe failed"; }
same_tree "units" "$work/linux/city/out" "$work/windows/city/out"

# 2b. The fill-in workbooks: the .exe writes the same bytes, and builds the
#     same reports with them beside the data files.
"$linux" -C "$work/linux/city" sheet 2017 >/dev/null 2>&1
"${zh[@]}" wine "$exe" -C "$(windows "$work/windows/city")" sheet 2017 \
  >"$work/sheet.log" 2>&1 || { cat "$work/sheet.log"; fail "workbooks: the .exe failed"; }
for book in "$work"/linux/city/data/*/2017.xlsx; do
  unit=$(basename "$(dirname "$book")")
  cmp -s "$book" "$work/windows/city/data/$unit/2017.xlsx" || fail "workbooks: $unit's differs between Linux and Windows"
done
"${zh[@]}" "$linux" -C "$work/linux/city" build --all --out with-books >/dev/null 2>&1
"${zh[@]}" wine "$exe" -C "$(windows "$work/windows/city")" build --all --out with-books \
  >"$work/books.log" 2>&1 || { cat "$work/books.log"; fail "workbooks: the .exe's build failed"; }
same_tree "units with workbooks" "$work/linux/city/with-books" "$work/windows/city/with-books"

# 3. A data file saved by Notepad: CRLF line ends make the same report.
mkdir -p "$work/crlf/data"
sed 's/$/\r/' "$root/data/2017.yaml" >"$work/crlf/data/2017.yaml"
sed 's/$/\r/' "$root/data/2016.yaml" >"$work/crlf/data/2016.yaml"
"${zh[@]}" wine "$exe" -C "$(windows "$work/crlf")" build 2017 --out out >"$work/crlf.log" 2>&1 \
  || { cat "$work/crlf.log"; fail "CRLF: the .exe failed"; }
for file in 2017.md 2017.html 2017.docx; do
  cmp -s "$work/linux/报告 2017/out/$file" "$work/crlf/out/$file" || fail "CRLF: $file differs from the LF build"
done

# 4. A Chinese system (code page 936): messages are Chinese and a bad data
#    file names its line and column. Rust writes a console with WriteConsoleW,
#    whatever its code page, and a pipe or a file as UTF-8.
mkdir -p "$work/bad/data"
printf 'topic: 环境整治\nissuer: 某区\ndate: 2017-12-28\nmetrics:\n  roofs: {label: 屋顶, value: 七千二, unit: ㎡}\n' >"$work/bad/data/2017.yaml"
set +e
LANG=zh_CN.GBK LC_ALL=zh_CN.GBK wine "$exe" -C "$(windows "$work/bad")" check 2017 >"$work/gbk.log" 2>&1
status=$?
set -e
[ "$status" -ne 0 ] || fail "GBK console: a bad data file passed check"
{ grep -q "数值写成了文字" "$work/gbk.log" && grep -q "2017.yaml:5:29" "$work/gbk.log"; } \
  || { cat "$work/gbk.log"; fail "GBK console: the message is not Chinese or names no file:line:column"; }

# 5. The PDF and OFD the tool sets itself: the .exe finds the faces in Windows'
#    font folder (here the machine's own font files, linked into the
#    prefix's C:\windows\Fonts) and writes the same bytes as Linux.
while IFS= read -r font; do
  ln -sf "$font" "$WINEPREFIX/drive_c/windows/Fonts/$(basename "$font")"
done < <(find /usr/share/fonts -type f \( -name '*.ttf' -o -name '*.ttc' -o -name '*.otf' \))
mkdir -p "$work/pdf/data" && cp "$root"/data/*.yaml "$work/pdf/data/"
"$linux" -C "$work/pdf" build 2017 --format pdf,ofd --out linux >/dev/null 2>&1
"${zh[@]}" wine "$exe" -C "$(windows "$work/pdf")" build 2017 --format pdf,ofd --out windows >"$work/pdf.log" 2>&1 \
  || { cat "$work/pdf.log"; fail "PDF and OFD: the .exe failed"; }
for file in 2017.pdf 2017.ofd; do
  if cmp -s "$work/pdf/linux/$file" "$work/pdf/windows/$file"; then
    echo "$file: byte-identical ($(stat -c %s "$work/pdf/linux/$file") bytes)"
  else
    fail "$file: the Windows file differs from the Linux one"
  fi
done

if [ "$failures" -ne 0 ]; then
  echo "wine smoke test: $failures failures"
  exit 1
fi
echo "wine smoke test: every output byte-identical to the Linux build"
