#!/usr/bin/env bash
# Mutation testing (PIT, Maven profile "mutation" of the parent POM) of the published modules: the modules config-bom
# lists, so that a module added to the BOM is covered without touching this script.
#
#   scripts/mutation.sh --all             every published module, whole, one after the other (the full run)
#   scripts/mutation.sh MODULE...         these modules, whole
#   scripts/mutation.sh --changed [BASE]  only the main classes changed since BASE (default: since the commit each
#                                         module was measured at, mutation/baseline.tsv), in the modules that have any
#   scripts/mutation.sh --ci [BASE]       what .ci/run does: --changed, at most $MUTATION_CI_MAX_CLASSES classes (10),
#                                         the most recently changed first, within $MUTATION_CI_SECONDS (540) in all
#
# Each module runs in its own Maven reactor (-pl MODULE -am: config-test-support, a test dependency of every module,
# is never installed), with Surefire's JVM arguments and environment (see the profile). PIT's HTML and CSV reports
# are copied to mutation/target/MODULE/; the summary table (module | mutants | killed + timed out | survived |
# no coverage | score | test strength) is printed and written to mutation/target/summary.md.
#
# A module fails the run when it is below its thresholds in mutation/thresholds.tsv (score and test strength, in
# percent, rounded down), after the survivors listed in mutation/equivalent-mutants.tsv are set aside as equivalent
# (counted neither as mutants nor as survivors). A module with no line in thresholds.tsv fails the run too.
#
# A whole-module run writes the module's figures per class, and the commit measured, into mutation/baseline.tsv
# (commit it). A run of changed classes judges the module by its figures: fresh for the classes it ran, from the
# baseline for the others (classes whose file is gone are dropped), so that a part of a module is held to the module's threshold without mutating it
# all. PIT's own history file would need the previous run's output, which a fresh clone does not have.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$(pwd)
out=$root/mutation/target
thresholds_file=mutation/thresholds.tsv
equivalents_file=mutation/equivalent-mutants.tsv
baseline_file=mutation/baseline.tsv
ci_max_classes=${MUTATION_CI_MAX_CLASSES:-10}
ci_seconds=${MUTATION_CI_SECONDS:-540}
ci_started=$(date +%s)

usage() { # exit code
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit "$1"
}

published_modules() { # the artifactIds config-bom manages, in its order
  awk '/<dependencyManagement>/,/<\/dependencyManagement>/' config-bom/pom.xml \
    | sed -n 's:.*<artifactId>\(.*\)</artifactId>.*:\1:p'
}

is_published() {
  printf '%s\n' "${published[@]}" | grep -qx -- "$1"
}

# The source file of a top-level class of module $1.
source_of() {
  echo "$1/src/main/java/${2//.//}.java"
}

