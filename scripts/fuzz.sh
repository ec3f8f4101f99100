#!/usr/bin/env bash
# npm run fuzz: starts the API on the offline stand-in with the demo data and runs Schemathesis
# (from PyPI, in a local virtualenv) over every operation with an admin token. Checks: no server
# errors, responses match the OpenAPI schemas, status codes are documented. Writes
# test-results/fuzz-summary.txt; exits non-zero on any failure. FUZZ_MAX_EXAMPLES bounds the run.
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
PORT=$PORT HOST=127.0.0.1 NODE_ENV=development DB_BACKEND=standin DB_SEED_DEMO=true JOBS_ENABLED=false LOG_LEVEL=error \
  node_modules/.bin/tsx src/server.ts > test-results/fuzz-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  curl -sf "$BASE/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"admin@demo.local","password":"Admin-Demo-2026!"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')

# Operations that would end the admin's own session (password change, deactivating or anonymising
# employees, which may be the admin) are left out; device-key and ZKTeco paths need device credentials.
set +e
"$VENV/bin/st" run "$BASE/openapi.json" \
  -H "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance \
  --max-examples "${FUZZ_MAX_EXAMPLES:-10}" --workers 2 --seed 20261123 \
  --exclude-path-regex '(change-password|anonymise|/employees/\{id\}$|/iclock/|/ingest$)' \
  > test-results/fuzz-summary.txt 2>&1
status=$?
set -e
grep -E "generated|passed|failed|errored" test-results/fuzz-summary.txt | tail -3
exit $status
