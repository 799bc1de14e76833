#!/usr/bin/env bash
# Measures exec → first frame and idle resident memory of leakdesk against a
# bare Fyne window, under Xvfb with software GL (issue 3's start-up goal).
# usage: scripts/measure-startup.sh [RUNS] [DATA_DIR...]
#   each DATA_DIR is measured (e.g. an empty folder and the 10,000-case
#   store that `go test -bench . ./internal/incident/sqlite` builds).
# Idle RSS is read 5 s after the first frame; leakdesk gives back what its
# start-up held once its loads have gone quiet ("at rest", 2 s after the
# last), so on a loaded machine where that takes longer the script waits
# for it (up to 30 s more). LEAKDESK_HEAP_PROFILE=FILE in the environment
# writes a heap profile of the window at rest (go tool pprof FILE).
set -euo pipefail
runs=${1:-8}; shift || true
cd "$(dirname "$0")/.."
go build -o bin/leakdesk ./cmd/leakdesk
go build -o bin/barewindow ./scripts/barewindow
disp=:$(( 500 + RANDOM % 300 ))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
trap 'kill $xpid 2>/dev/null' EXIT
sleep 1

# one RUN prints "ms_to_first_frame rss_mb_after_5s"
one() {
	local log; log=$(mktemp)
	local t0; t0=$(date +%s%N)
	DISPLAY=$disp LIBGL_ALWAYS_SOFTWARE=1 LEAKDESK_TRACE_START=1 "$@" 2>"$log" &
	local pid=$!
	for _ in $(seq 100); do grep -q "first frame at" "$log" && break; sleep 0.1; done
	local t1; t1=$(grep -o "first frame at [0-9]*" "$log" | awk '{print $4}')
	sleep 5
	if [ "$1" != bin/barewindow ]; then
		for _ in $(seq 300); do grep -q "at rest at" "$log" && break; sleep 0.1; done
		sleep 0.5
	fi
	local rss; rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
	kill $pid; wait $pid 2>/dev/null || true
	rm -f "$log"
	echo "$(( (t1 - t0) / 1000000 )) $rss"
}

measure() {
	local name=$1; shift
	local ms=() rss=()
	for _ in $(seq "$runs"); do
		read -r a b < <(one "$@")
		ms+=("$a"); rss+=("$b")
	done
	printf '%-40s first frame ms: median %s (min %s)  idle RSS MB: median %s\n' "$name" \
		"$(printf '%s\n' "${ms[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
		"$(printf '%s\n' "${ms[@]}" | sort -n | head -1)" \
		"$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}

measure "bare Fyne window" bin/barewindow
for d in "$@"; do
	measure "leakdesk --data $d" bin/leakdesk --data "$d"
done
