#!/usr/bin/env bash
# Build the installable Linux package: dist/leakdesk-VERSION-linux-ARCH.tar.xz,
# made by `fyne package` (fyne.io/tools v1.7.4). It holds
#   usr/local/bin/leakdesk
#   usr/local/share/applications/leakdesk.desktop   (from FyneApp.toml)
#   usr/local/share/pixmaps/leakdesk.png             (assets/icon.png)
#   Makefile                                         (`sudo make install`)
# The fyne tool reads FyneApp.toml from the main package's folder, so the
# root FyneApp.toml is copied into cmd/leakdesk for the build and removed after.
set -euo pipefail
version=${1:-0.1.0}
root=$(cd "$(dirname "$0")/.." && pwd)
src=$root/cmd/leakdesk
arch=$(go env GOARCH)
out=$root/dist/leakdesk-$version-linux-$arch.tar.xz

if [ -e "$src/FyneApp.toml" ]; then
  echo "package-linux: $src/FyneApp.toml exists; remove it (the root FyneApp.toml is the source)" >&2
  exit 1
fi
cleanup() { rm -f "$src/FyneApp.toml" "$src/leakdesk.tar.xz"; }
trap cleanup EXIT
# The icon path in the copy must point back at assets/ from cmd/leakdesk.
sed 's#^Icon = "assets/#Icon = "../../assets/#' "$root/FyneApp.toml" > "$src/FyneApp.toml"

mkdir -p "$root/dist"
cd "$src"
# -X main.version reaches the binary through GOFLAGS: fyne package runs go build.
GOFLAGS="-ldflags=-X=main.version=$version" \
  go run fyne.io/tools/cmd/fyne@v1.7.4 package --target linux --release \
    --app-version "$version" --name leakdesk --icon "$root/assets/icon.png"
mv "$src/leakdesk.tar.xz" "$out"
echo "built $out"
tar -tJf "$out"
