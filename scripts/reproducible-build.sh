#!/usr/bin/env bash
# Check that the build is reproducible: build the published modules twice, the second time in a copy of this
# checkout at another path, with other file times and another time zone, and compare every published file byte for
# byte (each module's jar, sources jar and Javadoc jar; config-cli's runnable jar and distribution archives). Then
# print their sizes and check the size budget: the published library jars together stay under 1 MB (sources and
# Javadoc jars, the runnable jar and the archives are not counted: the runnable jar bundles the library jars with
# snakeyaml-engine and SLF4J for java -jar, and never sits on a class path beside them; it has its own budget,
# 1.25 MiB: 838 KB before provider docker learnt compose projects and the stack's lifecycle, 1,105 KB after).
# Published modules: those config-bom lists. Exit 1 on any difference or budget overrun.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$(pwd)
work=$root/target/reproducible
library_budget=$((1024 * 1024))
runnable_budget=$((1280 * 1024))

mapfile -t modules < <(awk '/<dependencyManagement>/,/<\/dependencyManagement>/' config-bom/pom.xml \
  | sed -n 's:.*<artifactId>\(.*\)</artifactId>.*:\1:p')
modules_list=$(IFS=,; echo "${modules[*]}")
version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)

# The published files of one build under checkout $1, copied to $2 (module/file).
collect() {
  local from=$1 to=$2 module file
  mkdir -p "$to"
  for module in "${modules[@]}"; do
    mkdir -p "$to/$module"
    for file in "$from/$module/target/$module-$version"{,-sources,-javadoc}.jar; do
      [ -f "$file" ] || { echo "reproducible: the build made no $file" >&2; return 1; }
      cp "$file" "$to/$module/"
    done
  done
  cp "$from/config-cli/target/backend-config.jar" "$from/config-cli/target/backend-config-$version-dist".{zip,tar.gz} \
    "$to/config-cli/" || return 1
}

build() { # checkout, log; only the published modules and what they need (-am), tests neither compiled nor run
  (cd "$1" && mvn -B -q clean package -Dmaven.test.skip=true -pl "$modules_list" -am) >"$2" 2>&1 \
    || { echo "reproducible: the build in $1 failed; see $2" >&2; tail -20 "$2" >&2; return 1; }
}

rm -rf "$work"
mkdir -p "$work"
started=$(date +%s)
echo "reproducible: first build (${modules[*]})"
build "$root" "$work/first.log" && collect "$root" "$work/first" || exit 1

# The copy: no build output, no .git; every file gets a new modification time.
mkdir -p "$work/copy"
tar -c --exclude=./target --exclude='./*/target' --exclude='./consumers/*/target' --exclude=./.git . \
  | tar -x -C "$work/copy" --touch
echo "reproducible: second build, in $work/copy, time zone Pacific/Kiritimati"
TZ=Pacific/Kiritimati build "$work/copy" "$work/second.log" && collect "$work/copy" "$work/second" || exit 1
rm -rf "$work/copy"

status=0
compared=0
while IFS= read -r file; do
  compared=$((compared + 1))
  if ! cmp -s "$work/first/$file" "$work/second/$file"; then
    status=1
    echo "reproducible: $file differs between the two builds" >&2
    case $file in
      *.jar | *.zip) # name the entries that differ
        diff <(unzip -v "$work/first/$file" | awk 'NF >= 8 { print $5, $6, $7, $8 }') \
          <(unzip -v "$work/second/$file" | awk 'NF >= 8 { print $5, $6, $7, $8 }') | sed 's/^/  /' | head -20 >&2 ;;
    esac
  fi
done < <(cd "$work/first" && find . -type f | sed 's:^\./::' | sort)
echo "reproducible: $compared files compared in $(($(date +%s) - started))s: $([ $status -eq 0 ] && echo 'all identical' || echo 'SOME DIFFER')"

# Sizes, and the budget.
library=0
printf '%-60s %10s\n' "published file" "bytes"
while IFS= read -r file; do
  size=$(stat -c %s "$work/first/$file")
  printf '%-60s %10d\n' "$file" "$size"
  case $file in
    */backend-config*) ;;
    *-sources.jar | *-javadoc.jar) ;;
    *.jar) library=$((library + size)) ;;
  esac
done < <(cd "$work/first" && find . -type f | sed 's:^\./::' | sort)
runnable=$(stat -c %s "$work/first/config-cli/backend-config.jar")
echo "reproducible: the library jars together: $library bytes (budget $library_budget); the runnable jar: $runnable bytes (budget $runnable_budget)"
if [ "$library" -ge "$library_budget" ]; then
  echo "reproducible: the published library jars together exceed 1 MB" >&2
  status=1
fi
if [ "$runnable" -ge "$runnable_budget" ]; then
  echo "reproducible: the runnable jar exceeds 1 MB" >&2
  status=1
fi
exit $status
