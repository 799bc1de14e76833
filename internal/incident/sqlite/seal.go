package sqlite

import (
	"fmt"
	"strconv"

	"leakdesk/internal/incident"
)

// Sealer is the one seam every piece of personal content passes through on
// its way into and out of the store. The vault will seal with an AEAD and
// bind table, column, case and row as associated data, so a value copied to
// another row, column or case fails to open.
//
// Sealed columns (all BLOB):
//
//	cases:          title, victim_name, victim_id_number, victim_phone,
//	                victim_address, narrative, source_org, source_addr,
//	                intake_source_org
//	leaked_data:    description, meta
//	account:        service, login, exposed, notes, meta (the flags)
//	step:           title, why, notes, organisation, reference, meta
//	                (kind, channel, completion time, estimate flag)
//	communication:  counterpart, summary, reference, meta (time,
//	                direction, channel)
//	exhibit:        title, source, proves, file_name, record_number,
//	                record_url, record_text
//	exhibit_transcript: body (the JSON of incident.Transcript)
//	exhibit_chunk:  data — column "data.N" for chunk N (0-based) and rowID
//	                the exhibit's id, so chunks cannot be swapped or reordered
//	event:          data (the JSON of Event.Data), meta (time, kind, subject)
//	case_manifest:  body (encrypted stores only, manifest.go)
//	matter:         title, respondent_name, respondent_addr, meta (kind,
//	                contacts) — caseID 0: a matter is no one case's, so
//	                it is sealed under the vault key, like settings
//
// For the cases table caseID and rowID are both the case's id. The row id
// is allocated before sealing, so it is known on insert.
//
// Seal must not keep plain after it returns (the store reuses the buffer);
// Open returns a new slice. Either may return an *incident.Error (e.g.
// CodeLocked) that the store passes on unchanged.
type Sealer interface {
	Seal(table, column string, caseID, rowID int64, plain []byte) ([]byte, error)
	Open(table, column string, caseID, rowID int64, sealed []byte) ([]byte, error)
}

// Identity stores content as given: the sealer until encryption at rest.
type Identity struct{}

// Seal returns plain.
func (Identity) Seal(_, _ string, _, _ int64, plain []byte) ([]byte, error) { return plain, nil }

// Open returns sealed.
func (Identity) Open(_, _ string, _, _ int64, sealed []byte) ([]byte, error) { return sealed, nil }

func chunkColumn(seq int64) string { return "data." + strconv.FormatInt(seq, 10) }

// seal seals a string column; the result is never nil, so the NOT NULL
// BLOB columns receive an empty blob rather than NULL.
func (t *tx) seal(table, col string, caseID, rowID int64, v string) ([]byte, error) {
	b, err := t.sealer.Seal(table, col, caseID, rowID, []byte(v))
	if err != nil {
		return nil, sealErr(err, table, col, rowID)
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}

func (t *tx) open(table, col string, caseID, rowID int64, raw []byte) (string, error) {
	b, err := t.sealer.Open(table, col, caseID, rowID, raw)
	if err != nil {
		return "", sealErr(err, table, col, rowID)
	}
	return string(b), nil
}

func sealErr(err error, table, col string, rowID int64) error {
	if _, ok := err.(*incident.Error); ok {
		return err
	}
	return incident.Errorf(incident.CodeDamaged,
		fmt.Sprintf("一条记录未通过完整性校验（%s.%s，编号 %d）。", table, col, rowID),
		fmt.Sprintf("A record failed its integrity check (%s.%s, id %d).", table, col, rowID), err)
}
