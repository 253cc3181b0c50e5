#!/usr/bin/env bash
# Mutation testing (PIT, Maven profile "mutation" of the parent POM) of the published modules: the modules config-bom
# lists, so that a module added to the BOM is covered without touching this script.
#
#   scripts/mutation.sh --all             every published module, whole, one after the other (the full run)
#   scripts/mutation.sh MODULE...         these modules, whole
#   scripts/mutation.sh --changed [BASE]  only the main classes changed since BASE (default: the merge base with
#                                         main, or HEAD~$MUTATION_RECENT_COMMITS when HEAD is main), in the modules
#                                         that have any
#   scripts/mutation.sh --ci              what .ci/run does: --changed when recent commits changed at most
#                                         $MUTATION_CI_MAX_CLASSES main classes, else one module in rotation
#
# Each module runs in its own Maven reactor (-pl MODULE -am: config-test-support, a test dependency of every module,
# is never installed), with Surefire's JVM arguments and environment (see the profile). PIT's HTML and CSV reports
# are copied to target/mutation/MODULE/; the summary table (module | mutants | killed + timed out | survived |
# no coverage | score | test strength) is printed and written to target/mutation/summary.md.
#
# The run fails when a module is below its thresholds in mutation/thresholds.tsv (score and test strength, in
# percent, rounded down), after the survivors listed in mutation/equivalent-mutants.tsv are set aside as equivalent:
# they are counted neither as mutants nor as survivors. A module with no line in thresholds.tsv fails the run too.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/target/mutation
thresholds_file=mutation/thresholds.tsv
equivalents_file=mutation/equivalent-mutants.tsv
recent_commits=${MUTATION_RECENT_COMMITS:-10}
ci_max_classes=${MUTATION_CI_MAX_CLASSES:-15}

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 64
}

published_modules() { # the artifactIds config-bom manages, in its order
  awk '/<dependencyManagement>/,/<\/dependencyManagement>/' config-bom/pom.xml \
    | sed -n 's:.*<artifactId>\(.*\)</artifactId>.*:\1:p'
}

module_dir() { # the reactor directory of a published module; published modules live at the top level
  if [ -f "$1/pom.xml" ] && grep -q "<artifactId>$1</artifactId>" "$1/pom.xml"; then
    echo "$1"
  else
    echo "mutation: config-bom lists $1, but there is no $1/pom.xml with that artifactId" >&2
    return 1
  fi
}

# The main classes changed between $1 and HEAD in module $2, as PIT globs (the class and its nested classes),
# comma-separated; deleted files, module-info.java and package-info.java are left out.
changed_classes() {
  git diff --name-only --diff-filter=d "$1" HEAD -- "$2/src/main/java" \
    | grep '\.java$' | grep -v -e '/module-info\.java$' -e '/package-info\.java$' \
    | sed -e "s:^$2/src/main/java/::" -e 's:\.java$::' -e 's:/:.:g' \
    | sort -u | awk '{ printf "%s%s,%s$*", (NR > 1 ? "," : ""), $0, $0 }'
}

default_base() {
  if [ "$(git rev-parse HEAD)" != "$(git rev-parse main 2>/dev/null)" ] && git rev-parse -q --verify main >/dev/null; then
    git merge-base HEAD main
  else # on main, as in CI's fresh clone: the recent commits, or every commit when there are fewer
    git rev-parse -q --verify "HEAD~$recent_commits" || git rev-list --max-parents=0 HEAD | tail -1
  fi
}

threshold_of() { # module, column (2 score, 3 strength)
  awk -F'\t' -v m="$1" -v c="$2" '$0 !~ /^#/ && $1 == m { print $c; found = 1 } END { exit !found }' "$thresholds_file"
}

