#!/usr/bin/env bash
# Windows smoke test (make test-windows): runs the packaged Windows build
# (dist/leakdesk-*-windows-amd64.zip) under Debian's Wine 8.0 and Xvfb, as a
# volunteer would on a laptop whose user is called 王芳:
#   - the command line (leakdesk-cli.exe): demo, evidence add (a PDF, a
#     photo, a CRLF text), export of every packet, verify, case export and
#     import of a CRLF-edited file, backup and restore, a bundle round trip,
#     passphrase set and its unlock, the default data folder under
#     %LOCALAPPDATA%, a path longer than MAX_PATH, and Chinese from the
#     Windows display language;
#   - the desktop app (leakdesk.exe) on a demo store: the first frame shows
#     the case list (screenshot checked not blank), and a second program on
#     the same data is refused while it runs (the LockFileEx lock);
#   - the lock on a Windows session lock or suspend (session package test).
# Usage: test-windows.sh ZIP [OUTDIR]; the screenshot is left in OUTDIR.
#
# Test harness only: Go 1.26's runtime needs ProcessPrng from
# bcryptprimitives.dll, which Wine 8.0 lacks; scripts/windows/
# bcryptprimitives.c stands in for it inside this throw-away Wine prefix.
set -euo pipefail
zip=${1:?usage: test-windows.sh ZIP [OUTDIR]}
root=$(cd "$(dirname "$0")/.." && pwd)
zip=$(cd "$(dirname "$zip")" && pwd)/$(basename "$zip")
outdir=${2:-$root/dist/test-windows}
wine=${WINE:-/usr/lib/wine/wine64} # Debian's wine64 package, without the wine wrapper
[ -x "$wine" ] || wine=$(command -v wine64 || command -v wine || true)
[ -n "$wine" ] || { echo "test-windows: wine64 not found (apt-get install wine64)" >&2; exit 1; }
cc=${CC_WINDOWS:-x86_64-w64-mingw32-gcc}
start=$(date +%s)

work=$(mktemp -d /tmp/leakdesk-wine.XXXXXX)
xpid="" gpid=""
cleanup() {
  [ -n "$gpid" ] && kill "$gpid" 2>/dev/null
  [ -n "$xpid" ] && kill "$xpid" 2>/dev/null
  WINEPREFIX=$work/prefix "${wine%64}server" -k 2>/dev/null || wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "test-windows: FAIL: $*" >&2; exit 1; }
step() { echo "test-windows: $* ($(( $(date +%s) - start )) s)"; }

mkdir -p "$work/bin" "$outdir"
unzip -q "$zip" -d "$work/bin"

# A fresh prefix whose user is 王芳: Wine names the profile folder after
# $USER, so C:\users\王芳\AppData\Local is the default data folder's parent.
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" USER=王芳 LOGNAME=王芳
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE
"$wine" wineboot -i >/dev/null 2>&1 || true
sys32=$WINEPREFIX/drive_c/windows/system32
[ -d "$sys32" ] || fail "wineboot did not create $sys32"
"$cc" -shared -O2 -s -o "$sys32/bcryptprimitives.dll" "$root/scripts/windows/bcryptprimitives.c" -ladvapi32
home=$WINEPREFIX/drive_c/users/王芳
[ -d "$home" ] || fail "no profile folder $home"
step "Wine prefix ready"

cli() { "$wine" "$work/bin/leakdesk-cli.exe" "$@"; }
# wpath: the Windows name of a file under the profile folder.
docs=$home/Documents/案件材料
mkdir -p "$docs"
wdocs='C:\users\王芳\Documents\案件材料'

out=$(cli version) || fail "version: $out"
case $out in *windows/amd64*) ;; *) fail "version: $out" ;; esac

# Language: LANG as set by a shell decides, else the Windows display
# language (Wine takes it from LC_ALL); cmd's "set LANG=" removes the
# variable Wine copies into the Windows environment.
out=$(LANG=en_US.UTF-8 cli help) || fail "help: $out"
case $out in *"Usage: leakdesk"*) ;; *) fail "English help: $out" ;; esac
mkdir -p "$WINEPREFIX/drive_c/leakdesk" && cp "$work/bin/leakdesk-cli.exe" "$WINEPREFIX/drive_c/leakdesk/"
out=$(LC_ALL=zh_CN.UTF-8 "$wine" cmd /c 'set LANG=&& set LC_ALL=&& C:\leakdesk\leakdesk-cli.exe help' 2>&1) || fail "help from the display language: $out"
case $out in *"用法："*) ;; *) fail "help under a Chinese Windows display language is not Chinese: $out" ;; esac
step "language"

