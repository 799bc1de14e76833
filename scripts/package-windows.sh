#!/usr/bin/env bash
# Build the Windows package from Debian: dist/leakdesk-VERSION-windows-amd64.zip
# with
#   leakdesk.exe       the desktop app (GUI subsystem: no console window)
#   leakdesk-cli.exe   the same program for cmd and PowerShell (console subsystem)
#   README-Windows.txt first start and the command line
#   LICENSE-wqy-microhei.txt
# Both programs carry the icon, a version resource and a manifest, generated
# from FyneApp.toml by go-winres (pinned) into a .syso the linker picks up;
# it is removed afterwards. Needs mingw-w64 (CC) for the OpenGL/GLFW cgo code.
set -euo pipefail
version=${1:-0.1.0}
root=$(cd "$(dirname "$0")/.." && pwd)
src=$root/cmd/leakdesk
out=$root/dist/leakdesk-$version-windows-amd64.zip
cc=${CC_WINDOWS:-x86_64-w64-mingw32-gcc}
winres=github.com/tc-hib/go-winres@v0.3.3

command -v "$cc" >/dev/null || { echo "package-windows: $cc not found (apt-get install gcc-mingw-w64-x86-64)" >&2; exit 1; }

# The metadata the fyne tool would read: name and build number from
# FyneApp.toml; the version is the Makefile's.
toml() { sed -n "s/^$1 *= *\"\{0,1\}\([^\"]*\)\"\{0,1\}$/\1/p" "$root/FyneApp.toml" | head -1; }
name=$(toml Name)
build=$(toml Build)
comment=$(toml Comment)
icon=$root/$(toml Icon)
[ -n "$name" ] && [ -n "$build" ] && [ -f "$icon" ] || { echo "package-windows: FyneApp.toml lacks Name, Build or Icon" >&2; exit 1; }
winver=$version.$build # Windows versions have four parts

work=$(mktemp -d)
syso=$src/rsrc_windows_amd64.syso
cleanup() { rm -rf "$work" "$syso"; }
trap cleanup EXIT
if [ -e "$syso" ]; then
  echo "package-windows: $syso exists; remove it (it is generated)" >&2
  exit 1
fi
# One resource for both programs: a GUI manifest (per-monitor DPI aware, as
# Fyne scales itself; Common Controls 6) does not stop a console program
# from using its console.
(cd "$work" && go run "$winres" simply --arch amd64 --out rsrc \
  --icon "$icon" --manifest gui \
  --product-name "$name" --product-version "$winver" --file-version "$winver" \
  --file-description "$comment" --original-filename leakdesk.exe \
  --copyright "leakdesk contributors")
mv "$work/rsrc_windows_amd64.syso" "$syso"

export CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$cc
ld="-X main.version=$version"
mkdir -p "$work/pkg"
# -H=windowsgui: Windows starts the app without a console window. The
# console build is the same program, for the command line.
go build -ldflags "$ld -H=windowsgui" -o "$work/pkg/leakdesk.exe" "$src"
go build -ldflags "$ld" -o "$work/pkg/leakdesk-cli.exe" "$src"
cp "$root/assets/fonts/LICENSE-wqy-microhei.txt" "$work/pkg/"
sed 's/$/\r/' "$root/scripts/windows/README-Windows.txt" > "$work/pkg/README-Windows.txt"

mkdir -p "$root/dist"
rm -f "$out"
(cd "$work/pkg" && zip -q -X -9 "$out" leakdesk.exe leakdesk-cli.exe README-Windows.txt LICENSE-wqy-microhei.txt)
echo "built $out"
unzip -l "$out"
