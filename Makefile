# The front door: `make run` and `make test` set up a fresh Debian machine,
# build, and run. SANITIZE=1 builds with AddressSanitizer and UBSan in a
# separate build tree. A test that runs past 120 s fails rather than
# holding CI (none takes more than a few seconds).

SANITIZE ?= 0
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
ifeq ($(SANITIZE),1)
BUILD ?= build-san
CMAKE_FLAGS += -DAXOS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
else
BUILD ?= build
CMAKE_FLAGS += -DCMAKE_BUILD_TYPE=RelWithDebInfo
endif

.PHONY: all deps configure build run test memcheck fuzz bench install clean

all: build

deps:
	@sh scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The person's files live on a disk in their data directory (scripts/run.sh);
# `make run ARGS=--ephemeral` starts without it.
run: build
	sh scripts/run.sh $(BUILD) $(ARGS)

test: build
	cd $(BUILD) && ctest --output-on-failure --timeout 120 -j $(JOBS) -LE memcheck

# A few suites under valgrind's memcheck (the tests labelled memcheck).
memcheck: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L memcheck

# The libFuzzer syscall fuzzer (clang) for FUZZ_TIME seconds; skips
# itself where clang's libFuzzer is missing.
FUZZ_TIME ?= 60
fuzz: deps
	sh scripts/fuzz.sh $(FUZZ_TIME)

bench: build
	sh bench/run.sh $(BUILD)

install: build
	cmake --install $(BUILD) $(if $(PREFIX),--prefix $(PREFIX))

clean:
	rm -rf build build-san build-fuzz
