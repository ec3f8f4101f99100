#!/usr/bin/env bash
# npm run fuzz: starts the API on the offline stand-in with the demo data and runs Schemathesis
# (from PyPI, in a local virtualenv) over every operation with every check (`--checks all`:
# schema-valid requests accepted, invalid ones rejected, auth enforced, responses as documented),
# as an admin, and with a registered device's own key and serial number for the device paths
# (schemathesis.toml). Writes test-results/fuzz-summary.txt; exits non-zero on any failure.
# FUZZ_MAX_EXAMPLES bounds the run.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=node_modules/.cache/fuzz-venv
SCHEMATHESIS_VERSION=4.32.5
if [ ! -x "$VENV/bin/st" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi

PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
BASE="http://127.0.0.1:$PORT"
export FUZZ_METRICS_TOKEN=fuzz-metrics-token-0123456789abcdef
PORT=$PORT HOST=127.0.0.1 NODE_ENV=development METRICS_TOKEN=$FUZZ_METRICS_TOKEN DB_BACKEND=standin DB_SEED_DEMO=true JOBS_ENABLED=false LOG_LEVEL=error \
  node_modules/.bin/tsx src/server.ts > test-results/fuzz-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  curl -sf "$BASE/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"admin@demo.local","password":"Admin-Demo-2026!"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')

# A terminal of our own, so the device-key ingest and the ZKTeco paths run with real credentials.
DEVICE=$(curl -sf -X POST "$BASE/api/v1/devices" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"Fuzz terminal","serialNumber":"FUZZ0001"}')
export FUZZ_DEVICE_KEY FUZZ_DEVICE_SN=FUZZ0001
FUZZ_DEVICE_KEY=$(node -pe "JSON.parse(process.argv[1]).apiKey" "$DEVICE")

# Operations that would end the admin's own session (password changes and resets, role and login
# changes, deactivating or anonymising employees, which may include the admin) are left out.
set +e
"$VENV/bin/st" run "$BASE/openapi.json" \
  -H "Authorization: Bearer $TOKEN" \
  --checks all \
  --max-examples "${FUZZ_MAX_EXAMPLES:-10}" --workers 1 --seed 20261123 \
  --exclude-path-regex '(change-password|anonymise|/employees/\{id\}$|/users/\{id\}(/reset-password)?$)' \
  > test-results/fuzz-summary.txt 2>&1
status=$?
set -e
grep -E "generated|passed|failed|errored" test-results/fuzz-summary.txt | tail -3
exit $status
