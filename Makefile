# Everything a fresh Debian 12 machine with Python 3.11 needs is set up by these targets.
# Downloads are cached in ~/.cache/interaction_log; ODOO_SRC=/path/to/odoo uses your own tree.
.PHONY: setup run test lint i18n screenshots bench clean

setup:
	bash setup/odoo.sh
	bash setup/venv.sh
	bash setup/postgres.sh
	bash setup/browser.sh

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

clean:
	rm -rf .venv

bench:
	bash setup/bench.sh --output BENCHMARKS.md $(BENCH_ARGS)
