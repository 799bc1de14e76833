# leakdesk — see README.md. `make run` and `make test` install the system
# packages they need on Debian/Ubuntu first (as root, or through sudo).

GO        ?= go
BIN       ?= bin/leakdesk
VERSION   ?= 0.1.0
PKG_LDFLAGS = -X main.version=$(VERSION)

# Build and run need the Fyne/OpenGL headers; the tests also use a virtual X
# server (GUI and input-method tests), poppler/qpdf (PDF checks) and the
# tools the benchmarks compare against.
BUILD_DEPS = gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
             libxinerama-dev libxi-dev libxxf86vm-dev
TEST_DEPS  = $(BUILD_DEPS) xvfb xauth xdotool x11-utils poppler-utils qpdf img2pdf \
             ibus ibus-libpinyin dbus-x11 dbus-daemon locales time bc

.PHONY: run test build bench package deps-build deps-test vet lint clean

run: deps-build build
	./$(BIN)

build:
	$(GO) build -ldflags '$(PKG_LDFLAGS)' -o $(BIN) ./cmd/leakdesk

test: deps-test vet
	$(GO) test -race -timeout 20m ./...

vet:
	$(GO) vet ./...

# Speed and memory targets live here, not in timed tests. bench-export.sh
# compares whole processes as a user pays them: `leakdesk export` against
# img2pdf on the same 40 JPEGs, alternating runs, medians.
bench: deps-test
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...
	./scripts/bench-export.sh 7

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

package: deps-build
	./scripts/package-linux.sh $(VERSION)

deps-build:
	@./scripts/apt-install.sh $(BUILD_DEPS)

deps-test:
	@./scripts/apt-install.sh $(TEST_DEPS)

clean:
	rm -rf bin dist
