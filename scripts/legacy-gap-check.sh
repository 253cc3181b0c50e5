#!/usr/bin/env bash
# Prove what the 26 configuration tests catch: run them against the pre-fix context
# (-Dbackendconfig.tests.legacy=true; every test reads the backend through the suite's context) and check
# properties of the outcome, not a total:
#   - a scenario passes only if the pre-fix context really handled it (the list below, each with why), and each of
#     those passes;
#   - a scenario that tests only the library's own parts is reported not applicable (skipped, with the reason), and
#     only those are;
#   - every other scenario, a gap of the pre-fix context, fails; both gap tests are among them.
# A parameterized scenario counts once: passed when every run passed, failed when one failed. It prints the counts.
# Builds the modules config-tests needs in the same reactor (-am): config-test-support is not installed. Only the
# configuration tests run (-Dtest), not those of the modules they depend on.
set -uo pipefail
cd "$(dirname "$0")/.."

# What the pre-fix context really handled (it reads BACKEND_URL, else http://localhost:8000, builds the WebSocket URL
# by replacing http:// with ws:// and appends paths as strings, and knows nothing of Docker or staging).
handled=(
  "WebSocketConfigurationResolutionTest.backendUrlAloneMapsToTheBackendUrl"        # it read BACKEND_URL
  "WebSocketConfigurationResolutionTest.anEmptyTestBackendUrlCountsAsUnset"        # it never read TEST_BACKEND_URL
  "TestContextConfigurationTest.theWebSocketUrlOfTheChatEndpointReallyHandshakes"  # ws:// + /ws/chat on a bare base
  "WebSocketServiceDiscoveryTest.envBeatsDocker"                                   # BACKEND_URL, Docker never asked
)
# The library's own parts, which the pre-fix context does not have.
not_applicable=(
  "WebSocketServiceDiscoveryTest.allThreeProvidersAreDiscoveredWithTheirPriorities"
  "WebSocketServiceDiscoveryTest.aCustomProviderAt250WinsOverDockerAndTheProvidersSettingReordersOrExcludes"
)
gap_tests=(
  "WebSocketConfigurationGapDemonstrationTest.theDockerAlpineTestPortMappingGap"
  "WebSocketConfigurationGapDemonstrationTest.theStagingFallbackVariableMappingGap"
)

reports=config-tests/target/surefire-reports
rm -rf "$reports"
mvn -B -q -pl config-tests -am test -Dbackendconfig.tests.legacy=true -Dtest='dev.backendconfig.tests.*Test' \
  -Dsurefire.failIfNoSpecifiedTests=false >/tmp/legacy-gap-check.log 2>&1
if ! ls "$reports"/TEST-*.xml >/dev/null 2>&1; then
  echo "legacy-gap-check: the tests did not run (see /tmp/legacy-gap-check.log)" >&2
  exit 1
fi

# One line per test run: "<status> <Class>.<method>", status passed, failed, skipped (not applicable) or skipped-other.
runs=$(awk '
  function attribute(line, key,    at) {
    if (!match(line, key "=\"[^\"]*\"")) return ""
    return substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 3)
  }
  function report() { if (name != "") print status, class "." name; name = "" }
  /<testcase / {
    report()
    name = attribute($0, "name"); sub(/[([].*/, "", name)
    class = attribute($0, "classname"); sub(/.*\./, "", class)
    status = "passed"
    if ($0 ~ /\/>[[:space:]]*$/) report()
    next
  }
  name != "" && /<failure|<error/ { status = "failed" }
  name != "" && /<skipped/ { status = ($0 ~ /not applicable to the pre-fix context: / ? "skipped" : "skipped-other") }
  name != "" && /<\/testcase>/ { report() }
' "$reports"/TEST-*.xml)

# One line per scenario: failed if a run failed, else skipped if a run was skipped, else passed.
scenarios=$(sort -k2 -u <<<"$(awk '
  { rank = ($1 == "failed" ? 3 : $1 ~ /^skipped/ ? 2 : 1); if (rank > best[$2]) { best[$2] = rank; seen[$2] = $1 } }
  END { for (s in seen) print seen[s], s }
' <<<"$runs")")

status_of() { awk -v s="$1" '$2 == s { print $1 }' <<<"$scenarios"; }
listed() { local item; for item in "${@:2}"; do [ "$item" = "$1" ] && return 0; done; return 1; }

problems=()
for scenario in "${handled[@]}"; do
  [ "$(status_of "$scenario")" = passed ] || problems+=("$scenario: the pre-fix context handled it, but it did not pass ($(status_of "$scenario"))")
done
for scenario in "${not_applicable[@]}"; do
  [ "$(status_of "$scenario")" = skipped ] || problems+=("$scenario: tests the library's own parts, but was not reported not applicable ($(status_of "$scenario"))")
done
for scenario in "${gap_tests[@]}"; do
  [ "$(status_of "$scenario")" = failed ] || problems+=("$scenario: a gap test, but it did not fail ($(status_of "$scenario"))")
done
while read -r status scenario; do
  if listed "$scenario" "${handled[@]}" || listed "$scenario" "${not_applicable[@]}"; then
    continue
  fi
  [ "$status" = failed ] || problems+=("$scenario: a gap of the pre-fix context, but it $status against it")
done <<<"$scenarios"

count() { grep -c "^$1 " <<<"$2"; }
total=$(wc -l <<<"$scenarios")
echo "legacy-gap-check: against the pre-fix context, of $total scenarios ($(wc -l <<<"$runs") test runs):" \
  "$(count passed "$scenarios") passed, $(count failed "$scenarios") failed," \
  "$(count skipped "$scenarios") not applicable"
echo "legacy-gap-check: passed against it: $(awk '$1 == "passed" { printf "%s%s", sep, $2; sep = ", " }' <<<"$scenarios")"
if [ ${#problems[@]} -gt 0 ]; then
  printf 'legacy-gap-check: %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "legacy-gap-check: as it must be: only what the pre-fix context handled passed, the library's own parts were" \
  "not applicable, every gap failed, both gap tests among them"
