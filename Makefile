# Convenience entry points; everything is plain CMake + CTest underneath.
#   make run     — install deps, build, run the default scenario (writes the pcap, prints the diagram)
#   make test    — install deps, build, run the whole test suite
#   make asan    — the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench   — benchmarks
#   make fuzz    — the libFuzzer targets (clang); make fuzz-smoke runs each for 10 s
#   make deb     — the Debian packages (wpslab, libwpslab-dev) from the build tree, with CPack
#   make install — cmake --install (PREFIX=/usr/local, DESTDIR honoured)
#   make format  — clang-format the tree; make format-check only checks it (CI)
# Variables: BUILD (build dir), BUILD_TYPE (Release), JOBS, CMAKE_ARGS (e.g. -DWPSLAB_WERROR=ON).
JOBS ?= $(shell nproc)
BUILD ?= build
BUILD_TYPE ?= Release
CMAKE_ARGS ?=
PREFIX ?= /usr/local
SOURCES = $(shell git ls-files '*.cpp' '*.hpp' 2>/dev/null)

.PHONY: deps build run test asan bench fuzz fuzz-smoke deb install format format-check clean
deps:
	@./tools/install-deps.sh
build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
run: build
	./$(BUILD)/apps/wpslab/wpslab run
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
asan: deps
	@cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DWPSLAB_SANITIZE=ON -DWPSLAB_BENCH=OFF $(CMAKE_ARGS) >/dev/null
	@cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS) -LE 'interop|package'
bench: build
	./$(BUILD)/apps/wpslab/wpslab bench registration
fuzz: deps
	@CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DWPSLAB_FUZZ=ON -DWPSLAB_BENCH=OFF $(CMAKE_ARGS) >/dev/null
	@cmake --build build-fuzz -j $(JOBS)
# CI's clang check: the binary and the fuzz targets (not the test binaries, which GCC builds).
fuzz-smoke: deps
	@CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DWPSLAB_FUZZ=ON -DWPSLAB_BENCH=OFF $(CMAKE_ARGS) >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target wpslab $(addprefix fuzz_,$(notdir $(wildcard fuzz/corpus/*)))
	@./tools/fuzz-smoke.sh 10
deb: build
	cd $(BUILD) && cpack -G DEB
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)
format:
	clang-format -i $(SOURCES)
format-check:
	clang-format --dry-run --Werror $(SOURCES)
clean:
	rm -rf build build-asan build-fuzz

# make fuzz-long [FUZZ_RUNS=N] — every fuzz target for N executions (default 10^7) on one core,
# one after the other; prints the campaign table for docs/benchmarks.md (tools/fuzz-long.sh).
# make valgrind — the unit tests and the scenario CLI test under valgrind memcheck.
FUZZ_RUNS ?= 10000000
.PHONY: fuzz-long valgrind
fuzz-long: fuzz
	@./tools/fuzz-long.sh $(FUZZ_RUNS)
valgrind: build
	@./tools/valgrind.sh $(BUILD)