# The default data folder, under %LOCALAPPDATA% of a non-ASCII profile.
id=$(cli demo) || fail "demo: $id"
[ "$id" = 1 ] || fail "demo printed $id"
data=$home/AppData/Local/leakdesk
[ -f "$data/leakdesk.db" ] || fail "no $data/leakdesk.db"
cli cases | grep -q . || fail "cases"

# Evidence: a PDF (a packet made just now), a photo, a text with CRLF.
cli export --case 1 --packet police --out "$wdocs\\报案材料.pdf" >/dev/null || fail "export police"
cp "$root/assets/icon.png" "$docs/截图.png"
printf '对方来电称快递丢失，\r\n要求提供身份证号。\r\n' > "$docs/通话记录.txt"
cli evidence add --case 1 "$wdocs\\报案材料.pdf" "$wdocs\\截图.png" "$wdocs\\通话记录.txt" --title "Windows 证据" >/dev/null || fail "evidence add"
list=$(cli evidence list --case 1 --json) || fail "evidence list"
for n in 报案材料.pdf 截图.png 通话记录.txt; do
  case $list in *"$n"*) ;; *) fail "evidence list lacks $n: $list" ;; esac
done
n=$(printf '%s' "$list" | grep -c '"number"') || true
cli evidence get --case 1 --exhibit "$n" --out "$wdocs\\取回.txt" >/dev/null || fail "evidence get"
cmp -s "$docs/通话记录.txt" "$docs/取回.txt" || fail "the exhibit did not come back byte for byte"
step "evidence"

for p in police consumer regulator provider full; do
  cli export --case 1 --packet "$p" --out "$wdocs\\材料-$p.pdf" >/dev/null || fail "export $p"
  f=$docs/材料-$p.pdf
  [ "$(head -c 5 "$f")" = "%PDF-" ] || fail "$p is not a PDF"
  if command -v pdfinfo >/dev/null; then pdfinfo "$f" >/dev/null 2>&1 || fail "$p: pdfinfo"; fi
done
cli verify >/dev/null || fail "verify"
step "packets and verify"

# A case file edited in Notepad: CRLF line ends.
cli case export --case 1 --out "$wdocs\\案件.json" >/dev/null || fail "case export"
sed 's/$/\r/' "$docs/案件.json" > "$docs/案件-crlf.json"
id=$(cli case import "$wdocs\\案件-crlf.json") || fail "case import (CRLF): $id"
[ "$id" = 2 ] || fail "case import printed $id"

# Backup and restore.
cli backup --out "$wdocs\\备份.db" >/dev/null || fail "backup"
cli demo >/dev/null || fail "demo 3"
cli restore "$wdocs\\备份.db" >/dev/null || fail "restore"
[ "$(cli cases --json | grep -c '"id"')" = 2 ] || fail "restore did not bring back 2 cases"
ls "$data/backups/"*.db >/dev/null 2>&1 || fail "no automatic backup in $data/backups"
step "case import, backup, restore"

# A passphrase, then a bundle round trip on the locked store.
printf '王芳的口令 2025\r\n' > "$docs/口令.txt"
printf 'bundle pass 四五六\n' > "$docs/移交口令.txt"
rec=$(cli passphrase set --new-passphrase-file "$wdocs\\口令.txt") || fail "passphrase set: $rec"
if cli cases </dev/null >/dev/null 2>&1; then fail "cases without the passphrase succeeded"; fi
pw=(--passphrase-file "$wdocs\\口令.txt")
cli "${pw[@]}" cases >/dev/null || fail "cases with the passphrase"
cli "${pw[@]}" bundle export --case 1 --out "$wdocs\\移交.leakcase" --bundle-passphrase-file "$wdocs\\移交口令.txt" >/dev/null || fail "bundle export"
id=$(cli "${pw[@]}" bundle import "$wdocs\\移交.leakcase" --bundle-passphrase-file "$wdocs\\移交口令.txt") || fail "bundle import: $id"
[ "$id" = 3 ] || fail "bundle import printed $id"
cli "${pw[@]}" verify >/dev/null || fail "verify after the bundle"
step "passphrase and bundle"

