#!/usr/bin/env bash
# Command-line latency: ./mrk against the aws CLI talking to moto_server, whole processes, side by side.
#
#   benchmarks/cli-latency.sh [RUNS] [WARMUP]     (defaults 9 and 2)
#   AWS_CLI=/usr/bin/aws benchmarks/cli-latency.sh  (another aws CLI, e.g. v2; default: aws on the PATH)
#
# For each command (list-keys, describe-key, encrypt of a 5-byte fileb:// file, and tag-resource as the
# write) it runs mrk and aws in turn, A B A B ..., WARMUP uncounted pairs first, and prints the median
# wall and CPU seconds of each and the median of the pair-by-pair ratios (mrk / aws), as a Markdown
# table for benchmarks/RESULTS.md. mrk uses the default password KDF (a keystore this script creates
# without $MRK_KDF); moto_server is started on a free loopback port and stopped at the end.
# Needs: Java 17, Maven (./mrk builds on first use), moto_server, aws and python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-9}"
warmup="${2:-2}"
aws="${AWS_CLI:-aws}"
for tool in moto_server "$aws" python3; do
  command -v "$tool" >/dev/null || { echo "cli-latency: $tool is not installed" >&2; exit 2; }
done

work="$(mktemp -d)"
moto_pid=""
cleanup() {
  [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export MRK_KEYSTORE="$work/latency.mrk" MRK_KEYSTORE_PASSWORD="latency-benchmark-password"
unset MRK_KDF AWS_PROFILE
endpoint="http://127.0.0.1:$port"
printf 'hello' >"$work/plain.txt"

"$root/mrk" --version >/dev/null   # builds and records the class-data-sharing archive if needed
mrk_key="$("$root/mrk" create-key --query KeyMetadata.KeyId --output text)"
aws_key="$("$aws" --endpoint-url "$endpoint" kms create-key --query KeyMetadata.KeyId --output text)"

declare -A mrk_cmd aws_cmd
names=(list-keys describe-key encrypt tag-resource)
mrk_cmd[list-keys]="list-keys"
aws_cmd[list-keys]="list-keys"
mrk_cmd[describe-key]="describe-key --key-id $mrk_key"
aws_cmd[describe-key]="describe-key --key-id $aws_key"
mrk_cmd[encrypt]="encrypt --key-id $mrk_key --plaintext fileb://$work/plain.txt"
aws_cmd[encrypt]="encrypt --key-id $aws_key --plaintext fileb://$work/plain.txt"
mrk_cmd[tag-resource]="tag-resource --key-id $mrk_key --tags TagKey=bench,TagValue=1"
aws_cmd[tag-resource]="tag-resource --key-id $aws_key --tags TagKey=bench,TagValue=1"

# One timed run: appends "wall user sys" (seconds, bash's own timing of the process) to $1.
timed() {
  local out="$1" status=0
  shift
  local TIMEFORMAT='%3R %3U %3S'
  { time "$@" >/dev/null 2>"$work/stderr" || status=$?; } 2>>"$out"
  if [ "$status" -ne 0 ]; then
    echo "cli-latency: exit $status: $*" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
}

echo "Date $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start;"
echo "$(java -version 2>&1 | head -1); $("$aws" --version 2>&1 | cut -d' ' -f1); $runs pairs after $warmup warm-up pairs."
echo
echo "| Command | mrk: wall / CPU s | aws + moto: wall / CPU s | mrk / aws, paired: wall / CPU |"
echo "|---|---:|---:|---:|"
for name in "${names[@]}"; do
  : >"$work/mrk.$name"
  : >"$work/aws.$name"
  for i in $(seq $((warmup + runs))); do
    target_mrk="$work/mrk.$name"
    target_aws="$work/aws.$name"
    if [ "$i" -le "$warmup" ]; then
      target_mrk="$work/warm"
      target_aws="$work/warm"
    fi
    # shellcheck disable=SC2086 # the commands are word lists
    timed "$target_mrk" "$root/mrk" ${mrk_cmd[$name]}
    # shellcheck disable=SC2086
    timed "$target_aws" "$aws" --endpoint-url "$endpoint" kms ${aws_cmd[$name]}
  done
  python3 - "$name" "$work/mrk.$name" "$work/aws.$name" <<'EOF'
import statistics, sys
name, a, b = sys.argv[1:]
def rows(path):
    return [tuple(map(float, line.split())) for line in open(path) if line.strip()]
A, B = rows(a), rows(b)
def wall(r): return r[0]
def cpu(r): return r[1] + r[2]
med = statistics.median
print("| `%s` | %.3f / %.3f | %.3f / %.3f | %.2fx / %.2fx |" % (
    name, med(map(wall, A)), med(map(cpu, A)), med(map(wall, B)), med(map(cpu, B)),
    med(wall(x) / wall(y) for x, y in zip(A, B)), med(cpu(x) / cpu(y) for x, y in zip(A, B))))
EOF
done
