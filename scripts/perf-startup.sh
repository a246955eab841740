#!/usr/bin/env bash
# Start-up and end-to-end timings of digiscan, side by side with a bare
# cobra hello-world built by the same Go. Reproducible: run from the repo
# root; needs only Go (and hyperfine if installed, for nicer statistics).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
N=${N:-300}

go build -o "$tmp/digiscan" ./cmd/digiscan

# A bare cobra hello-world, same Go, same cobra version.
mkdir -p "$tmp/hello"
cat > "$tmp/hello/main.go" <<'GO'
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	root := &cobra.Command{Use: "hello", Run: func(*cobra.Command, []string) { fmt.Println("hello") }}
	root.AddCommand(&cobra.Command{Use: "version", Run: func(*cobra.Command, []string) { fmt.Println("hello 1.0") }})
	if err := root.Execute(); err != nil {
		os.Exit(1)
	}
}
GO
cobra=$(go list -m -f '{{.Version}}' github.com/spf13/cobra)
(cd "$tmp/hello" && go mod init hello >/dev/null 2>&1 && go get "github.com/spf13/cobra@$cobra" >/dev/null 2>&1 && go build -o hello .)

# mean wall time in ms of N runs of a command (stdout to /dev/null)
mean_ms() {
  local start end
  start=$(date +%s%N)
  for ((i = 0; i < N; i++)); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  awk -v s="$start" -v e="$end" -v n="$N" 'BEGIN { printf "%.2f", (e - s) / n / 1e6 }'
}

echo "== start-up, stdout not a terminal (mean of $N runs from a bash loop: includes the fork)"
h=$(mean_ms "$tmp/hello/hello" version)
v=$(mean_ms "$tmp/digiscan" version)
hp=$(mean_ms "$tmp/digiscan" --help)
printf 'bare cobra hello version  %6s ms\n' "$h"
printf 'digiscan version          %6s ms  (%.2f×)\n' "$v" "$(awk -v a="$v" -v b="$h" 'BEGIN{print a/b}')"
printf 'digiscan --help           %6s ms  (%.2f×)\n' "$hp" "$(awk -v a="$hp" -v b="$h" 'BEGIN{print a/b}')"

if command -v hyperfine >/dev/null; then
  echo; echo "== hyperfine"
  hyperfine -N --warmup 20 --runs "$N" "$tmp/hello/hello version" "$tmp/digiscan version" "$tmp/digiscan --help" 2>/dev/null | grep -E "Time|±|faster|times"
fi

echo; echo "== package init (GODEBUG=inittrace=1 digiscan version): the 8 most expensive"
trace=$(GODEBUG=inittrace=1 "$tmp/digiscan" version 2>&1 >/dev/null) # one run: the list and the total agree
echo "$trace" | awk '/^init/ { print $5, $6, $2 }' | sort -rn | head -8
echo "$trace" | awk '/^init/ { t += $5 } END { printf "total init: %.2f ms\n", t }'
GODEBUG=inittrace=1 "$tmp/hello/hello" version 2>&1 >/dev/null | awk '/^init/ { t += $5 } END { printf "bare cobra total init: %.2f ms\n", t }'

echo; echo "== a complete scripted scan: scan --answers … --format json --no-save"
scan=("$tmp/digiscan" scan --answers examples/answers/maakbedrijf-huizen.yaml --as-of 2026-11-27 --format json --no-save)
s=$(mean_ms "${scan[@]}")
printf 'mean of %d runs from a bash loop (includes the fork)  %6s ms\n' "$N" "$s"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 20 --runs "$N" "$tmp/hello/hello version" "${scan[*]}" 2>/dev/null | grep -E "Time|±|faster|times"
fi

echo; echo "== time to the first question in a pseudo-terminal"
go run ./scripts/ttfq -bin "$tmp/digiscan" -n 30