# A data folder deeper than MAX_PATH (260).
long='C:\users\王芳\AppData\Local\leakdesk-long'
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do long="$long\\folder-number-$i-of-a-deep-tree"; done
[ ${#long} -gt 300 ] || fail "the long path is only ${#long} characters"
cli --data "$long" demo >/dev/null || fail "demo in a ${#long}-character folder"
cli --data "$long" backup --out "$long\\b.db" >/dev/null || fail "backup in a long folder"
step "long path (${#long} characters)"

# The desktop app on a fresh demo store.
gdata='C:\users\王芳\AppData\Local\leakdesk-gui'
cli --data "$gdata" demo >/dev/null || fail "gui demo"
# Xvfb picks a free display itself and writes its number once it accepts
# connections (-displayfd): a fixed number and a fixed sleep raced a slow
# first start on a fresh machine, and Wine then had no display to open.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xpid=$!
for _ in $(seq 1 300); do
  [ -s "$work/display" ] && break
  kill -0 "$xpid" 2>/dev/null || fail "Xvfb exited"
  sleep 0.1
done
[ -s "$work/display" ] || fail "Xvfb did not start within 30 s"
disp=:$(head -n1 "$work/display")
# The Wine session so far ran without a display, and its desktop process
# (explorer) keeps the null display driver while it lives: a window opened
# in it fails ("Failed to create helper window"). A Windows laptop always
# has its desktop; here a fresh Wine session starts one on the X display.
"${wine%64}server" -k 2>/dev/null || true
"${wine%64}server" -w 2>/dev/null || true
# LANG stays C.UTF-8: Wine converts the command line (王芳) with the host's
# locale, and zh_CN.UTF-8 is not generated on a fresh CI machine.
DISPLAY=$disp "$wine" "$work/bin/leakdesk.exe" --data "$gdata" >"$work/gui.log" 2>&1 &
gpid=$!
shot=$outdir/gui-first-frame.png
ok=""
for _ in $(seq 1 60); do
  sleep 2
  # The head of the log names the cause (a panic's message comes before
  # its goroutine dump, which CI's tail of the output would keep instead).
  kill -0 "$gpid" 2>/dev/null || { head -n 25 "$work/gui.log" >&2; fail "the desktop app exited (display $disp)"; }
  if xwd -root -silent -display "$disp" > "$work/screen.xwd" 2>/dev/null &&
     go run "$root/scripts/windows/framecheck" "$work/screen.xwd" "$shot" 2>"$work/frame.log"; then
    ok=1
    break
  fi
done
[ -n "$ok" ] || { cat "$work/frame.log" >&2; fail "no drawn frame within 120 s"; }
# The store opens in the background after the first frame: give the case
# list a moment, then keep that frame.
sleep 4
xwd -root -silent -display "$disp" > "$work/screen.xwd" || fail "xwd"
go run "$root/scripts/windows/framecheck" "$work/screen.xwd" "$shot" || fail "the frame after the store opened"
# The app holds the data folder: a second program is told so.
if msg=$(cli --data "$gdata" cases 2>&1); then fail "a second program opened the data the app holds"; fi
case $msg in *"another leakdesk"*|*"另一个 leakdesk"*) ;; *) fail "second program: $msg" ;; esac
step "desktop app drew its first frame ($shot)"

# wine_test PKG TEST: one package's Windows test, cross-compiled and run in
# the Wine session that has the display (these tests need a window
# station); it must run and pass.
wine_test() {
  local exe=$work/$(basename "$1").test.exe out
  (cd "$root" && GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -o "$exe" "./$1") ||
    fail "cross-compiling the tests of $1"
  out=$(DISPLAY=$disp "$wine" "$exe" -test.v -test.run "^$2\$" 2>&1) || fail "$2: $out"
  case $out in *"--- PASS: $2"*) ;; *) fail "$2 did not run: $out" ;; esac
}

# Locking on a session lock and before a suspend (issue 17, F8): the
# session package's test posts to the app's hidden window what Windows
# sends.
wine_test internal/ui/session TestWatchWindows
step "session lock and suspend lock the app"

# The desktop's file dialog (the common dialog): it opens with the title
# asked for and closes when the app locks.
wine_test internal/ui/filechooser TestAskWindowsDialogClosesOnCancel
step "the common file dialog opens and closes on lock"
