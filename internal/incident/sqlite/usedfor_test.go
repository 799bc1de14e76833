package sqlite

import (
	"reflect"
	"testing"
)

// Issue 9: what each leaked item was used for is kept with the other intake
// answers (the sealed meta; TestSealedStoreHidesWhatIdentifies checks it is
// not in the clear) and comes back as answered.
func TestUsedForKeptWithTheAnswers(t *testing.T) {
	_, svc, f := encryptedFullCase(t, t.TempDir())
	c, err := svc.Case(t.Context(), f.id)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string][]string{"health": {"posted"}}; !reflect.DeepEqual(c.Intake.UsedFor, want) {
		t.Errorf("used_for came back as %v, want %v", c.Intake.UsedFor, want)
	}
}
