// Package severity gives a reference reading of whether a personal-information
// leak reaches the "serious" (情节严重) or "especially serious" (情节特别严重)
// circumstances of Criminal Law Art. 253-1, using Art. 5 of the 2017 judicial
// interpretation (法释〔2017〕10号).
//
// It exists to tell a frightened victim whether a police report is likely to
// be worth making and what to stress in it. It is never a legal conclusion:
// every result says so, and says that the police decide.
package severity

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"leakdesk/internal/facts"
)

// Verdict is the reference outcome of Assess.
type Verdict string

const (
	Below             Verdict = "below"
	Serious           Verdict = "serious"
	EspeciallySerious Verdict = "especially-serious"
)

// Category is one kind of personal information with the item count at which
// Art. 5 para 1 items (3)–(5) treat it as serious.
type Category struct {
	Key            string
	Standard       int64
	NameZH, NameEN string
}

// Trigger keys, in the order the text lists the items. A 10× item of para 2
// carries the "-10x" suffix so the UI can tell the two verdicts apart by key.
const (
	TriggerLocationUsedForCrime = "location-used-for-crime" // para 1 (1)
	TriggerUsedForCrime         = "used-for-crime"          // para 1 (2)
	TriggerCount                = "count"                   // para 1 (3)–(6)
	TriggerGains                = "gains"                   // para 1 (7)
	TriggerInsiderCount         = "insider-count"           // para 1 (8), counts
	TriggerInsiderGains         = "insider-gains"           // para 1 (8), gains
	TriggerPriorOffence         = "prior-offence"           // para 1 (9)
	TriggerSevereConsequence    = "severe-consequence"      // para 2 (1)
	TriggerMajorLoss            = "major-loss"              // para 2 (2)
	TriggerCount10x             = "count-10x"               // para 2 (3) × para 1 (3)–(6)
	TriggerGains10x             = "gains-10x"               // para 2 (3) × para 1 (7)
	TriggerInsiderCount10x      = "insider-count-10x"       // para 2 (3) × para 1 (8)
	TriggerInsiderGains10x      = "insider-gains-10x"       // para 2 (3) × para 1 (8)
)

// Categories returns the nine category keys with their Art. 5 para 1
// standards: items (3), (4) and (5) of the text.
func Categories() []Category {
	return []Category{
		{"location", 50, "行踪轨迹信息", "whereabouts / location tracks"},
		{"communication-content", 50, "通信内容", "content of communications"},
		{"credit", 50, "征信信息", "credit-reporting information"},
		{"property", 50, "财产信息", "property information"},
		{"lodging", 500, "住宿信息", "lodging (hotel stay) records"},
		{"communication-records", 500, "通信记录", "call and message records"},
		{"health", 500, "健康生理信息", "health and physiological information"},
		{"transaction", 500, "交易信息", "transaction records"},
		{"other", 5000, "其他个人信息", "other personal information"},
	}
}

// Money thresholds of para 1 item (7), in yuan.
const gainsStandard = 5000

// Input is what the user knows about the leak. Counts are records (条), and
// police add up records across victims (Art. 11), so a volunteer may enter
// totals for several people.
type Input struct {
	Counts           map[string]int64 // by category key
	GainsYuan        float64          // the leaker's illegal gains, if known
	Insider          bool             // obtained while performing duties or providing services (item 8)
	InsiderSuspected bool             // with Insider: the victim only suspects an insider, so texts word it as a supposition
	PriorOffence     bool             // criminal penalty for this offence, or administrative penalty within 2 years (item 9)
	// UsedForCrime: the leaked information was used by someone to commit a
	// crime. It alone makes no reading: item (1) needs the information used
	// to be whereabouts information and item (2) needs the provider to have
	// known of the criminal use, neither of which the app asks; the result
	// carries a note on both instead.
	UsedForCrime      bool
	SevereConsequence bool // death, serious injury, mental disorder, kidnapping
	MajorLoss         bool // major economic loss or vile social impact
	// Misused: the victim's answers say the information was used against
	// her (a scam contact, a loan in her name, money lost) without
	// UsedForCrime being set. It only words the open question on items (1)
	// and (2); it never makes a reading.
	Misused bool
	// Victims is how many victims' records Counts adds up (issue 13, a
	// matter's joint reading; 0 or 1: one victim's own). With several the
	// texts speak of these victims rather than of "you", and the reading
	// rests on the counts alone.
	Victims int
}

