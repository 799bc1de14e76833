# leakdesk — see README.md. `make run` and `make test` install the system
# packages they need on Debian/Ubuntu first (as root, or through sudo).

GO        ?= go
BIN       ?= bin/leakdesk
VERSION   ?= 0.1.0
PKG_LDFLAGS = -X main.version=$(VERSION)

# Build and run need the Fyne/OpenGL headers; the tests also use a virtual X
# server (GUI and input-method tests), poppler/qpdf (PDF checks), the tools
# the benchmarks compare against, and LibreOffice Writer and Chromium, which
# make PDFs as people have them for the import corpus (installing both took
# 1.5 and 1 minute here, without recommends).
BUILD_DEPS = gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
             libxinerama-dev libxi-dev libxxf86vm-dev
TEST_DEPS  = $(BUILD_DEPS) xvfb xauth xdotool x11-utils poppler-utils qpdf img2pdf \
             ibus ibus-libpinyin dbus-x11 dbus-daemon locales time bc \
             libreoffice-writer-nogui chromium
# The Windows build cross-compiles from Debian (mingw-w64 for the OpenGL/GLFW
# cgo code); its smoke test runs it under Debian's Wine 8.0 (wine64) and
# Xvfb, and reads the screen with xwd (x11-apps).
WINDOWS_DEPS = gcc-mingw-w64-x86-64 zip unzip
WINE_DEPS    = $(WINDOWS_DEPS) wine64 xvfb xauth x11-apps
WINDOWS_ZIP  = dist/leakdesk-$(VERSION)-windows-amd64.zip

.PHONY: run test build bench package package-windows test-windows deps-build deps-test deps-windows deps-wine vet lint clean

run: deps-build build
	./$(BIN)

build:
	$(GO) build -ldflags '$(PKG_LDFLAGS)' -o $(BIN) ./cmd/leakdesk

# internal/ui's race run takes about 5 minutes on a quiet two-core machine
# and passed 20 on a loaded one: the limit is for a hang, not for load.
# The input-method test drives a real window with timed clicks; beside the
# other packages' tests it can lose a click on a loaded machine, so it runs
# alone afterwards, up to three times: a broken input path fails all three.
# The idle-lock test waits out a one-minute auto-lock three times (about four
# minutes of a real window under Xvfb) and also runs on its own.
test: deps-test vet
	$(GO) test -race -timeout 30m -skip '^(TestIMETypingUnderXvfb|TestIdleLockUnderXvfb)$$' ./...
	$(GO) test -count=1 -timeout 10m -run '^TestIdleLockUnderXvfb$$' ./internal/ui
	@for i in 1 2 3; do \
	  $(GO) test -race -count=1 -run '^TestIMETypingUnderXvfb$$' ./internal/ui && exit 0; \
	  echo "input-method test: attempt $$i failed"; \
	done; exit 1
	$(MAKE) test-windows

# The Windows package under Wine: the command line end to end and the
# desktop app's first frame (scripts/test-windows.sh). vet first, for
# GOOS=windows: the Linux run never compiles Windows files and tests (a
# Unix-only call in a test once broke the Windows test build unseen).
test-windows: deps-wine package-windows
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc $(GO) vet ./...
	./scripts/test-windows.sh $(WINDOWS_ZIP)

vet:
	$(GO) vet ./...

# Speed and memory targets live here, not in timed tests. bench-export.sh
# compares whole processes as a user pays them: `leakdesk export` against
# img2pdf on the same 40 JPEGs, alternating runs, medians. bench-joint.sh
# measures a matter's joint police document for 25 to 200 victims and
# fails when peak RSS grows with them (issue 13).
bench: deps-test
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...
	./scripts/bench-export.sh 7
	./scripts/bench-joint.sh

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

package: deps-build
	./scripts/package-linux.sh $(VERSION)

# $(WINDOWS_ZIP): leakdesk.exe (desktop) and leakdesk-cli.exe (command line).
package-windows: deps-windows
	./scripts/package-windows.sh $(VERSION)

deps-build:
	@./scripts/apt-install.sh $(BUILD_DEPS)

deps-test:
	@./scripts/apt-install.sh $(TEST_DEPS)

deps-windows:
	@./scripts/apt-install.sh $(WINDOWS_DEPS)

deps-wine:
	@./scripts/apt-install.sh $(WINE_DEPS) poppler-utils

clean:
	rm -rf bin dist
