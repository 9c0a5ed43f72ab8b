# Mailroom: two commands set up a fresh Debian machine and run everything.
#   make demo   install what is missing, build, scan samples/ into demo.sqlite, print the summary
#   make test   install what is missing, build, run the whole test suite and the browser tests
SHELL := /bin/bash
# Tesseract's OpenMP threads fight the pipeline's workers; the binary re-executes itself with
# this set, and the test runner needs it from the start.
export OMP_THREAD_LIMIT := 1
MAILROOM := .build/debug/mailroom

.PHONY: setup build demo test browser-test samples eval-set
setup:
	@scripts/setup

build: setup
	swift build

demo: build
	rm -f demo.sqlite demo.sqlite-wal demo.sqlite-shm
	$(MAILROOM) scan samples --db demo.sqlite

test:
	@scripts/setup browser
	swift test
	Tests/Browser/run

samples:
	@scripts/setup generator
	samples/generate

browser-test:
	@scripts/setup browser
	Tests/Browser/run