// Open is one fact a "below" reading depends on that the input does not
// settle: what is not known, and which answer would change the reading.
type Open struct {
	Key                string // OpenCount, OpenGains, …
	WhatZH, WhatEN     string // the fact nobody has entered
	ChangeZH, ChangeEN string // the answer that would make it "serious", with its threshold
}

// Keys of Open, in the order they are listed.
const (
	OpenCount    = "total-count"    // para 1 (3)–(6): the records of every victim together
	OpenGains    = "gains"          // para 1 (7)
	OpenInsider  = "insider"        // para 1 (8)
	OpenPrior    = "prior-offence"  // para 1 (9)
	OpenCrimeUse = "used-for-crime" // para 1 (1), (2)
)

// Result is the reference reading, with bilingual texts ready to show.
type Result struct {
	Verdict              Verdict
	Ratio                float64 // Σ count/standard, standards halved for insiders; ≥1 means the count threshold is met
	Trigger              string  // machine key of the first item met, "" when below
	TriggerZH, TriggerEN string
	BasisZH, BasisEN     string // legal basis with article and item numbers
	ExplanationZH        string // plain language; says it is a reference and the police decide
	ExplanationEN        string
	// NoteZH/EN explain items (1) and (2) when the information was used for
	// a crime; empty otherwise. ExplanationZH/EN include it.
	NoteZH, NoteEN string
	// HeadlineZH/EN is the reading in one line, for a heading. A "below"
	// verdict never says "not serious": a victim knows only her own
	// records, so it says the question is still open.
	HeadlineZH, HeadlineEN string
	// KnownZH/EN list what the reading rests on; Open lists what it does
	// not know and which answer would change it. Both are set for Below
	// only: a met threshold needs no more facts to be met.
	KnownZH, KnownEN []string
	Open             []Open
}

// The crime's article, from the facts register.
var (
	lawZH = facts.ZH("crl.art253-1")
	lawEN = facts.EN("crl.art253-1")
)

const (
	caveatZH    = "这只是根据你填写的内容做的参考，不是法律意见。是否构成犯罪、是否立案，由公安机关等办案机关根据调查到的证据决定。"
	caveatEN    = "This is only a reference based on what you entered, not legal advice. Whether it is a crime, and whether a case is opened, is decided by the police and other authorities on the evidence they gather."
	headBelowZH = "还不能判断是否达到“情节严重”：决定它的情况还不清楚"
	headBelowEN = "Not yet possible to say whether it is \"serious\": the facts that decide it are not known"
	headSerZH   = "可能达到“情节严重”：可能构成犯罪"
	headSerEN   = "May be \"serious circumstances\": possibly a crime"
	headEspZH   = "可能达到“情节特别严重”"
	headEspEN   = "May be \"especially serious circumstances\""
	belowZH     = "你知道的情况还不足以判断是否达到司法解释列出的“情节严重”标准。"
	belowEN     = "What you know is not enough to say whether the leak reaches the \"serious circumstances\" standards listed in the interpretation."
	belowTailZH = "警方会把多名受害人的记录合计，这些情况也可能被查明；即使不构成犯罪，出售或非法获取个人信息也可能受到治安或行政处罚。报警和投诉仍然值得考虑。"
	belowTailEN = "The police add up records across victims and may establish these facts; and selling or illegally obtaining personal information can be punished by the police or regulators even when it is not a crime. A police report and complaints are still worth considering."
	seriousZH   = "按你填写的内容，这次泄露可能达到“情节严重”，也就是可能构成侵犯公民个人信息罪（%s）。依据：%s。报警时请把这一点和相关证据讲清楚。"
	seriousEN   = "From what you entered, the leak may reach \"serious circumstances\", which means it may be the crime of infringing citizens' personal information (%s). Reason: %s. When you report to the police, explain this and bring the evidence for it."
	espZH       = "按你填写的内容，这次泄露可能达到“情节特别严重”（%s），这是该罪中更重的一档。依据：%s。请尽快报警，并把相关证据带上。"
	espEN       = "From what you entered, the leak may reach \"especially serious circumstances\" (%s), the heavier level of this crime. Reason: %s. Please report to the police soon and bring the evidence for it."
)

