# Thin wrapper over CMake: the commands a newcomer runs. See README.md.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzzer
# seconds per fuzz target (five targets)
FUZZ_SECONDS ?= 120
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
# the build below is make too: keep its output to what matters
MAKEFLAGS  += --no-print-directory

.PHONY: all deps build build-asan run test test-valgrind test-asan bench fuzz eval-dates eval-event-dates clean

all: build

deps:
	@sh scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSTORYLINE_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

run: build
	./$(BUILD)/storyline build samples/putin-lepen -o out

test: build build-asan
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) test-valgrind
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

# The samples through both commands under valgrind, and many times over through build: no
# invalid access, no uninitialised value, no lost block (memory the libraries keep until exit
# is not counted).
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
test-valgrind: build
	@rm -rf $(BUILD)/valgrind-out
	$(VALGRIND) ./$(BUILD)/storyline build samples/putin-lepen -o $(BUILD)/valgrind-out >/dev/null
	$(VALGRIND) ./$(BUILD)/storyline annotate samples/putin-lepen >/dev/null
	@# the samples twice over: the second reading is exact copies, analysed once
	$(VALGRIND) ./$(BUILD)/storyline build --no-render --jobs 2 samples/putin-lepen samples/putin-lepen \
	  -o $(BUILD)/valgrind-out >/dev/null
	@# the samples 1500 times over (4 MB): enough that the graph keeps the sentences and the
	@# mentions in its temporary files, mapped and let go of
	@python3 scripts/many-articles.py samples/putin-lepen $(BUILD)/valgrind-many.jsonl 1500
	$(VALGRIND) ./$(BUILD)/storyline build --no-render --jobs 2 $(BUILD)/valgrind-many.jsonl \
	  -o $(BUILD)/valgrind-out >/dev/null
	@echo "valgrind: samples clean"

# Scores the date recognizer on TempEval-3 (TimeBank + AQUAINT, read from ../shared, never
# copied here) as Task A does; fails if strict span F1 or value F1 falls below its floor.
eval-dates: build
	python3 scripts/eval-dates.py --storyline ./$(BUILD)/storyline \
	  --data ../shared/data/tempeval3-train --floor strict=0.899,value=0.837

# Do events get the date of their own clause? Compares the dates of storyline's events with the
# times TimeBank + AQUAINT link the same events to (TLINKs); fails below the floor.
eval-event-dates: build
	python3 scripts/eval-event-dates.py --storyline ./$(BUILD)/storyline \
	  --data ../shared/data/tempeval3-train --floor exact=0.84

bench: build
	sh bench/run.sh ./$(BUILD)/storyline

# libFuzzer targets (tests/fuzz/) built with clang, each run FUZZ_SECONDS from a corpus seeded
# with samples/; a crash leaves its input in $(FUZZ_BUILD)/fuzz-artifacts/.
fuzz:
	@sh scripts/install-deps.sh fuzz
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DSTORYLINE_FUZZ=ON -DSTORYLINE_WERROR=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_targets
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ_BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) out
