package incident

import (
	"context"
	"fmt"
	"strings"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident/severity"
)

// MatterReading is the matter's severity reading (issue 13): the police
// add up the records of every victim by category (法释〔2017〕10号 Art. 11,
// cn-facts §2.2), so the matter's reading runs the same calculator on the
// totals of its cases. It rests on the counts alone: the other factors
// (an insider, gains, a prior offence, a use for crime) are each victim's
// own answers about what she knows, and stay in her own reading.
type MatterReading struct {
	Victims int // cases whose records were added up
	// WithRecords is how many of them have counted records.
	WithRecords int
	Categories  []CategoryTotal
	Result      severity.Result
	// BasisZH/EN say why records are added up: Art. 11, from the register.
	BasisZH, BasisEN string
}

// CategoryTotal is the records of one category across the victims.
type CategoryTotal struct {
	Key            string
	NameZH, NameEN string
	Total          int64
	// Parts are each victim's records of the category, in the order the
	// victims are listed.
	Parts []VictimCount
}

// VictimCount is one victim's records of a category.
type VictimCount struct {
	CaseID int64
	Victim string // the victim's name; "" when not given
	Count  int64
}

// Label names the victim for the breakdown: her name, else the case number.
func (v VictimCount) Label() string {
	if v.Victim != "" {
		return v.Victim
	}
	return Case{ID: v.CaseID}.CaseNumber()
}

// JointReading adds up the leaked records of the given cases by category
// and reads the totals. The per-victim reading (SeverityInput) is not
// changed by it.
func JointReading(files []*CaseFile) (MatterReading, error) {
	r := MatterReading{Victims: len(files),
		BasisZH: facts.Expand("zh", "依照{interp2017.art11@formal}，对多名被害人的个人信息条数累计计算。"),
		BasisEN: facts.Expand("en", "Under {interp2017.art11}, the records of several victims are counted together.")}
	in := severity.Input{Counts: map[string]int64{}}
	byKey := map[string]*CategoryTotal{}
	for _, cf := range files {
		had := false
		for _, l := range cf.Leaked {
			if l.Count <= 0 {
				continue
			}
			had = true
			in.Counts[l.Category] += l.Count
			ct := byKey[l.Category]
			if ct == nil {
				ct = &CategoryTotal{Key: l.Category}
				byKey[l.Category] = ct
			}
			ct.Total += l.Count
			if n := len(ct.Parts); n > 0 && ct.Parts[n-1].CaseID == cf.Case.ID {
				ct.Parts[n-1].Count += l.Count
			} else {
				ct.Parts = append(ct.Parts, VictimCount{CaseID: cf.Case.ID, Victim: cf.Case.Victim.Name, Count: l.Count})
			}
		}
		if had {
			r.WithRecords++
		}
	}
	in.Victims = len(files)
	for _, c := range severity.Categories() {
		if ct := byKey[c.Key]; ct != nil {
			ct.NameZH, ct.NameEN = c.NameZH, c.NameEN
			r.Categories = append(r.Categories, *ct)
		}
	}
	res, err := severity.Assess(in)
	if err != nil {
		return r, Errorf(CodeInvalid, "泄露信息的条数无法合计。", "The leaked records cannot be added up.", err)
	}
	r.Result = res
	return r, nil
}

// Summary says in one paragraph how many victims and which records the
// reading adds up, and what it reads.
func (r MatterReading) Summary(lang string) string {
	var parts []string
	for _, c := range r.Categories {
		var who []string
		for _, p := range c.Parts {
			if lang == "en" {
				who = append(who, fmt.Sprintf("%s %d", p.Label(), p.Count))
			} else {
				who = append(who, fmt.Sprintf("%s %d 条", p.Label(), p.Count))
			}
		}
		if lang == "en" {
			parts = append(parts, fmt.Sprintf("%s: %d records (%s)", c.NameEN, c.Total, strings.Join(who, ", ")))
		} else {
			parts = append(parts, fmt.Sprintf("%s共 %d 条（%s）", c.NameZH, c.Total, strings.Join(who, "、")))
		}
	}
	if lang == "en" {
		s := fmt.Sprintf("%d victims; %d of them have counted records. ", r.Victims, r.WithRecords)
		if len(parts) == 0 {
			s += "No records are counted yet. "
		} else {
			s += strings.Join(parts, "; ") + ". "
		}
		return s + r.BasisEN + " " + r.Result.HeadlineEN + "."
	}
	s := fmt.Sprintf("共 %d 名受害人，其中 %d 人登记了泄露信息的条数。", r.Victims, r.WithRecords)
	if len(parts) == 0 {
		s += "还没有登记任何条数。"
	} else {
		s += strings.Join(parts, "；") + "。"
	}
	return s + r.BasisZH + r.Result.HeadlineZH + "。"
}

// MatterAssess is the severity reading of the matter's live cases.
// Errors: CodeNotFound.
func (s *Service) MatterAssess(ctx context.Context, matterID int64) (MatterReading, error) {
	files, err := s.matterFiles(ctx, matterID, false)
	if err != nil {
		return MatterReading{}, err
	}
	return JointReading(files)
}

// matterFiles loads the case files of a matter's live cases, in the order
// they joined; with consentedOnly, only those whose victim agreed to the
// joint documents.
func (s *Service) matterFiles(ctx context.Context, matterID int64, consentedOnly bool) ([]*CaseFile, error) {
	mf, err := s.Matter(ctx, matterID)
	if err != nil {
		return nil, err
	}
	var out []*CaseFile
	for _, c := range mf.Cases {
		cf, err := s.CaseFile(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		if consentedOnly && cf.Case.JointConsent.IsZero() {
			continue
		}
		out = append(out, cf)
	}
	return out, nil
}