// Assess applies Art. 5 of 法释〔2017〕10号 to in. It returns an error for an
// unknown category key, a negative count, or negative or non-finite gains.
func Assess(in Input) (Result, error) {
	cats := Categories()
	byKey := make(map[string]Category, len(cats))
	for _, c := range cats {
		byKey[c.Key] = c
	}
	keys := make([]string, 0, len(in.Counts))
	for k := range in.Counts {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic error messages
	for _, k := range keys {
		if _, ok := byKey[k]; !ok {
			return Result{}, fmt.Errorf("severity: unknown category %q", k)
		}
		if in.Counts[k] < 0 {
			return Result{}, fmt.Errorf("severity: negative count %d for category %q", in.Counts[k], k)
		}
	}
	if in.GainsYuan < 0 || math.IsNaN(in.GainsYuan) || math.IsInf(in.GainsYuan, 0) {
		return Result{}, errors.New("severity: gains must be a finite number of yuan, zero or more")
	}

	// Exact integer arithmetic for the thresholds, so that 25 + 250 is
	// exactly 1.0 and 49 is never rounded up to 50. Every standard divides
	// 5000, so scaling by 5000/standard turns Σ count/standard ≥ k into an
	// integer comparison against 5000·k (2500·k with halved standards).
	var units int64
	var plainRatio float64
	var best Category // the category closest to its own standard
	var bestN int64
	for _, c := range cats {
		n := in.Counts[c.Key]
		units = satAdd(units, satMul(n, 5000/c.Standard))
		plainRatio += float64(n) / float64(c.Standard)
		if n > 0 && (bestN == 0 || float64(n)/float64(c.Standard) > float64(bestN)/float64(best.Standard)) {
			best, bestN = c, n
		}
	}
	const plainUnits, halfUnits = 5000, 2500
	ratio := plainRatio
	if in.Insider {
		ratio *= 2 // item (8): half the standards of items (3)–(7)
	}

	r := Result{Verdict: Below, Ratio: ratio}
	set := func(v Verdict, key, tzh, ten, bzh, ben string) {
		r.Verdict, r.Trigger, r.TriggerZH, r.TriggerEN, r.BasisZH, r.BasisEN = v, key, tzh, ten, bzh, ben
	}
	para1 := func(item string) (string, string) {
		id := "interp2017.art5.1." + itemNum(item)
		return facts.Cite("zh", "formal", id) + "；" + lawZH, facts.Cite("en", "formal", id) + "; " + lawEN
	}
	para2 := func(item, p1 string) (string, string) {
		id := "interp2017.art5.2." + itemNum(item)
		zh, en := facts.Cite("zh", "formal", id), facts.Cite("en", "formal", id)
		if p1 != "" {
			p1ID := "interp2017.art5.1." + itemNum(p1)
			zh += "（对照" + facts.Cite("zh", "short", p1ID) + "的标准）"
			en += " (against the standard of " + facts.Cite("en", "short", p1ID) + ")"
		}
		return zh + "；" + lawZH, en + "; " + lawEN
	}
	// singleMet: one category alone reaches its (possibly halved) standard
	// times mult, so the count is met through items (3)–(5) rather than the
	// proportional sum of item (6).
	singleMet := func(mult int64, halved bool) bool {
		std := best.Standard * mult
		if halved {
			std /= 2
		}
		return bestN > 0 && bestN >= std
	}
	countItem := func(mult int64) string {
		if !singleMet(mult, false) {
			return "（六）"
		}
		switch best.Standard {
		case 50:
			return "（三）"
		case 500:
			return "（四）"
		}
		return "（五）"
	}
	countText := func(mult int64, halved bool) (string, string) {
		std := best.Standard * mult
		sum := plainRatio
		if halved {
			std /= 2
			sum *= 2
		}
		if singleMet(mult, halved) {
			return fmt.Sprintf("%s %d 条，达到 %d 条的标准", best.NameZH, bestN, std),
				fmt.Sprintf("%s: %d records, at or above the standard of %d", best.NameEN, bestN, std)
		}
		return fmt.Sprintf("各类信息按比例合计为 %s，达到 %d 的标准", fmtRatio(sum), mult),
			fmt.Sprintf("the categories added up proportionally come to %s, at or above %d", fmtRatio(sum), mult)
	}
	gains := fmtYuan(in.GainsYuan)
	// A suspected insider is a supposition, never a fact (item (8) needs the
	// insider to be established).
	insZH, insEN := "内部人员泄露，", "an insider leak: "
	insGainsEN := "an insider leak with illegal gains of "
	if in.InsiderSuspected {
		insZH, insEN = "如经查实为内部人员泄露（目前只是怀疑），", "if the suspected insider leak is established: "
		insGainsEN = "if the suspected insider leak is established, illegal gains of "
	}
	const gains10ZH, gains10EN = "，达到 50000 元（十倍）的标准", ", at or above 50,000 yuan (ten times the standard)"

	// Especially serious first: the heavier reading is the one the user needs
	// to know about. Within a level the text's item order decides, except
	// that an insider's plain-standard items are named before item (8) (the
	// plain reading needs no proof of insider status), and item (2), which
	// depends on what the leaker knew, comes last.
	switch {
	case in.SevereConsequence:
		bzh, ben := para2("（一）", "")
		set(EspeciallySerious, TriggerSevereConsequence,
			"造成被害人死亡、重伤、精神失常或者被绑架等严重后果",
			"it caused death, serious injury, mental disorder, kidnapping or similar serious consequences", bzh, ben)
	case in.MajorLoss:
		bzh, ben := para2("（二）", "")
		set(EspeciallySerious, TriggerMajorLoss,
			"造成重大经济损失或者恶劣社会影响",
			"it caused major economic loss or a vile social impact", bzh, ben)
	case units >= 10*plainUnits:
		bzh, ben := para2("（三）", countItem(10))
		tzh, ten := countText(10, false)
		set(EspeciallySerious, TriggerCount10x, tzh+"（十倍）", ten+" (ten times the standard)", bzh, ben)
	case in.GainsYuan >= 10*gainsStandard:
		bzh, ben := para2("（三）", "（七）")
		set(EspeciallySerious, TriggerGains10x, "违法所得 "+gains+" 元"+gains10ZH, "illegal gains of "+gains+" yuan"+gains10EN, bzh, ben)
	case in.Insider && units >= 10*halfUnits:
		bzh, ben := para2("（三）", "（八）")
		tzh, ten := countText(10, true)
		set(EspeciallySerious, TriggerInsiderCount10x,
			insZH+tzh+"（减半标准的十倍）",
			insEN+ten+" (ten times the halved standard)", bzh, ben)
	case in.Insider && in.GainsYuan >= 10*gainsStandard/2:
		bzh, ben := para2("（三）", "（八）")
		set(EspeciallySerious, TriggerInsiderGains10x,
			insZH+"违法所得 "+gains+" 元，达到 25000 元（减半标准的十倍）",
			insGainsEN+gains+" yuan, at or above 25,000 yuan (ten times the halved standard)", bzh, ben)

	case units >= plainUnits:
		bzh, ben := para1(countItem(1))
		tzh, ten := countText(1, false)
		set(Serious, TriggerCount, tzh, ten, bzh, ben)
	case in.GainsYuan >= gainsStandard:
		bzh, ben := para1("（七）")
		set(Serious, TriggerGains,
			"违法所得 "+gains+" 元，达到 5000 元的标准",
			"illegal gains of "+gains+" yuan, at or above 5,000 yuan", bzh, ben)
	case in.Insider && units >= halfUnits:
		bzh, ben := para1("（八）")
		tzh, ten := countText(1, true)
		set(Serious, TriggerInsiderCount,
			insZH+tzh+"（标准减半）",
			insEN+ten+" (standards halved)", bzh, ben)
	case in.Insider && in.GainsYuan >= gainsStandard/2:
		bzh, ben := para1("（八）")
		set(Serious, TriggerInsiderGains,
			insZH+"违法所得 "+gains+" 元，达到 2500 元（减半）的标准",
			insGainsEN+gains+" yuan, at or above 2,500 yuan (the halved standard)", bzh, ben)
	case in.PriorOffence:
		bzh, ben := para1("（九）")
		set(Serious, TriggerPriorOffence,
			"对方曾因侵犯公民个人信息受过刑事处罚，或者二年内受过行政处罚，又再次实施",
			"the leaker had a criminal penalty for this offence, or an administrative penalty within the last two years, and did it again", bzh, ben)
	default:
		r.BasisZH = facts.Cite("zh", "formal", "interp2017.art5.1.3-9") + "（按所填内容均未达到）；" + lawZH
		r.BasisEN = facts.Cite("en", "formal", "interp2017.art5.1.3-9") + " (none met on these figures); " + lawEN
	}

	if in.UsedForCrime {
		r.NoteZH = "你填写了信息被用于犯罪。依照" + facts.Cite("zh", "short", "interp2017.art5.1.1") + "，被用于犯罪的是行踪轨迹信息的，不论数量多少都属于“情节严重”；依照" + facts.Cite("zh", "short", "interp2017.art5.1.2") + "，出售或者提供的人知道或者应当知道对方会用来犯罪的，也是如此。被用的是什么信息、对方知不知道，要由办案机关查明，所以这里不据此下结论。"
		r.NoteEN = " You entered that the information was used for a crime. Under " + facts.Cite("en", "short", "interp2017.art5.1.1") + ", if what was used was whereabouts information, that is serious whatever the number of records; under " + facts.Cite("en", "short", "interp2017.art5.1.2") + ", so it is if whoever sold or provided it knew or should have known of the criminal use. What was used, and what the provider knew, are for the authorities to establish, so no reading is based on them here."
	}
	switch r.Verdict {
	case Below:
		r.HeadlineZH, r.HeadlineEN = headBelowZH, headBelowEN
		r.KnownZH, r.KnownEN = known(in, cats, ratio)
		r.Open = open(in, cats)
		// One fact a line: the reader checks them one by one.
		r.ExplanationZH = belowZH + "\n已知：\n· " + strings.Join(r.KnownZH, "；\n· ") + "。\n还不知道（破折号后是会改变结论的答案）：\n· " + joinOpen(r.Open, "zh") + "。\n" + strings.TrimSpace(r.NoteZH+belowTailZH+caveatZH)
		r.ExplanationEN = belowEN + "\nKnown:\n· " + strings.Join(r.KnownEN, ";\n· ") + ".\nNot known (after the dash, the answer that would change the reading):\n· " + joinOpen(r.Open, "en") + ".\n" + strings.TrimSpace(r.NoteEN+" "+belowTailEN+" "+caveatEN)
	case Serious:
		r.HeadlineZH, r.HeadlineEN = headSerZH, headSerEN
		r.ExplanationZH = fmt.Sprintf(seriousZH, lawZH, r.TriggerZH) + r.NoteZH + caveatZH
		r.ExplanationEN = fmt.Sprintf(seriousEN, lawEN, r.TriggerEN) + r.NoteEN + " " + caveatEN
	case EspeciallySerious:
		r.HeadlineZH, r.HeadlineEN = headEspZH, headEspEN
		r.ExplanationZH = fmt.Sprintf(espZH, lawZH, r.TriggerZH) + r.NoteZH + caveatZH
		r.ExplanationEN = fmt.Sprintf(espEN, lawEN, r.TriggerEN) + r.NoteEN + " " + caveatEN
	}
	return r, nil
}

// known lists what a "below" reading rests on, in the user's terms.
func known(in Input, cats []Category, ratio float64) (zh, en []string) {
	var czh, cen []string
	for _, c := range cats {
		if n := in.Counts[c.Key]; n > 0 {
			czh = append(czh, fmt.Sprintf("%s %d 条", c.NameZH, n))
			cen = append(cen, fmt.Sprintf("%s: %d records", c.NameEN, n))
		}
	}
	if in.Victims > 1 {
		if len(czh) == 0 {
			zh = append(zh, fmt.Sprintf("这 %d 名受害人都还没有登记泄露信息的条数", in.Victims))
			en = append(en, fmt.Sprintf("none of these %d victims has counted leaked records yet", in.Victims))
		} else {
			zh = append(zh, fmt.Sprintf("这 %d 名受害人登记的泄露信息合计为", in.Victims)+strings.Join(czh, "、")+"，"+strings.TrimSuffix(ratioNoteZH(ratio, in.Insider), "。"))
			en = append(en, fmt.Sprintf("the leaked records of these %d victims add up to ", in.Victims)+strings.Join(cen, ", ")+"; "+strings.TrimSuffix(strings.Replace(ratioNoteEN(ratio, in.Insider), " The", "the", 1), "."))
		}
		zh = append(zh, "这里只合计条数；各受害人自己填写的其他情节（内部人员、违法所得、严重后果等）见各自案件的参考结论")
		en = append(en, "only the counts are added up here; what each victim entered about other factors (an insider, gains, serious harm) is in her own case's reading")
		return zh, en
	}
	if len(czh) == 0 {
		zh = append(zh, "你还没有填写泄露了什么信息、多少条")
		en = append(en, "you have not entered what leaked or how many records")
	} else {
		zh = append(zh, "你知道的泄露信息是"+strings.Join(czh, "、")+"，"+strings.TrimSuffix(ratioNoteZH(ratio, in.Insider), "。"))
		en = append(en, "the leaked records you know of are "+strings.Join(cen, ", ")+"; "+strings.TrimSuffix(strings.Replace(ratioNoteEN(ratio, in.Insider), " The", "the", 1), "."))
	}
	switch {
	case in.Insider && in.InsiderSuspected:
		zh = append(zh, "你怀疑是内部人员泄露，但还没有查实")
		en = append(en, "you suspect an insider, which is not established")
	case in.Insider:
		zh = append(zh, "是内部人员泄露")
		en = append(en, "an insider leaked it")
	}
	if in.GainsYuan > 0 {
		zh = append(zh, "对方的违法所得是 "+fmtYuan(in.GainsYuan)+" 元")
		en = append(en, "the leaker's illegal gains were "+fmtYuan(in.GainsYuan)+" yuan")
	}
	if in.UsedForCrime {
		zh = append(zh, "信息已被用于犯罪")
		en = append(en, "the information was used for a crime")
	} else if in.Misused {
		zh = append(zh, "有人拿你的信息来行骗或冒用")
		en = append(en, "someone used your information to scam you or act in your name")
	}
	if in.SevereConsequence || in.MajorLoss {
		return zh, en // not reached: either makes the reading especially serious
	}
	zh = append(zh, "你没有填写造成人身伤害等严重后果或重大经济损失（有的话，属于“情节特别严重”）")
	en = append(en, "you have not entered serious harm to a person or a major economic loss (either would make it \"especially serious\")")
	return zh, en
}

// open lists the facts a "below" reading does not know, each with the answer
// that would change it. The thresholds come from Categories and the gains
// standard, the same numbers Assess compares against.
func open(in Input, cats []Category) []Open {
	std := map[int64][2][]string{}
	var order []int64
	for _, c := range cats {
		if _, ok := std[c.Standard]; !ok {
			order = append(order, c.Standard)
		}
		v := std[c.Standard]
		std[c.Standard] = [2][]string{append(v[0], c.NameZH), append(v[1], c.NameEN)}
	}
	var szh, sen []string
	for i, n := range order {
		or, orEN := "", ""
		if i == len(order)-1 {
			or, orEN = "或者", "or "
		}
		szh = append(szh, fmt.Sprintf("%s%s达到 %d 条", or, strings.Join(std[n][0], "、"), n))
		sen = append(sen, fmt.Sprintf("%s%d records of %s", orEN, n, strings.Join(std[n][1], ", ")))
	}
	var out []Open
	whatCount, whatCountEN := "涉案信息一共有多少条（你只知道自己的，对方手里可能还有许多人的信息）",
		"how many records the case involves in all (you know only your own; the leaker may hold many people's)"
	if in.Victims > 1 {
		whatCount, whatCountEN = fmt.Sprintf("涉案信息一共有多少条（这里只合计了这 %d 名受害人的，对方手里可能还有更多人的信息）", in.Victims),
			fmt.Sprintf("how many records the case involves in all (only these %d victims' are added up; the leaker may hold more people's)", in.Victims)
	}
	out = append(out, Open{Key: OpenCount,
		WhatZH:   whatCount,
		WhatEN:   whatCountEN,
		ChangeZH: strings.Join(szh, "，") + "（几类按比例合计达到 1 也算），就属于“情节严重”",
		ChangeEN: strings.Join(sen, "; ") + " (or several kinds adding up to 1 proportionally) make it \"serious\""})
	if in.GainsYuan == 0 {
		out = append(out, Open{Key: OpenGains,
			WhatZH:   "对方靠这些信息赚了多少钱（违法所得）",
			WhatEN:   "how much the leaker made from the information (illegal gains)",
			ChangeZH: fmt.Sprintf("违法所得达到 %d 元（内部人员 %d 元）就属于“情节严重”", gainsStandard, gainsStandard/2),
			ChangeEN: fmt.Sprintf("gains of %d yuan (%d for an insider) make it \"serious\"", gainsStandard, gainsStandard/2)})
	}
	if !in.Insider || in.InsiderSuspected {
		out = append(out, Open{Key: OpenInsider,
			WhatZH:   "泄露的是不是单位内部人员",
			WhatEN:   "whether an insider leaked it",
			ChangeZH: "查实是内部人员的，上面的数量和金额标准减半",
			ChangeEN: "if an insider is established, the count and money standards above are halved"})
	}
	if !in.PriorOffence {
		out = append(out, Open{Key: OpenPrior,
			WhatZH:   "对方以前有没有因为侵犯个人信息受过处罚",
			WhatEN:   "whether the leaker was penalised for this offence before",
			ChangeZH: "曾受过刑事处罚或者二年内受过行政处罚又再次实施的，不论多少条都属于“情节严重”",
			ChangeEN: "a criminal penalty, or an administrative penalty within two years, before doing it again makes it \"serious\" whatever the number"})
	}
	what, whatEN := "你的信息有没有被人用来犯罪，被用的是什么信息，提供的人知不知道", "whether your information was used for a crime, which information, and whether whoever provided it knew"
	if in.Victims > 1 {
		what, whatEN = "受害人的信息有没有被人用来犯罪，被用的是什么信息，提供的人知不知道", "whether the victims' information was used for a crime, which information, and whether whoever provided it knew"
	}
	if in.UsedForCrime || in.Misused {
		what, whatEN = "被用来犯罪的是不是行踪轨迹信息，出售或提供的人知不知道对方会用来犯罪", "whether the information used for the crime was whereabouts information, and whether whoever sold or provided it knew of the criminal use"
	}
	out = append(out, Open{Key: OpenCrimeUse, WhatZH: what, WhatEN: whatEN,
		ChangeZH: "是行踪轨迹信息，或者提供的人知道或应当知道对方会用来犯罪的，不论多少条都属于“情节严重”",
		ChangeEN: "whereabouts information, or a provider who knew or should have known of the criminal use, makes it \"serious\" whatever the number"})
	return out
}

func joinOpen(os []Open, code string) string {
	var parts []string
	for _, o := range os {
		if code == "en" {
			parts = append(parts, o.WhatEN+" — "+o.ChangeEN)
		} else {
			parts = append(parts, o.WhatZH+"——"+o.ChangeZH)
		}
	}
	if code == "en" {
		return strings.Join(parts, ";\n· ")
	}
	return strings.Join(parts, "；\n· ")
}

func ratioNoteZH(ratio float64, insider bool) string {
	s := "各类信息按比例合计为 " + fmtRatio(ratio) + "，达到 1 才满足数量标准"
	if insider {
		s += "（内部人员泄露，已按减半标准计算）"
	}
	return s + "。"
}

func ratioNoteEN(ratio float64, insider bool) string {
	s := " The categories added up proportionally come to " + fmtRatio(ratio) + "; the count standard is met at 1"
	if insider {
		s += " (an insider leak, so the halved standards were used)"
	}
	return s + "."
}

// fmtRatio truncates rather than rounds, so a sum just under 1 never prints
// as "1.00" next to a "not met" verdict.
func fmtRatio(r float64) string {
	return strconv.FormatFloat(math.Floor(r*100)/100, 'f', 2, 64)
}

func fmtYuan(y float64) string {
	return strconv.FormatFloat(y, 'f', -1, 64)
}

// itemNum turns "（三）" into "3", the item's number in fact IDs.
func itemNum(item string) string {
	return strings.Trim(itemEN(item), "()")
}

// itemEN turns "（三）" into "(3)".
func itemEN(item string) string {
	nums := map[string]string{
		"（一）": "(1)", "（二）": "(2)", "（三）": "(3)", "（四）": "(4)", "（五）": "(5)",
		"（六）": "(6)", "（七）": "(7)", "（八）": "(8)", "（九）": "(9)", "（十）": "(10)",
	}
	return nums[item]
}

func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

func satMul(a, b int64) int64 {
	if b != 0 && a > math.MaxInt64/b {
		return math.MaxInt64
	}
	return a * b
}