# Count one module's mutants from PIT's mutations.csv (file,class,mutator,method,line,status,killing test) and print
# "mutants detected survived no_coverage equivalent" (equivalents left out of the first four), and in $out/$1/stale
# the listed equivalents of the classes mutated this time that matched no survivor.
count() {
  local module=$1 csv=$out/$1/mutations.csv
  awk -F'\t' -v listfile="$equivalents_file" -v stale="$out/$module/stale" '
    FILENAME == listfile {
      if ($0 ~ /^#/ || NF < 5) next
      key = $1 SUBSEP $2 SUBSEP $3 SUBSEP $4; listed[key] = 1; listing[key] = $0; next
    }
    {
      n = split($0, f, ","); class = f[2]; mutator = f[3]; sub(/.*\./, "", mutator)
      method = f[4]; line = f[5]; status = f[6]; mutated[class] = 1
      key = class SUBSEP method SUBSEP line SUBSEP mutator
      if (status == "SURVIVED" && (key in listed)) { equivalent++; used[key] = 1; next }
      total++
      if (status == "SURVIVED") survived++
      else if (status == "NO_COVERAGE") nocoverage++
      else if (status ~ /^(KILLED|TIMED_OUT|MEMORY_ERROR|RUN_ERROR|NON_VIABLE)$/) detected++
      else other++ # NOT_STARTED, STARTED: not detected, as PIT counts them
    }
    END {
      printf "" > stale
      for (key in listed) {
        split(key, k, SUBSEP)
        if (!(key in used) && (k[1] in mutated)) print listing[key] > stale
      }
      printf "%d %d %d %d %d\n", total, detected, survived + other, nocoverage, equivalent
    }
  ' "$equivalents_file" FS=, "$csv"
}

percent() { # floor(100 * $1 / $2), or 100 when there is nothing to count
  if [ "$2" -eq 0 ]; then echo 100; else echo $((100 * $1 / $2)); fi
}

run_module() { # module [targetClasses]
  local module=$1 targets=${2:-} log=$out/$1.log started took
  rm -rf "$root/$module/target/pit-reports" "$out/$module"
  mkdir -p "$out/$module"
  local scope="whole module"
  [ -n "$targets" ] && scope="changed classes: ${targets//,/ }"
  echo "mutation: $module ($scope)"
  started=$(date +%s)
  # CPU seconds (user + system, Maven and PIT's minions): on a shared machine the wall time says more about the load.
  local TIMEFORMAT='%U %S' status cpu
  { time {
    mvn -B -Pmutation -pl "$module" -am test -Dmutation.modules="$module" -Dtest=NONE \
      -Dsurefire.failIfNoSpecifiedTests=false ${targets:+-DtargetClasses="$targets"} >"$log" 2>&1
    echo $? >"$out/$module/status"
  }; } 2>"$out/$module/cpu"
  status=$(cat "$out/$module/status")
  cpu=$(awk '{ printf "%d", $1 + $2 }' "$out/$module/cpu")
  took="$(($(date +%s) - started))s, CPU ${cpu}s"
  if [ $status -ne 0 ]; then
    echo "mutation: $module: the Maven run failed after $took; the end of $log:" >&2
    grep -E '^\[ERROR\]|SEVERE' "$log" | head -20 >&2
    failures+=("$module: the run failed (see $log)")
    rows+=("| $module | run failed | | | | | | | $took |")
    return
  fi
  if [ ! -f "$root/$module/target/pit-reports/mutations.csv" ]; then
    rows+=("| $module | 0 | 0 | 0 | 0 | – | – | 0 | $took |")
    echo "mutation: $module: nothing to mutate ($took)"
    return
  fi
  cp -r "$root/$module/target/pit-reports/." "$out/$module/"
  local mutants detected survived nocoverage equivalent score strength
  read -r mutants detected survived nocoverage equivalent < <(count "$module")
  score=$(percent "$detected" "$mutants")
  strength=$(percent "$detected" $((mutants - nocoverage)))
  rows+=("| $module | $mutants | $detected | $survived | $nocoverage | $score% | $strength% | $equivalent | $took |")
  echo "mutation: $module: $mutants mutants, $detected killed, $survived survived, $nocoverage without coverage," \
    "$equivalent listed equivalent: score $score%, test strength $strength% ($took; $out/$module/index.html)"
  if [ -s "$out/$module/stale" ]; then
    echo "mutation: $module: these entries of $equivalents_file match no surviving mutant any more (the code moved" \
      "or a test now kills it); update or remove them:" >&2
    sed 's/^/  /' "$out/$module/stale" >&2
  fi
  local min_score min_strength
  if ! min_score=$(threshold_of "$module" 2) || ! min_strength=$(threshold_of "$module" 3); then
    failures+=("$module: no line in $thresholds_file; add '$module<TAB>score<TAB>strength' (percent)")
    return
  fi
  [ "$score" -ge "$min_score" ] \
    || failures+=("$module: mutation score $score% is below its threshold $min_score% ($thresholds_file)")
  [ "$strength" -ge "$min_strength" ] \
    || failures+=("$module: test strength $strength% is below its threshold $min_strength% ($thresholds_file)")
}

mapfile -t published < <(published_modules)
for module in "${published[@]}"; do module_dir "$module" >/dev/null || exit 1; done

mode=modules base="" modules=()
case "${1:-}" in
  --all) mode=all; modules=("${published[@]}") ;;
  --changed) mode=changed; base=${2:-} ;;
  --ci) mode=ci ;;
  "" | -h | --help) usage ;;
  -*) echo "mutation: unknown option $1" >&2; usage ;;
  *)
    modules=("$@")
    for module in "${modules[@]}"; do
      printf '%s\n' "${published[@]}" | grep -qx -- "$module" \
        || { echo "mutation: $module is not a published module (config-bom lists: ${published[*]})" >&2; exit 64; }
    done ;;
esac

declare -A targets=()
if [ "$mode" = changed ] || [ "$mode" = ci ]; then
  [ -n "$base" ] || base=$(default_base)
  git rev-parse -q --verify "$base^{commit}" >/dev/null || { echo "mutation: $base is not a commit" >&2; exit 64; }
  changed_count=0
  for module in "${published[@]}"; do
    classes=$(changed_classes "$base" "$module")
    [ -n "$classes" ] || continue
    targets[$module]=$classes
    modules+=("$module")
    changed_count=$((changed_count + $(tr ',' '\n' <<<"$classes" | grep -vc '\$\*$')))
  done
  echo "mutation: $changed_count main classes changed since $(git rev-parse --short "$base") in: ${modules[*]:-no published module}"
  if [ "$mode" = ci ] && [ "$changed_count" -gt "$ci_max_classes" ]; then
    # Too many for CI's time: one whole module instead, the next in rotation (by the number of commits, so that
    # successive runs on main go round every published module).
    index=$(($(git rev-list --count HEAD) % ${#published[@]}))
    modules=("${published[$index]}")
    targets=()
    echo "mutation: more than $ci_max_classes changed classes; this run takes one module in rotation: ${modules[0]}"
  fi
fi

mkdir -p "$out"
rows=() failures=()
started=$(date +%s)
for module in "${modules[@]}"; do
  run_module "$module" "${targets[$module]:-}"
done

{
  echo "| module | mutants | killed + timed out | survived | no coverage | score | test strength | listed equivalent | time |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} >"$out/summary.md"
echo
cat "$out/summary.md"
echo "mutation: $((${#modules[@]})) module run(s) in $(($(date +%s) - started))s; reports in $out/"

if [ ${#failures[@]} -gt 0 ]; then
  printf 'mutation: FAILED: %s\n' "${failures[@]}" >&2
  exit 1
fi
