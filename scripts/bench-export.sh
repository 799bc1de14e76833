#!/usr/bin/env bash
# Whole-process export benchmark (issue 10): `leakdesk export --packet full`
# of the demo case plus 40 JPEG exhibits (1200×900) against img2pdf on the
# same JPEGs, as a user pays it: process start, opening the store, reading
# the evidence, rendering and writing. Two variants of the packet: with the
# originals attached (the default for "full") and --no-attach. Runs
# alternate (leakdesk, leakdesk --no-attach, img2pdf, …) so that machine
# load hits all alike; the medians are compared, and the load average is
# printed before and after (a loaded machine makes short runs noisy).
# Goal: wall ≤ 1.0× img2pdf and peak RSS ≤ img2pdf + 40 MB for both; size:
# the printed packet ≤ 1.02× img2pdf + the font subset, and with
# attachments the printed packet plus the originals (which img2pdf does
# not carry), so its size is reported as "printed ×… + originals".
# With PROFILE=DIR, every leakdesk run also writes a CPU profile there
# (LEAKDESK_CPU_PROFILE); `go tool pprof -top DIR/leakdesk DIR/*.prof`
# merges them (the binary is copied next to them).
# usage: [PROFILE=DIR] scripts/bench-export.sh [RUNS] [EXTRA EXPORT FLAGS...]
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

# one NAME OUT CMD... appends "seconds peak_kb bytes cpu_seconds" to
# $work/res-NAME (cpu: user + system, which a loaded machine skews less
# than wall time, though it counts work done in parallel twice).
one() {
	local name=$1 out=$2; shift 2
	rm -f "$out"
	/usr/bin/time -f '%e %M %U %S' -o "$work/t" "$@" >/dev/null
	read -r e m u s <"$work/t"
	echo "$e $m $(stat -c %s "$out") $(echo "$u + $s" | bc -l)" >>"$work/res-$name"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
# prof NAME N: the profile variable for run N of NAME, when PROFILE is set.
if [ -n "${PROFILE:-}" ]; then
	mkdir -p "$PROFILE" && cp "$work/leakdesk" "$PROFILE/leakdesk"
fi
# (env only then: without PROFILE, leakdesk is started as directly as img2pdf.)
prof() { [ -z "${PROFILE:-}" ] || echo "env LEAKDESK_CPU_PROFILE=$PROFILE/$1-$2.prof"; }
load0=$(load)
for i in $(seq "$runs"); do
	one attach "$work/packet.pdf" $(prof attach "$i") "$work/leakdesk" export --case 1 --packet full --out "$work/packet.pdf" "$@"
	one noattach "$work/printed.pdf" $(prof noattach "$i") "$work/leakdesk" export --case 1 --packet full --no-attach --out "$work/printed.pdf" "$@"
	one img2pdf "$work/img2pdf.pdf" img2pdf "$work"/photos/*.jpg -o "$work/img2pdf.pdf"
done
load1=$(load)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { awk -v c="$2" '{print $c}' "$work/res-$1" | median; }
iw=$(col img2pdf 1); im=$(col img2pdf 2); is=$(col img2pdf 3)
# The originals the attached packet carries: every file exhibit of the case.
# (`evidence list --json` prints one field a line; "kind" comes before "size".)
orig=$("$work/leakdesk" evidence list --case 1 --json |
	awk '/"kind":/ {file = /"file"/} /"size":/ && file {gsub(/[^0-9]/, ""); s += $0} END {print s + 0}')
printf 'load average before %s, after %s; median of %d alternating runs each\n' "$load0" "$load1" "$runs"
for v in attach noattach img2pdf; do
	printf '%-18s wall %6.3f s  cpu %6.3f s  peak RSS %6.1f MB  size %6.2f MB\n' \
		"$(case $v in attach) echo "leakdesk full";; noattach) echo "  --no-attach";; *) echo img2pdf;; esac)" \
		"$(col $v 1)" "$(col $v 4)" "$(echo "$(col $v 2)/1024" | bc -l)" "$(echo "$(col $v 3)/1000000" | bc -l)"
done
for v in attach noattach; do
	w=$(col $v 1); m=$(col $v 2); s=$(col $v 3)
	if [ $v = attach ]; then
		size=$(printf 'printed %.3f× + originals %.2f MB' "$(echo "($s-$orig)/$is" | bc -l)" "$(echo "$orig/1000000" | bc -l)")
	else
		size=$(printf 'printed %.3f×' "$(echo "$s/$is" | bc -l)")
	fi
	printf 'ratio %-12s wall %.2f×  cpu %.2f×  RSS %+.1f MB  size %s\n' "$v" \
		"$(echo "$w/$iw" | bc -l)" "$(echo "$(col $v 4)/$(col img2pdf 4)" | bc -l)" "$(echo "($m-$im)/1024" | bc -l)" "$size"
done
