package ui

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2/test"

	"leakdesk/internal/incident"
)

// checksNamed are the check boxes labelled text on screen, in layout order.
func checksNamed(h *harness, text string) []*wizCheck {
	var out []*wizCheck
	for _, o := range test.LaidOutObjects(h.w.Content()) {
		if c, ok := o.(*wizCheck); ok && c.Text == text {
			out = append(out, c)
		}
	}
	return out
}

// Issue 9: the "What has happened" screen asks, for each item ticked as
// leaked, what it was used for; the answers are kept with the others and
// shown again when the questions are answered again. Not answering is fine.
func TestIntakeAsksWhatEachItemWasUsedFor(t *testing.T) {
	h := newHarness(t, "en")
	id := h.newCase("Loan", "李建国", incident.Intake{Leaked: []string{"phone", "id-number"},
		Happened: []string{"loan-in-name"}, SourceKind: "telecom", Insider: "no"})
	h.u.rerunIntake(id)
	root := h.w.Content()
	test.Tap(h.button(root, "Next"))
	if !hasLabel(h.w.Content(), "If you know: what was each item used for?") {
		t.Fatal("the happened screen does not ask what the items were used for")
	}
	// One row per leaked item, in the first question's order: ID, then phone.
	loan, harass := checksNamed(h, "A loan or card in my name"), checksNamed(h, "To harass or threaten me")
	if len(loan) != 2 || len(harass) != 2 {
		t.Fatalf("%d/%d use checks, want one per leaked item (2)", len(loan), len(harass))
	}
	test.Tap(loan[0])   // ID number → loan
	test.Tap(harass[1]) // phone → harassment
	for range 4 {
		test.Tap(h.button(h.w.Content(), "Next"))
	}
	test.Tap(h.button(h.w.Content(), "Update my plan"))
	c, err := h.svc.Case(h.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"id-number": {"loan"}, "phone": {"harassment"}}
	if !reflect.DeepEqual(c.Intake.UsedFor, want) {
		t.Fatalf("used for stored as %v, want %v", c.Intake.UsedFor, want)
	}

	// Asked again: the answers are shown; unticking the phone as leaked
	// drops its use.
	h.u.rerunIntake(id)
	test.Tap(h.check("Mobile number"))
	test.Tap(h.button(h.w.Content(), "Next"))
	if loan = checksNamed(h, "A loan or card in my name"); len(loan) != 1 || !loan[0].Checked {
		t.Fatalf("the earlier use is not shown (%d checks)", len(loan))
	}
	for range 5 {
		if b := find(h.w.Content(), func(b *enterButton) bool { return b.Text == "Next" }); b != nil {
			test.Tap(b)
		}
	}
	test.Tap(h.button(h.w.Content(), "Update my plan"))
	if c, _ = h.svc.Case(h.ctx, id); !reflect.DeepEqual(c.Intake.UsedFor, map[string][]string{"id-number": {"loan"}}) {
		t.Fatalf("after unticking the phone, used for is %v", c.Intake.UsedFor)
	}
}
