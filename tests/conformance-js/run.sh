#!/usr/bin/env bash
# JS conformance: builds and starts the standalone ActivityCore.Local server on a free port with
# SigV4 verification on, runs the official AWS SDK for JavaScript v3 client against it with
# node's built-in test runner, stops the server, and exits with node's status.
# Needs: dotnet (global.json), node >= 20 with npm, and the npm registry for `npm ci` on a clean clone.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
region="us-west-2"
export AWS_ACCESS_KEY_ID="AKIDLOCALCONFORMANCE"
export AWS_SECRET_ACCESS_KEY="local-conformance-secret/not-a-real-key"
export SFN_REGION="$region"

echo "== building shell/ActivityCore.Local"
dotnet build "$root/shell/ActivityCore.Local" --nologo -v q -clp:NoSummary
dll="$root/shell/ActivityCore.Local/bin/Debug/net10.0/ActivityCore.Local.dll"

log="$(mktemp)"
dotnet "$dll" --port 0 --hold-seconds 1 --region "$region" \
  --access-key-id "$AWS_ACCESS_KEY_ID" --secret-access-key "$AWS_SECRET_ACCESS_KEY" >"$log" 2>&1 &
server=$!
stop_server() {
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  echo "== server log (calls: operation, status, request id)"
  tail -n 400 "$log" || true
  rm -f "$log"
}
trap stop_server EXIT

url=""
for _ in $(seq 1 300); do
  url="$(sed -n 's/^Listening on \(http:\/\/[0-9.:]*\).*$/\1/p' "$log" | head -n 1)"
  [ -n "$url" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "the server exited before listening" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "the server did not print its URL within 30 s" >&2
  exit 1
fi
echo "== server listening on $url"

cd "$here"
if [ ! -d node_modules ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
fi

echo "== node --test"
set +e
SFN_ENDPOINT="$url" node --test --test-reporter=spec conformance.test.mjs
status=$?
set -e
exit "$status"
