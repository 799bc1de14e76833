//go:build linux

package filechooser

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"leakdesk/internal/ui/dbustest"
)

// fakePortal answers as xdg-desktop-portal does: the call returns the
// request's path, and the answer comes as its Response signal.
type fakePortal struct {
	conn     *dbus.Conn
	response uint32
	uris     []string
	hold     bool   // never answer (the user is still choosing)
	version  uint32 // the FileChooser version it reports; 0: 4

	mu      sync.Mutex
	method  string
	parent  string
	title   string
	opts    map[string]dbus.Variant
	closed  bool
	handles []dbus.ObjectPath
}

func (f *fakePortal) call(method string, sender dbus.Sender, parent, title string, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	token, _ := opts["handle_token"].Value().(string)
	h := dbus.ObjectPath("/org/freedesktop/portal/desktop/request/" + strings.ReplaceAll(strings.TrimPrefix(string(sender), ":"), ".", "_") + "/" + token)
	f.mu.Lock()
	f.method, f.parent, f.title, f.opts = method, parent, title, opts
	f.handles = append(f.handles, h)
	f.mu.Unlock()
	f.conn.Export(&fakeRequest{f}, h, requestIface)
	if !f.hold {
		go f.conn.Emit(h, requestIface+".Response", f.response, map[string]dbus.Variant{"uris": dbus.MakeVariant(f.uris)})
	}
	return h, nil
}

func (f *fakePortal) OpenFile(sender dbus.Sender, parent, title string, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	return f.call("OpenFile", sender, parent, title, opts)
}

func (f *fakePortal) SaveFile(sender dbus.Sender, parent, title string, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	return f.call("SaveFile", sender, parent, title, opts)
}

type fakeRequest struct{ f *fakePortal }

func (r *fakeRequest) Close() *dbus.Error {
	r.f.mu.Lock()
	r.f.closed = true
	r.f.mu.Unlock()
	return nil
}

type fakeProps struct{ version uint32 }

func (p fakeProps) Get(iface, name string) (dbus.Variant, *dbus.Error) {
	if iface == chooserIface && name == "version" {
		return dbus.MakeVariant(p.version), nil
	}
	return dbus.Variant{}, dbus.MakeFailedError(errors.New("no such property"))
}

// servePortal puts a fake portal on the bus at addr.
func servePortal(t *testing.T, addr string, f *fakePortal) {
	t.Helper()
	f.conn = dbustest.Connect(t, addr)
	if err := f.conn.Export(f, portalPath, chooserIface); err != nil {
		t.Fatal(err)
	}
	version := f.version
	if version == 0 {
		version = 4
	}
	if err := f.conn.Export(fakeProps{version}, portalPath, "org.freedesktop.DBus.Properties"); err != nil {
		t.Fatal(err)
	}
	if reply, err := f.conn.RequestName(portalName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("taking the portal's name: %v %v", reply, err)
	}
}

