#!/usr/bin/env bash
# Whole-process export benchmark (issue 10): `leakdesk export --packet full`
# of the demo case plus 40 JPEG exhibits (1200×900) against img2pdf on the
# same JPEGs, as a user pays it: process start, opening the store, reading
# the evidence, rendering and writing. Runs alternate (leakdesk, img2pdf,
# leakdesk, …) so that machine load hits both alike; the medians are
# compared. Goal: wall ≤ 1.0× img2pdf, peak RSS ≤ img2pdf + 40 MB, size
# ≤ 1.02× img2pdf + the font subset.
# usage: scripts/bench-export.sh [RUNS] [EXTRA EXPORT FLAGS...]
set -euo pipefail
runs=${1:-7}; shift || true
cd "$(dirname "$0")/.."
for tool in img2pdf /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "bench-export: $tool is needed (make deps-test)" >&2; exit 1; }
done
work=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "work: $work" || trap 'rm -rf "$work"' EXIT
go build -o "$work/leakdesk" ./cmd/leakdesk
mkdir "$work/photos"
go run scripts/bench-photos.go "$work/photos" 40 1200 900
export LEAKDESK_DATA="$work/data" LANG=C.UTF-8
"$work/leakdesk" demo >/dev/null
"$work/leakdesk" evidence add --case 1 --title 现场照片 --source 本人拍摄 "$work"/photos/*.jpg >/dev/null
printf 'JPEGs: 40, %s bytes\n' "$(cat "$work"/photos/*.jpg | wc -c)"

# one NAME CMD... appends "seconds peak_kb bytes" to $work/NAME
one() {
	local name=$1 out=$2; shift 2
	rm -f "$out"
	/usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null
	echo "$(cat "$work/t") $(stat -c %s "$out")" >>"$work/res-$name"
}
for _ in $(seq "$runs"); do
	one leakdesk "$work/packet.pdf" "$work/leakdesk" export --case 1 --packet full --out "$work/packet.pdf" "$@"
	one img2pdf "$work/img2pdf.pdf" img2pdf "$work"/photos/*.jpg -o "$work/img2pdf.pdf"
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { awk -v c="$2" '{print $c}' "$work/res-$1" | median; }
lw=$(col leakdesk 1); lm=$(col leakdesk 2); ls=$(col leakdesk 3)
iw=$(col img2pdf 1); im=$(col img2pdf 2); is=$(col img2pdf 3)
printf '%-9s wall %6.3f s  peak RSS %6.1f MB  size %6.2f MB   (median of %d)\n' \
	leakdesk "$lw" "$(echo "$lm/1024" | bc -l)" "$(echo "$ls/1000000" | bc -l)" "$runs" \
	img2pdf "$iw" "$(echo "$im/1024" | bc -l)" "$(echo "$is/1000000" | bc -l)" "$runs"
printf 'ratio     wall %.2f×  RSS +%.1f MB  size %.3f×\n' \
	"$(echo "$lw/$iw" | bc -l)" "$(echo "($lm-$im)/1024" | bc -l)" "$(echo "$ls/$is" | bc -l)"
