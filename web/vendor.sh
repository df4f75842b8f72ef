#!/bin/sh
# vendor.sh copies the browser libraries the web UI needs from an npm
# node_modules directory into web/static/vendor/, where the Go build embeds
# them. Usage: sh web/vendor.sh [node_modules [out-dir]]  (make data runs it)
#
# Versions are pinned in package-lock.json. Licences travel with the files:
# Leaflet (BSD-2-Clause), vis-timeline and vis-network (Apache-2.0 or MIT),
# world-atlas (ISC; Natural Earth data, public domain), world-countries
# (ODbL; only its ISO numeric -> alpha-3 code pairs, written by node as
# world-atlas/iso3.json so the map can find a country's outline).
set -eu

nm=${1:-node_modules}
web=$(cd "$(dirname "$0")" && pwd)
out=${2:-"$web/static/vendor"}

if [ ! -d "$nm" ]; then
	echo "vendor.sh: node_modules directory $nm not found; run 'npm ci' first" >&2
	exit 1
fi

# need SRC: fail early, naming the missing file, before anything is copied.
need() {
	if [ ! -f "$nm/$1" ]; then
		echo "vendor.sh: $nm/$1 is missing; run 'npm ci' (package-lock.json pins it)" >&2
		exit 1
	fi
}

need leaflet/dist/leaflet.js
need leaflet/dist/leaflet.css
need leaflet/LICENSE
need vis-timeline/standalone/umd/vis-timeline-graph2d.min.js
need vis-timeline/styles/vis-timeline-graph2d.min.css
need vis-timeline/LICENSE.MIT.txt
need vis-network/standalone/umd/vis-network.min.js
need vis-network/styles/vis-network.min.css
need vis-network/LICENSE-MIT
need world-atlas/countries-50m.json
need world-atlas/LICENSE
need world-countries/countries.json
need world-countries/LICENSE
if ! command -v node >/dev/null 2>&1; then
	echo "vendor.sh: node is needed to extract country codes from world-countries" >&2
	exit 1
fi

# Build into a fresh directory and swap it in, so an interrupted run never
# leaves a half-filled vendor tree behind.
tmp="$out.tmp.$$"
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/leaflet/images" "$tmp/vis-timeline" "$tmp/vis-network" "$tmp/world-atlas" "$tmp/world-countries"

cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$nm/leaflet/LICENSE" "$tmp/leaflet/"
cp "$nm"/leaflet/dist/images/*.png "$tmp/leaflet/images/"
cp "$nm/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js" \
	"$nm/vis-timeline/styles/vis-timeline-graph2d.min.css" "$tmp/vis-timeline/"
cp "$nm/vis-timeline/LICENSE.MIT.txt" "$tmp/vis-timeline/LICENSE"
cp "$nm/vis-network/standalone/umd/vis-network.min.js" \
	"$nm/vis-network/styles/vis-network.min.css" "$tmp/vis-network/"
cp "$nm/vis-network/LICENSE-MIT" "$tmp/vis-network/LICENSE"
cp "$nm/world-atlas/countries-50m.json" "$nm/world-atlas/LICENSE" "$tmp/world-atlas/"
cp "$nm/world-countries/LICENSE" "$tmp/world-countries/LICENSE"
node -e '
const fs = require("fs");
const [src, dst] = process.argv.slice(1);
const m = {};
for (const c of JSON.parse(fs.readFileSync(src, "utf8"))) if (c.ccn3 && c.cca3) m[c.ccn3] = c.cca3;
if (Object.keys(m).length < 200) throw new Error(src + ": too few country codes");
fs.writeFileSync(dst, JSON.stringify(m) + "\n");
' "$nm/world-countries/countries.json" "$tmp/world-atlas/iso3.json"

rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
echo "vendor.sh: browser libraries copied to $out"