func TestAskThroughPortal(t *testing.T) {
	for _, tc := range []struct {
		name     string
		req      Request
		response uint32
		uris     []string
		want     []string
		method   string
		check    func(t *testing.T, opts map[string]dbus.Variant, parent string)
	}{
		{
			name:     "several files to read, names with spaces and Chinese",
			req:      Request{Title: "添加证据", Multiple: true, Folder: "/home/王芳/图片", Parent: 0x3a00007, Filters: []Filter{{"图片", []string{"*.jpg", "*.png"}}}},
			response: 0,
			uris:     []string{"file:///home/%E7%8E%8B%E8%8A%B3/%E5%9B%BE%E7%89%87/call%201.jpg", "file:///tmp/b.png"},
			want:     []string{"/home/王芳/图片/call 1.jpg", "/tmp/b.png"},
			method:   "OpenFile",
			check: func(t *testing.T, opts map[string]dbus.Variant, parent string) {
				if parent != "x11:3a00007" {
					t.Errorf("parent %q", parent)
				}
				if m, _ := opts["multiple"].Value().(bool); !m {
					t.Error("multiple not asked")
				}
				if f, _ := opts["current_folder"].Value().([]byte); string(f) != "/home/王芳/图片\x00" {
					t.Errorf("current_folder %q", f)
				}
				if !strings.Contains(opts["filters"].String(), "*.png") {
					t.Errorf("filters %s", opts["filters"])
				}
			},
		},
		{
			name:     "where to save, with a suggested name",
			req:      Request{Title: "保存材料", Save: true, Name: "报案材料.pdf", Multiple: true},
			response: 0,
			uris:     []string{"file:///home/u/Documents/%E6%8A%A5%E6%A1%88%E6%9D%90%E6%96%99.pdf"},
			want:     []string{"/home/u/Documents/报案材料.pdf"},
			method:   "SaveFile",
			check: func(t *testing.T, opts map[string]dbus.Variant, parent string) {
				if n, _ := opts["current_name"].Value().(string); n != "报案材料.pdf" {
					t.Errorf("current_name %q", n)
				}
				if _, ok := opts["multiple"]; ok {
					t.Error("a save dialog was asked for several files")
				}
				if parent != "" {
					t.Errorf("parent %q without a window", parent)
				}
			},
		},
		{
			name:   "a folder",
			req:    Request{Title: "选择文件夹", Directory: true},
			uris:   []string{"file:///home/u/%E6%9D%90%E6%96%99"},
			want:   []string{"/home/u/材料"},
			method: "OpenFile",
			check: func(t *testing.T, opts map[string]dbus.Variant, parent string) {
				if d, _ := opts["directory"].Value().(bool); !d {
					t.Error("directory not asked")
				}
			},
		},
		{name: "cancelled", req: Request{Title: "x"}, response: 1, want: nil, method: "OpenFile"},
		{name: "ended otherwise", req: Request{Title: "x"}, response: 2, want: nil, method: "OpenFile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := dbustest.PrivateBus(t)
			f := &fakePortal{response: tc.response, uris: tc.uris}
			servePortal(t, addr, f)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			got, err := askOn(ctx, dbustest.Connect(t, addr), tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("paths %q, want %q", got, tc.want)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.method != tc.method || f.title != tc.req.Title {
				t.Errorf("called %s %q", f.method, f.title)
			}
			if tc.check != nil {
				tc.check(t, f.opts, f.parent)
			}
		})
	}
}

// No portal on the bus: the caller is told to show its own dialog, at
// once rather than after the call's timeout.
func TestAskWithoutPortal(t *testing.T) {
	addr := dbustest.PrivateBus(t)
	start := time.Now()
	_, err := askOn(context.Background(), dbustest.Connect(t, addr), Request{Title: "x"})
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err %v, want ErrUnavailable", err)
	}
	if d := time.Since(start); d > probeTimeout {
		t.Errorf("took %v", d)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
	if _, err := Ask(context.Background(), Request{}); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("no session bus: %v", err)
	}
}

// A portal too old to choose folders (FileChooser before version 3) is
// not asked for one: it would show files.
func TestAskFolderNeedsPortalVersion3(t *testing.T) {
	addr := dbustest.PrivateBus(t)
	f := &fakePortal{version: 2}
	servePortal(t, addr, f)
	if _, err := askOn(context.Background(), dbustest.Connect(t, addr), Request{Directory: true}); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err %v, want ErrUnavailable", err)
	}
	if f.method != "" {
		t.Errorf("the portal was asked (%s)", f.method)
	}
}

// The app locking while the dialog is open closes the dialog.
func TestAskCancelledClosesDialog(t *testing.T) {
	addr := dbustest.PrivateBus(t)
	f := &fakePortal{hold: true}
	servePortal(t, addr, f)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := askOn(ctx, dbustest.Connect(t, addr), Request{Title: "x"})
		done <- err
	}()
	deadline := time.Now().Add(5 * time.Second)
	for {
		f.mu.Lock()
		n := len(f.handles)
		f.mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the dialog was never asked for")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.closed {
		t.Error("the portal's request was not closed")
	}
}

func TestURIPath(t *testing.T) {
	for _, s := range []string{"https://example.com/a", "file://", "::"} {
		if _, err := uriPath(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}