# The main source files of module $2 changed since commit $1 that still exist, as "time<TAB>module<TAB>class" (the
# commit time of their last change; top-level classes; module-info and package-info left out).
changed_classes() {
  git log --format='@%ct' --name-only "$1..HEAD" -- "$2/src/main/java" \
    | awk '/^@/ { time = substr($0, 2); next } NF && !seen[$0]++ { print time "\t" $0 }' \
    | grep -v -e '/module-info\.java$' -e '/package-info\.java$' \
    | while IFS=$'\t' read -r time file; do
        [ -f "$file" ] || continue
        class=${file#"$2"/src/main/java/}
        class=${class%.java}
        printf '%s\t%s\t%s\n' "$time" "$2" "${class//\//.}"
      done
}

# The commit a module's baseline figures were measured at (its "#@ module commit" line), else the tenth last commit
# (or the first).
default_base() {
  awk -v m="$1" '$1 == "#@" && $2 == m { print $3 }' "$baseline_file" 2>/dev/null | grep . \
    || git rev-parse -q --verify HEAD~10 || git rev-list --max-parents=0 HEAD | tail -1
}

threshold_of() { # module, column (2 score, 3 strength)
  awk -F'\t' -v m="$1" -v c="$2" '$0 !~ /^#/ && $1 == m { print $c; found = 1 } END { exit !found }' "$thresholds_file"
}

# One module's mutants from PIT's mutations.csv (file,class,mutator,method,line,status,killing test), per top-level
# class, into $out/MODULE/classes.tsv: "module class mutants detected survived no_coverage equivalent", the listed
# equivalents left out of the other four. The listed equivalents of the classes mutated this time that matched no
# survivor go to $out/MODULE/stale.
count() {
  local module=$1
  awk -F'\t' -v listfile="$equivalents_file" -v module="$module" -v stale="$out/$module/stale" '
    FILENAME == listfile {
      if ($0 ~ /^#/ || NF < 5) next
      key = $1 SUBSEP $2 SUBSEP $3 SUBSEP $4; listed[key] = 1; listing[key] = $0; next
    }
    {
      split($0, f, ","); class = f[2]; mutator = f[3]; sub(/.*\./, "", mutator)
      method = f[4]; line = f[5]; status = f[6]; mutated[class] = 1
      top = class; sub(/\$.*/, "", top); classes[top] = 1
      key = class SUBSEP method SUBSEP line SUBSEP mutator
      if (status == "SURVIVED" && (key in listed)) { equivalent[top]++; used[key] = 1; next }
      total[top]++
      if (status == "NO_COVERAGE") nocoverage[top]++
      else if (status ~ /^(KILLED|TIMED_OUT|MEMORY_ERROR|RUN_ERROR|NON_VIABLE)$/) detected[top]++
      else survived[top]++ # SURVIVED, and NOT_STARTED or STARTED: not detected, as PIT counts them
    }
    END {
      printf "" > stale
      for (key in listed) {
        split(key, k, SUBSEP)
        if (!(key in used) && (k[1] in mutated)) print listing[key] > stale
      }
      for (top in classes) printf "%s\t%s\t%d\t%d\t%d\t%d\t%d\n", module, top, total[top], detected[top],
        survived[top], nocoverage[top], equivalent[top]
    }
  ' "$equivalents_file" FS=, "$out/$module/mutations.csv" | sort >"$out/$module/classes.tsv"
}

# The module's figures for judging it: this run's classes, and for a run of some classes (names in $2, one a line)
# the baseline's other classes of the module whose source file still exists. Prints "mutants detected survived
# no_coverage equivalent classes_from_baseline".
module_figures() {
  local module=$1 ran=$2
  {
    cat "$out/$module/classes.tsv"
    if [ -n "$ran" ] && [ -f "$baseline_file" ]; then
      awk -F'\t' -v m="$module" '$0 !~ /^#/ && $1 == m' "$baseline_file" | while IFS=$'\t' read -r _ class rest; do
        grep -qxF -- "$class" <<<"$ran" && continue
        [ -f "$(source_of "$module" "$class")" ] || continue
        printf '%s\t%s\t%s\tbaseline\n' "$module" "$class" "$rest"
      done
    fi
  } | awk -F'\t' '{ m += $3; d += $4; s += $5; n += $6; e += $7; if ($8 == "baseline") b++ }
                  END { printf "%d %d %d %d %d %d\n", m, d, s, n, e, b }'
}

# Replace the module's lines of the baseline with this whole-module run's, and its "#@ module commit" line with the
# commit measured (HEAD; a run on uncommitted changes measures them, so commit first).
write_baseline() {
  local module=$1 header
  header="# Mutation figures per class from the last whole-module run (scripts/mutation.sh MODULE or --all), which
# writes them; a run of changed classes takes the other classes' figures from here, and mutates the classes changed
# since the commit each module was measured at (its #@ line). Commit this file after the run.
# module	class	mutants	detected	survived	no coverage	equivalent"
  {
    echo "$header"
    { [ -f "$baseline_file" ] && awk -v m="$module" '$1 == "#@" && $2 != m' "$baseline_file"
      printf '#@ %s %s\n' "$module" "$(git rev-parse HEAD)"; } | sort
    { [ -f "$baseline_file" ] && awk -F'\t' -v m="$module" '$0 !~ /^#/ && $1 != m' "$baseline_file"
      cat "$out/$module/classes.tsv"; } | sort
  } >"$baseline_file.new" && mv "$baseline_file.new" "$baseline_file"
}

percent() { # floor(100 * $1 / $2), or 100 when there is nothing to count
  if [ "$2" -eq 0 ]; then echo 100; else echo $((100 * $1 / $2)); fi
}

# Run a command in a process group of its own; after $1 seconds (0: no bound) stop the whole group (Maven, PIT and
# its minion JVMs) and return 124, as timeout(1) does.
bounded() {
  local limit=$1 pid waited=0
  shift
  if [ "$limit" -le 0 ]; then
    "$@"
    return
  fi
  setsid "$@" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge "$limit" ]; then
      kill -TERM -- "-$pid" 2>/dev/null
      sleep 5
      kill -KILL -- "-$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
      return 124
    fi
    sleep 1
    waited=$((waited + 1))
  done
  wait "$pid"
}

run_module() { # module [classes to mutate, one a line]
  local module=$1 ran=${2:-} log=$out/$1.log started took targets="" label=$1
  rm -rf "$root/$module/target/pit-reports" "${out:?}/$module"
  mkdir -p "$out/$module"
  if [ -n "$ran" ]; then # PIT globs: each class and its nested classes
    targets=$(awk '{ printf "%s%s,%s$*", (NR > 1 ? "," : ""), $0, $0 }' <<<"$ran")
    echo "mutation: $module, $(wc -l <<<"$ran") changed classes: $(tr '\n' ' ' <<<"$ran")"
  else
    echo "mutation: $module, whole module"
  fi
  started=$(date +%s)
  # CPU seconds (user + system, Maven and PIT's minions): on a shared machine the wall time says more about the load.
  # clean: a class renamed or moved must not survive as a stale class file or a stale copied test source.
  local TIMEFORMAT='%U %S' status cpu limit=0
  if [ "$mode" = ci ]; then # what is left of CI's time for mutation, at least a minute
    limit=$((ci_seconds - ($(date +%s) - ci_started)))
    [ "$limit" -ge 60 ] || limit=60
  fi
  { time {
    bounded "$limit" mvn -B -Pmutation -pl "$module" -am clean test -Dmutation.modules="$module" -Dtest=NONE \
      -Dsurefire.failIfNoSpecifiedTests=false ${targets:+-DtargetClasses="$targets"} >"$log" 2>&1
    echo $? >"$out/$module/status"
  }; } 2>"$out/$module/cpu"
  status=$(cat "$out/$module/status")
  cpu=$(awk '{ printf "%d", $1 + $2 }' "$out/$module/cpu")
  took="$(($(date +%s) - started))s, CPU ${cpu}s"
  if [ "$status" -eq 124 ]; then
    # CI's time ran out: these classes keep their baseline figures; said loudly, never counted as measured
    echo "mutation: $module: NOT MEASURED: PIT did not finish within CI's time (MUTATION_CI_SECONDS=$ci_seconds," \
      "${limit}s left for it) and was stopped with its test JVMs; its changed classes keep their baseline figures;" \
      "measure them with: scripts/mutation.sh --changed" >&2
    rows+=("| $module | not measured: CI's time ran out ($(wc -l <<<"$ran") classes) | | | | | | | $took |")
    return
  fi
  if [ "$status" -ne 0 ]; then
    echo "mutation: $module: the Maven run failed after $took; the end of $log:" >&2
    grep -E '^\[ERROR\]|SEVERE' "$log" | head -20 >&2
    failures+=("$module: the run failed (see $log)")
    rows+=("| $module | run failed | | | | | | | $took |")
    return
  fi
  if [ -f "$root/$module/target/pit-reports/mutations.csv" ]; then
    cp -r "$root/$module/target/pit-reports/." "$out/$module/"
  else
    : >"$out/$module/mutations.csv" # nothing to mutate in the classes named
  fi
  count "$module"
  [ -n "$ran" ] || write_baseline "$module"

  local mutants detected survived nocoverage equivalent from_baseline score strength
  read -r mutants detected survived nocoverage equivalent from_baseline < <(module_figures "$module" "$ran")
  score=$(percent "$detected" "$mutants")
  strength=$(percent "$detected" $((mutants - nocoverage)))
  [ -n "$ran" ] && label="$module ($(wc -l <<<"$ran") classes run, $from_baseline from the baseline)"
  rows+=("| $label | $mutants | $detected | $survived | $nocoverage | $score% | $strength% | $equivalent | $took |")
  echo "mutation: $label: $mutants mutants, $detected killed, $survived survived, $nocoverage without coverage," \
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
for module in "${published[@]}"; do
  grep -qs "<artifactId>$module</artifactId>" "$module/pom.xml" \
    || { echo "mutation: config-bom lists $module, but there is no $module/pom.xml with that artifactId" >&2; exit 1; }
done

mode=modules base="" modules=()
case "${1:-}" in
  --all) mode=all; modules=("${published[@]}") ;;
  --changed) mode=changed; base=${2:-} ;;
  --ci) mode=ci; base=${2:-} ;;
  -h | --help) usage 0 ;;
  "") usage 64 ;;
  -*) echo "mutation: unknown option $1" >&2; usage 64 ;;
  *)
    modules=("$@")
    for module in "${modules[@]}"; do
      is_published "$module" \
        || { echo "mutation: $module is not a published module (config-bom lists: ${published[*]})" >&2; exit 64; }
    done ;;
