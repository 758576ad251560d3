# Everything a fresh Debian 12 machine with Python 3.11 needs is set up by these targets.
# Downloads are cached in ~/.cache/interaction_log; ODOO_SRC=/path/to/odoo uses your own tree.
# Every folder at the root holding a __manifest__.py is an addon: each target takes them all.
.PHONY: load setup run test lint i18n screenshots bench dist clean

setup:
	bash setup/setup.sh

run:
	bash setup/run.sh

test:
	bash setup/test.sh

lint:
	bash setup/lint.sh

i18n:
	bash setup/i18n.sh

screenshots:
	bash setup/screenshots.sh

bench:
	bash setup/bench.sh --output BENCHMARKS.md $(BENCH_ARGS)

dist:
	bash setup/dist.sh

load:
	bash setup/load.sh $(LOAD_ARGS)

clean:
	rm -rf .venv dist
