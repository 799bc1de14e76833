//go:build ignore

// bench-matter fills a store for scripts/bench-joint.sh: one matter of
// VICTIMS victims against one respondent, each with her answers, a count of
// leaked records, her consent to the joint documents and EXHIBITS distinct
// phone-photo-like JPEGs (WIDTH×HEIGHT), so that the joint police document
// lists VICTIMS×EXHIBITS exhibits. It prints the matter's ID.
//
//	go run scripts/bench-matter.go DATADIR VICTIMS EXHIBITS WIDTH HEIGHT
package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
	"leakdesk/internal/report/reporttest"
)

func main() {
	if len(os.Args) != 6 {
		fmt.Fprintln(os.Stderr, "usage: bench-matter DATADIR VICTIMS EXHIBITS WIDTH HEIGHT")
		os.Exit(2)
	}
	n := make([]int, 4)
	for i := range n {
		n[i], _ = strconv.Atoi(os.Args[i+2])
	}
	if err := run(os.Args[1], n[0], n[1], n[2], n[3]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(dir string, victims, exhibits, w, h int) error {
	st, err := sqlite.Open(dir, sqlite.Options{NoAutoBackup: true})
	if err != nil {
		return err
	}
	defer st.Close()
	svc := incident.NewService(st, nil)
	ctx := context.Background()
	mid, err := svc.CreateMatter(ctx, incident.Matter{Title: "某楼盘业主信息泄露", Respondent: incident.Respondent{Name: "某房地产开发有限公司",
		Addr: "某市某区某路1号", Kind: incident.SourceRealEstate, Contacts: []string{"0755-12345678"}}})
	if err != nil {
		return err
	}
	seed := int64(0)
	for v := 1; v <= victims; v++ {
		id, err := svc.CreateCase(ctx, incident.Case{Title: "购房信息泄露", Victim: incident.Victim{Name: fmt.Sprintf("业主%03d", v),
			Phone: fmt.Sprintf("139%08d", v), Address: fmt.Sprintf("某市某区某小区%d幢", v)},
			Narrative: "购房后不断接到装修、贷款推销电话，对方知道我的姓名、房号和电话。", DiscoveredAt: time.Now().AddDate(0, 0, -20)})
		if err != nil {
			return err
		}
		if _, err := svc.RunIntake(ctx, id, incident.Intake{Leaked: []string{"name", "phone", "address"}, Happened: []string{"harassment"},
			SourceKind: string(incident.SourceRealEstate), SourceOrg: "某房地产开发有限公司", Insider: "unsure"}); err != nil {
			return err
		}
		if err := svc.AddCaseToMatter(ctx, mid, id); err != nil {
			return err
		}
		l := incident.LeakedData{CaseID: id, Category: "property", Description: "购房合同信息", Count: 1}
		if err := svc.SaveLeaked(ctx, &l, incident.ValidCategory); err != nil {
			return err
		}
		if err := svc.SetJointConsent(ctx, id, true); err != nil {
			return err
		}
		for e := 1; e <= exhibits; e++ {
			seed++
			b := reporttest.Photo(w, h, seed)
			if _, err := svc.AddExhibit(ctx, id, fmt.Sprintf("photo%02d.jpg", e), bytes.NewReader(b), int64(len(b)),
				incident.ImportOptions{Title: fmt.Sprintf("推销电话截图%d", e), Source: "本人手机截屏"}); err != nil {
				return err
			}
		}
	}
	fmt.Println(mid)
	return nil
}
