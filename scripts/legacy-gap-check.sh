#!/usr/bin/env bash
# Prove what the 26 configuration tests catch: run them against the pre-fix context
# (-Dbackendconfig.tests.legacy=true) and check that exactly 14 pass and 12 fail, both gap tests among the failures.
# Builds the modules config-tests needs in the same reactor (-am): config-test-support is not installed. Only the
# configuration tests run (-Dtest), not those of the modules they depend on.
set -uo pipefail
cd "$(dirname "$0")/.."

reports=config-tests/target/surefire-reports
rm -rf "$reports"
mvn -B -q -pl config-tests -am test -Dbackendconfig.tests.legacy=true -Dtest='dev.backendconfig.tests.*Test' \
  -Dsurefire.failIfNoSpecifiedTests=false >/tmp/legacy-gap-check.log 2>&1
status=$?
if [ ! -d "$reports" ]; then
  echo "legacy-gap-check: the tests did not run (see /tmp/legacy-gap-check.log)" >&2
  exit 1
fi
read -r run failed <<<"$(awk -F'[:,]' '/^Tests run:/ { run += $2; failed += $4 + $6 } END { print run, failed }' "$reports"/*.txt)"
passed=$((run - failed))
echo "legacy-gap-check: against the pre-fix context $passed of $run passed, $failed failed"
gaps=$(grep -h "<<< FAILURE\|<<< ERROR" "$reports"/*.txt | grep -c "WebSocketConfigurationGapDemonstrationTest\.")
if [ "$status" -eq 0 ] || [ "$run" -ne 26 ] || [ "$passed" -ne 14 ] || [ "$failed" -ne 12 ] || [ "$gaps" -ne 2 ]; then
  echo "legacy-gap-check: expected 14 passed and 12 failed of 26, both gap tests failing (got $gaps gap failures)" >&2
  exit 1
fi
echo "legacy-gap-check: as planned: 14 passed, 12 failed, both gap tests among the failures"
