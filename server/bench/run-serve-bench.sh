#!/usr/bin/env bash
# Benchmark (not a test): Encrypt/Decrypt requests per second and p50/p99 latency from the AWS SDK
# for Java v2 with 8 threads over keep-alive loopback connections, against `mrk serve` (a separate
# process, SigV4 verified) and, side by side, moto_server (the one operation moto gets right: a
# single-Region key). Prints Markdown rows for benchmarks/RESULTS.md.
#
#   server/bench/run-serve-bench.sh [SECONDS]     (default 15 s measured per operation, 5 s warm-up)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:-15}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

(cd "$root" && mvn -B -q -pl server -am -DskipTests test-compile install >&2)
(cd "$root/server" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >&2)
cp="$root/server/target/test-classes:$root/server/target/classes:$(cat "$work/cp")"

echo '[{"accessKeyId": "AKIAMRKBENCH00000001", "secretAccessKey": "bench-secret", "principal": "arn:aws:iam::111122223333:root"}]' > "$work/creds.json"
MRK_KEYSTORE_PASSWORD=bench MRK_KDF="argon2id:m=65536,t=2,p=1" "$root/mrk" --keystore "$work/ks.mrk" serve \
  --listen us-east-1=127.0.0.1:0 --credentials "$work/creds.json" --ready-file "$work/ready.json" 2>"$work/serve.log" &
pids+=($!)
for _ in $(seq 600); do [ -f "$work/ready.json" ] && break; sleep 0.1; done
mrk_url=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['endpoints'][0]['url'])" "$work/ready.json")

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
java -cp "$cp" io.mrk.server.bench.ServeThroughput "$mrk_url" AKIAMRKBENCH00000001 bench-secret "mrk serve" 8 5 "$seconds"

if command -v moto_server >/dev/null; then
  port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
  moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -s "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done
  java -cp "$cp" io.mrk.server.bench.ServeThroughput "http://127.0.0.1:$port" AKIDMOTO moto "moto_server $(python3 -c 'import moto; print(moto.__version__)')" 8 5 "$seconds" | tail -n 2
else
  echo "moto_server is not installed: moto skipped"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
