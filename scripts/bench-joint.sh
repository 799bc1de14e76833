#!/usr/bin/env bash
# Whole-process benchmark of a matter's joint police document (issue 13):
# `leakdesk export --matter ID --packet joint-police` for 25, 50, 100 and
# 200 victims with 10 distinct photo exhibits each (800×600 JPEGs), under
# /usr/bin/time: wall time, peak RSS, file size and pages. The renderer
# holds no exhibit's bytes (they are read again from the store as the file
# is written), so peak RSS must not grow with the evidence: what still
# grows is the layout the PDF library (gofpdf) keeps until it writes the
# file, about 30 KB a page, some 13 pages a victim. Goal: peak RSS grows by
# at most 0.5 MB per victim from the smallest to the largest matter
# (holding the photos was about 2 MB per victim: 115 MB at 25 victims,
# 467 MB at 200; now 73 and 146 MB, 0.42 MB per victim, on 2 cores).
# Below 25 victims the store's read cache (16 MB) is still filling, so the
# goal is for the default sizes.
# usage: scripts/bench-joint.sh [VICTIMS...]   (default 25 50 100 200)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { echo "bench-joint: /usr/bin/time is needed (make deps-test)" >&2; exit 1; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(25 50 100 200)
work=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "work: $work" || trap 'rm -rf "$work"' EXIT
go build -o "$work/leakdesk" ./cmd/leakdesk
go build -o "$work/setup" scripts/bench-matter.go
printf 'load average before: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%8s %9s %12s %10s %7s\n' victims wall_s peak_RSS_MB size_MB pages
first_n= first_m= last_n= last_m=
for n in "${sizes[@]}"; do
	data="$work/d$n"
	mid=$("$work/setup" "$data" "$n" 10 800 600)
	LEAKDESK_DATA="$data" LANG=C.UTF-8 /usr/bin/time -f '%e %M' -o "$work/t" \
		"$work/leakdesk" export --matter "$mid" --packet joint-police --out "$work/j.pdf" >/dev/null 2>"$work/err" ||
		{ cat "$work/err" >&2; exit 1; }
	read -r e m <"$work/t"
	pages=$(command -v pdfinfo >/dev/null && pdfinfo "$work/j.pdf" | awk '/^Pages/ {print $2}' || echo -)
	printf '%8d %9.2f %12.1f %10.1f %7s\n' "$n" "$e" "$(echo "$m/1024" | bc -l)" "$(echo "$(stat -c %s "$work/j.pdf")/1000000" | bc -l)" "$pages"
	[ -n "$first_n" ] || { first_n=$n; first_m=$m; }
	last_n=$n last_m=$m
	rm -rf "$data" "$work/j.pdf"
done
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$last_n" -gt "$first_n" ]; then
	slope=$(echo "($last_m - $first_m) / 1024 / ($last_n - $first_n)" | bc -l)
	printf 'peak RSS grows %.2f MB per victim from %d to %d victims (goal ≤ 0.5)\n' "$slope" "$first_n" "$last_n"
	if [ "$(echo "$slope > 0.5" | bc -l)" = 1 ]; then
		echo "bench-joint: peak RSS grows with the victims beyond the goal" >&2
		exit 1
	fi
fi
