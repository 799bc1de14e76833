package incident

import (
	"context"
	"hash"
	"io"
	"sync"
	"time"
)

// Store keeps cases. Every user action runs in one Update; the function may
// run only once and its error rolls everything back.
type Store interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
	// Backup writes a checked, consistent snapshot of the whole store to path.
	Backup(ctx context.Context, path string) error
	Close() error
}

// CaseQuery filters the case list. Text search happens in the service, in
// memory, because personal content may be sealed in the store.
type CaseQuery struct {
	IncludeDeleted bool
	// DeletedOnly lists only cases waiting to be purged (or restored).
	DeletedOnly bool
	// Matter, when not 0, lists only that matter's undeleted cases.
	Matter int64
}

// Tx is one transaction. Get* return a *Error with CodeNotFound when the
// record is missing. Save* insert when the ID is 0 (and set it) or update.
type Tx interface {
	CreateCase(c *Case) error
	UpdateCase(c *Case) error
	GetCase(id int64) (*Case, error)
	// ListCases returns summaries without Overdue (the service knows now).
	ListCases(q CaseQuery) ([]CaseSummary, error)
	// DeleteCase removes a case and everything it holds, events and evidence included.
	DeleteCase(id int64) error

	SaveLeaked(l *LeakedData) error
	DeleteLeaked(id int64) error
	GetLeaked(id int64) (*LeakedData, error)
	ListLeaked(caseID int64) ([]LeakedData, error)

	SaveAccount(a *Account) error
	DeleteAccount(id int64) error
	GetAccount(id int64) (*Account, error)
	ListAccounts(caseID int64) ([]Account, error)

	SaveStep(s *Step) error
	DeleteStep(id int64) error
	GetStep(id int64) (*Step, error)
	ListSteps(caseID int64) ([]Step, error)

	SaveCommunication(c *Communication) error
	DeleteCommunication(id int64) error
	GetCommunication(id int64) (*Communication, error)
	ListCommunications(caseID int64) ([]Communication, error)

	// SaveExhibit writes the exhibit's metadata and links (not its bytes).
	SaveExhibit(e *Exhibit) error
	DeleteExhibit(id int64) error
	GetExhibit(id int64) (*Exhibit, error)
	ListExhibits(caseID int64) ([]Exhibit, error)
	// WriteExhibitContent stores r's bytes for the exhibit in chunks of at
	// most ChunkSize, replacing nothing: an exhibit's content is written once.
	WriteExhibitContent(exhibitID int64, r io.Reader) (int64, error)
	// ReadExhibitContent streams the stored bytes to w.
	ReadExhibitContent(exhibitID int64, w io.Writer) (int64, error)
	// ReadExhibitChunk returns the opened bytes of one stored chunk (0-based);
	// CodeNotFound when the exhibit has no such chunk.
	ReadExhibitChunk(exhibitID, seq int64) ([]byte, error)

	AppendEvent(e *Event) error
	// LastEvent returns the newest event of a case; ok is false when it has none.
	LastEvent(caseID int64) (e Event, ok bool, err error)
	ListEvents(caseID int64) ([]Event, error)
	// ChainHash returns the hash a case's event chain uses: HMAC-SHA256
	// under a key of the case in an encrypted store (so no stored hash is
	// an oracle for the sealed data without the key; CodeLocked while
	// locked), plain SHA-256 otherwise.
	ChainHash(caseID int64) (func() hash.Hash, error)
	// CheckCase compares a case as stored with the manifest written at its
	// last change (an encrypted store keeps one per case): nil when they
	// match or the store keeps none, else a CodeDamaged error saying what
	// differs (rows put back, removed or replaced by older copies).
	// Errors: CodeLocked.
	CheckCase(caseID int64) (*Error, error)

	// FollowUps lists steps with a follow-up date in open, undeleted cases
	// whose status is not finished, ordered by date.
	FollowUps() ([]FollowUp, error)

	// Matters (issue 13): several victims' cases against one respondent.
	// A matter's personal values are sealed at the vault level.
	CreateMatter(m *Matter) error
	UpdateMatter(m *Matter) error
	GetMatter(id int64) (*Matter, error)
	// ListMatters returns every matter with its number of live cases,
	// most recently changed first.
	ListMatters() ([]MatterSummary, error)
	// DeleteMatter removes a matter; its cases stay, in no matter.
	DeleteMatter(id int64) error
	// SetCaseMatter puts a case in a matter (0: in none).
	SetCaseMatter(caseID, matterID int64, at time.Time) error
	// CaseMatter is the matter a case belongs to, 0 for none.
	CaseMatter(caseID int64) (int64, error)
	// MatterCaseIDs lists the cases of a matter, deleted ones included,
	// in the order they joined.
	MatterCaseIDs(matterID int64) ([]int64, error)

	Setting(key string) (value string, ok bool, err error)
	SetSetting(key, value string) error
}

// ChunkSize bounds one stored piece of evidence and so the memory an import uses.
const ChunkSize = 1 << 20

// Clock gives the time; injected so tests and deadline maths are repeatable.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time in UTC, truncated to seconds as stored.
func (SystemClock) Now() time.Time { return time.Now().UTC().Truncate(time.Second) }

// FixedClock always returns T; for tests and deterministic exports.
type FixedClock struct{ T time.Time }

// Now returns the fixed time.
func (c FixedClock) Now() time.Time { return c.T }

// ManualClock is a clock moved by hand, safe to read from other goroutines
// while it is set (the app's timers read it); for tests of time-dependent
// behaviour across packages.
type ManualClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewManualClock starts a manual clock at t.
func NewManualClock(t time.Time) *ManualClock { return &ManualClock{t: t} }

// Now returns the time last set.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}
