#!/usr/bin/env bash
# Reproducible-build check: builds every jar of the reactor twice, from two copies of this checkout at different
# paths, and compares the SHA-256 of each jar (main, -sources, -javadoc, shaded). Exits 1 and names the jar entries
# that differ when any jar does. Not run in CI (two full builds); run it before a release:
#
#   build-tools/check-reproducible.sh [WORK_DIR]        # WORK_DIR defaults to a new directory under /tmp
#
# Only `package` runs, never `install`: the shared local repository (~/.m2, or STRATUS_REPRO_REPO) is only read.
# Tests are skipped (-DskipTests); what they would write is not part of any jar. Uncommitted files are included (the
# copies are made of `git ls-files --cached --others --exclude-standard`), so a fix can be checked before committing.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/stratus-repro.XXXXXX)}"
repo="${STRATUS_REPRO_REPO:-$HOME/.m2/repository}"
mkdir -p "$work"
echo "reproducibility check: building in $work (local repository $repo, read only)"

# Both copies first, so that both builds see the same sources even if the checkout changes meanwhile.
(cd "$root" && git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf -) > "$work/sources.tar"
for n in 1 2; do
  rm -rf "$work/build$n"
  mkdir -p "$work/build$n"
  tar -xf "$work/sources.tar" -C "$work/build$n"
done
for n in 1 2; do
  dir="$work/build$n"
  echo "build $n: ./mvnw -B -q package -DskipTests"
  (cd "$dir" && ./mvnw -B -q -Dmaven.repo.local="$repo" package -DskipTests) > "$work/build$n.log" 2>&1 \
    || { echo "build $n failed; see $work/build$n.log" >&2; tail -40 "$work/build$n.log" >&2; exit 2; }
  (cd "$dir" && find . -path ./build-tools -prune -o -path '*/target/*.jar' -print \
    | grep -E '^\./([^/]+/)*target/[^/]+\.jar$' | LC_ALL=C sort | xargs sha256sum) > "$work/sha256-$n.txt"
done

jars=$(wc -l < "$work/sha256-1.txt")
if [ "$jars" -eq 0 ]; then
  echo "no jar was built" >&2
  exit 2
fi
if diff -u "$work/sha256-1.txt" "$work/sha256-2.txt" > "$work/sha256.diff"; then
  echo "reproducible: all $jars jars have the same SHA-256 in both builds (list: $work/sha256-1.txt)"
  exit 0
fi

echo "NOT reproducible: these jars differ between the two builds:" >&2
cat "$work/sha256.diff" >&2
# Name the entries that differ (content, date or order) in each differing jar.
python3 - "$work" <<'EOF' >&2
import sys, zipfile, pathlib
work = pathlib.Path(sys.argv[1])
one = dict(l.split()[::-1] for l in (work / "sha256-1.txt").read_text().splitlines())
two = dict(l.split()[::-1] for l in (work / "sha256-2.txt").read_text().splitlines())
for jar in sorted(set(one) | set(two)):
    if one.get(jar) == two.get(jar):
        continue
    if jar not in one or jar not in two:
        print(f"{jar}: built only once")
        continue
    a, b = zipfile.ZipFile(work / "build1" / jar), zipfile.ZipFile(work / "build2" / jar)
    na, nb = a.namelist(), b.namelist()
    if na != nb:
        print(f"{jar}: entry names or order differ ({len(na)} vs {len(nb)} entries)")
    for name in sorted(set(na) & set(nb)):
        ia, ib = a.getinfo(name), b.getinfo(name)
        if ia.CRC != ib.CRC:
            print(f"{jar}: {name}: content differs")
        elif ia.date_time != ib.date_time:
            print(f"{jar}: {name}: date differs {ia.date_time} vs {ib.date_time}")
EOF
exit 1
