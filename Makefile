# A thin front over the CMake presets (see CMakePresets.json). Every target first installs any
# missing Debian package (scripts/install-deps), so a fresh Debian 12 machine needs nothing else.
#
#   make run                 build the truckflow command (release, nothing else), run the default Sichuan
#                            scenario into results/sichuan.h5, write its report results/sichuan.html, plot it
#   make test                build with sanitizers and warnings as errors, run every test, then build the
#                            fuzz targets (Clang) and run their one-minute smoke
#   make fuzz                fuzz each target for FUZZ_SECONDS (default 600), both at once; figures and
#                            findings in build/fuzz/ (see docs/reliability.md)
#   make bench               build the benchmark program (release) and run it (BENCH_ARGS=--benchmark_format=json ...)
#   make install PREFIX=dir  install dir/bin/truckflow, and the engine as a library: its headers, static library
#                            and CMake package (find_package(truckflow COMPONENTS engine); see engine/README.md)
#   make debug               build at -O0 with sanitizers and run every test
#   make format              clang-format every C++ file in place
#   make docs                regenerate the scenario schema and the key reference in docs/scenario.md
#   make clean               remove build/

PREFIX ?= /usr/local
BENCH_ARGS ?=
FUZZ_SECONDS ?= 600
JOBS ?= $(shell nproc)

.PHONY: all deps release run test fuzz bench install debug format docs clean

all: release

deps:
	@scripts/install-deps

# The release configuration holds the command and the benchmarks (its tests are off: they build in
# ci and debug); each target below builds only the program it needs.
release: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS)

run: release
	mkdir -p results
	build/release/app/truckflow run scenarios/sichuan.yaml -o results/sichuan.h5
	build/release/app/truckflow report results/sichuan.h5 -o results/sichuan.html
	/usr/bin/python3 scripts/plot.py results/sichuan.h5 -o results

test: deps
	cmake --workflow --preset ci
	cmake --workflow --preset fuzz-smoke

fuzz: deps
	cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS)
	scripts/fuzz $(FUZZ_SECONDS)

debug: deps
	cmake --workflow --preset debug

bench: deps
	cmake --preset release
	cmake --build --preset bench -j $(JOBS)
	build/release/bench/truckflow_bench $(BENCH_ARGS)

install: release
	cmake --install build/release --prefix "$(PREFIX)"

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

docs: release
	scripts/update-generated-docs build/release/app/truckflow

clean:
	rm -rf build
