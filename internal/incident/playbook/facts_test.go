package playbook

import (
	"reflect"
	"testing"

	"leakdesk/internal/facts"
)

// rawTexts are the wordings as written in this package, before the
// register's facts are filled in: the steps, the notes Plan adds and the
// questions.
func rawTexts() map[string]any {
	return map[string]any{
		"rawSteps":  rawSteps(),
		"Questions": Questions(),
		"notes": []Text{policeWhyBase(), policeOptionalNote(), policeFraudNote(), policePostedNote(),
			policeHarassmentNote(), policeInsiderNote(), policeInsiderKnownNote(), policeWhyGeneric(),
			postedEvidenceNote(), facePhotoNote(), passwordNote()},
	}
}

// §6 of issue 9: every article number, hotline, address and institution
// name in the playbook is a placeholder of the facts register, never
// written inline, and never an UNVERIFIED fact.
func TestWordingCitesOnlyTheRegister(t *testing.T) {
	for name, v := range rawTexts() {
		walkTexts(reflect.ValueOf(v), name, func(path string, tx Text) {
			for _, s := range []string{tx.ZH, tx.EN} {
				for _, p := range facts.CheckSource(s) {
					t.Errorf("%s: %q: %s", path, p.Text, p.Reason)
				}
			}
		})
	}
}

// What a user sees (every step, and the plans of many answer sets) holds
// no legal reference that is not a printable register fact.
func TestShownTextChecksAgainstTheRegister(t *testing.T) {
	shown := everything()
	for i, a := range answerSets() {
		shown["plan"+string(rune('A'+i%26))+string(rune('a'+i/26))] = Plan(a)
	}
	checked := map[string]bool{} // plans share most texts: check each once
	for name, v := range shown {
		walkTexts(reflect.ValueOf(v), name, func(path string, tx Text) {
			for _, s := range []string{tx.ZH, tx.EN} {
				if checked[s] {
					continue
				}
				checked[s] = true
				for _, p := range facts.Check(s) {
					t.Errorf("%s: %q: %s", path, p.Text, p.Reason)
				}
			}
		})
	}
}

// answerSets covers every source kind, with and without a named
// organisation, each "happened" answer alone and none, and each insider
// answer.
func answerSets() []Answers {
	var out []Answers
	happened := [][]string{nil, {"breach-notice"}}
	for _, o := range Questions()[1].Options {
		happened = append(happened, []string{o.Key})
	}
	kinds := []string{""}
	for _, o := range SourceKinds() {
		kinds = append(kinds, o.Key)
	}
	for _, k := range kinds {
		for _, org := range []string{"", "某机构"} {
			for i, h := range happened {
				ins := []string{"", "known", "yes", "no", "unsure"}[i%5]
				out = append(out, Answers{Leaked: []string{"passwords", "face-photo", "bank-card", "id-number"}[i%4 : i%4+1],
					Happened: h, SourceKind: k, SourceOrg: org, Insider: ins})
			}
		}
	}
	return out
}