esac

declare -A ran=()
if [ "$mode" = changed ] || [ "$mode" = ci ]; then
  if [ -n "$base" ]; then
    git rev-parse -q --verify "$base^{commit}" >/dev/null || { echo "mutation: $base is not a commit" >&2; exit 64; }
  fi
  changed=$(for module in "${published[@]}"; do
    module_base=${base:-$(default_base "$module")}
    echo "mutation: $module: classes changed since $(git rev-parse --short "$module_base")" >&2
    changed_classes "$module_base" "$module"
  done | sort -t$'\t' -k1,1nr -s | cut -f2-)
  total=$(grep -c . <<<"$changed")
  echo "mutation: $total main classes of published modules changed since they were measured"
  if [ "$mode" = ci ] && [ "$total" -gt "$ci_max_classes" ]; then
    echo "mutation: CI's time allows $ci_max_classes; the most recently changed are run, the others keep their" \
      "baseline figures"
    changed=$(head -n "$ci_max_classes" <<<"$changed")
  fi
  for module in "${published[@]}"; do
    classes=$(awk -F'\t' -v m="$module" '$1 == m { print $2 }' <<<"$changed")
    [ -n "$classes" ] || continue
    ran[$module]=$classes
    modules+=("$module")
  done
fi

mkdir -p "$out"
rows=() failures=()
started=$(date +%s)
for module in "${modules[@]}"; do
  run_module "$module" "${ran[$module]:-}"
done

{
  echo "| module | mutants | killed + timed out | survived | no coverage | score | test strength | listed equivalent | time |"
  echo "|---|---|---|---|---|---|---|---|---|"
  [ ${#rows[@]} -eq 0 ] || printf '%s\n' "${rows[@]}"
} >"$out/summary.md"
echo
cat "$out/summary.md"
echo "mutation: ${#modules[@]} module run(s) in $(($(date +%s) - started))s; reports in $out/"

if [ ${#failures[@]} -gt 0 ]; then
  printf 'mutation: FAILED: %s\n' "${failures[@]}" >&2
  exit 1
fi
