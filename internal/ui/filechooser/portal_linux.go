//go:build linux

package filechooser

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
)

// The XDG desktop portal's file chooser (FileChooser interface, version 1
// and later): a call returns a request handle, and the answer arrives as
// the Response signal of that request object once the user is done.
const (
	portalName   = "org.freedesktop.portal.Desktop"
	portalPath   = dbus.ObjectPath("/org/freedesktop/portal/desktop")
	chooserIface = "org.freedesktop.portal.FileChooser"
	requestIface = "org.freedesktop.portal.Request"
	responseOK   = 0
)

// minDirectoryVersion is the FileChooser version that can choose a folder.
const minDirectoryVersion = 3

// probeTimeout bounds the question whether a portal is there: a session
// bus that would start one and hangs must not hold the click.
const probeTimeout = 3 * time.Second

func ask(ctx context.Context, r Request) ([]string, error) {
	// ConnectSessionBus never launches a bus of its own (SessionBus would
	// start dbus-launch where there is none).
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return nil, ErrUnavailable
	}
	defer conn.Close()
	return askOn(ctx, conn, r)
}

// askOn runs one dialog over conn; tests give it a private bus with a fake
// portal.
func askOn(ctx context.Context, conn *dbus.Conn, r Request) ([]string, error) {
	portal := conn.Object(portalName, portalPath)
	probe, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	var version dbus.Variant
	if err := portal.CallWithContext(probe, "org.freedesktop.DBus.Properties.Get", 0, chooserIface, "version").Store(&version); err != nil {
		return nil, ErrUnavailable
	}
	if v, _ := version.Value().(uint32); r.Directory && v < minDirectoryVersion {
		return nil, ErrUnavailable
	}

	// The request object's path is known before the call (the token is
	// ours), so the answer cannot arrive before we listen for it.
	token := newToken()
	sender := strings.ReplaceAll(strings.TrimPrefix(conn.Names()[0], ":"), ".", "_")
	want := dbus.ObjectPath("/org/freedesktop/portal/desktop/request/" + sender + "/" + token)
	if err := conn.AddMatchSignal(dbus.WithMatchInterface(requestIface), dbus.WithMatchMember("Response")); err != nil {
		return nil, ErrUnavailable
	}
	signals := make(chan *dbus.Signal, 8)
	conn.Signal(signals)
	defer conn.RemoveSignal(signals)

	method, opts := "OpenFile", options(r, token)
	if r.Save {
		method = "SaveFile"
	}
	var handle dbus.ObjectPath
	if err := portal.CallWithContext(ctx, chooserIface+"."+method, 0, parent(r), r.Title, opts).Store(&handle); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, ErrUnavailable
	}
	for {
		select {
		case <-ctx.Done():
			// Close the dialog on the screen too.
			closeCtx, stop := context.WithTimeout(context.Background(), probeTimeout)
			conn.Object(portalName, handle).CallWithContext(closeCtx, requestIface+".Close", 0)
			stop()
			return nil, ctx.Err()
		case s, ok := <-signals:
			if !ok {
				return nil, ErrUnavailable
			}
			if s.Name != requestIface+".Response" || (s.Path != handle && s.Path != want) {
				continue
			}
			return answer(s.Body)
		}
	}
}

// options are the call's a{sv}.
func options(r Request, token string) map[string]dbus.Variant {
	o := map[string]dbus.Variant{
		"handle_token": dbus.MakeVariant(token),
		"modal":        dbus.MakeVariant(true),
	}
	if r.AcceptLabel != "" {
		o["accept_label"] = dbus.MakeVariant(r.AcceptLabel)
	}
	if r.Multiple && !r.Save {
		o["multiple"] = dbus.MakeVariant(true)
	}
	if r.Directory && !r.Save {
		// FileChooser version 3 and later; older portals show files,
		// so ask returns ErrUnavailable for them (minDirectoryVersion).
		o["directory"] = dbus.MakeVariant(true)
	}
	if r.Folder != "" {
		// A byte string ending in NUL, not a URI.
		o["current_folder"] = dbus.MakeVariant(append([]byte(r.Folder), 0))
	}
	if r.Save && r.Name != "" {
		o["current_name"] = dbus.MakeVariant(r.Name)
	}
	if len(r.Filters) > 0 {
		type rule struct {
			Kind    uint32 // 0: a glob pattern
			Pattern string
		}
		type filter struct {
			Name  string
			Rules []rule
		}
		var fs []filter
		for _, f := range r.Filters {
			x := filter{Name: f.Name}
			for _, p := range f.Patterns {
				x.Rules = append(x.Rules, rule{0, p})
			}
			fs = append(fs, x)
		}
		o["filters"] = dbus.MakeVariant(fs)
	}
	return o
}

// parent names the window for the portal ("x11:<hex id>"); a Wayland
// surface cannot be named without an exported handle, so none is given.
func parent(r Request) string {
	if r.Parent == 0 || r.Wayland {
		return ""
	}
	return fmt.Sprintf("x11:%x", r.Parent)
}

// answer reads the Response signal's (u response, a{sv} results).
func answer(body []any) ([]string, error) {
	if len(body) != 2 {
		return nil, fmt.Errorf("filechooser: unexpected answer %v", body)
	}
	code, _ := body[0].(uint32)
	if code != responseOK {
		// Cancelled (1) or ended another way (2): nothing chosen.
		return nil, nil
	}
	results, _ := body[1].(map[string]dbus.Variant)
	uris, _ := results["uris"].Value().([]string)
	var paths []string
	for _, u := range uris {
		p, err := uriPath(u)
		if err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// uriPath turns the portal's file:// URI into a path.
func uriPath(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", fmt.Errorf("filechooser: not a local file: %q", s)
	}
	return u.Path, nil
}

func newToken() string {
	b := make([]byte, 8)
	rand.Read(b)
	return "leakdesk" + hex.EncodeToString(b)
}
