// Package reporttest builds a demo-like case with exhibit bytes for the
// packet tests, benchmarks and the committed sample pages. It follows
// scenario 1 (a courier leak followed by fake-refund calls) with fixed
// dates, so every packet built from it is stable. All personal details are
// fictitious.
package reporttest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"sync"
	"time"

	"github.com/jung-kurt/gofpdf"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/demo"
)

// The victim's numbers, which masking must hide.
const (
	IDNumber = demo.IDNumber // 33010619910315002X
	Phone    = demo.Phone    // 13800138000
	Card     = "6222021234567890128"
)

// Now is the fixed clock of the tests: 2025-11-03 10:00 in Hangzhou.
var Now = time.Date(2025, 11, 3, 2, 0, 0, 0, time.UTC)

// Source serves exhibit bytes from memory.
type Source map[int64][]byte

type reader struct{ *bytes.Reader }

func (reader) Close() error { return nil }

// Open implements the renderer's ExhibitSource.
func (s Source) Open(id int64) (io.ReadSeekCloser, error) {
	b, ok := s[id]
	if !ok {
		return nil, fmt.Errorf("exhibit %d not found", id)
	}
	return reader{bytes.NewReader(b)}, nil
}

func hash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Case returns the case file and the bytes of its exhibits.
func Case() (*incident.CaseFile, Source) {
	loc := incident.Location()
	at := func(d, h, m int) time.Time { return time.Date(2025, 10, d, h, m, 0, 0, loc).UTC() }
	cf := &incident.CaseFile{}
	cf.Case = incident.Case{
		ID: 1, Title: "快递信息泄露：冒充快递理赔的诈骗电话",
		Victim: incident.Victim{Name: demo.VictimName, IDNumber: IDNumber, Phone: Phone,
			Address: "浙江省杭州市西湖区文三路 100 号 示例小区 3 幢 2 单元 501 室"},
		DiscoveredAt: time.Date(2025, 10, 28, 0, 0, 0, 0, time.UTC),
		Narrative: "我经常网购。10月28日上午，一名自称快递理赔客服的人打电话到我的手机 138 0013 8000，准确说出了我的姓名、收货地址和最近一笔订单的单号，" +
			"说包裹在运输中丢失，要给我双倍理赔，随后发来一条带“退款”链接的短信，要求我填写银行卡号（我的卡号是 " + Card + "）并支付“保证金”。\n" +
			"我在付款前起了疑心，没有点击链接，也没有付款，没有损失钱。之后几天仍不断接到类似的电话和短信；其中一人还报出了我的身份证号 " + IDNumber + "。" +
			"这些信息只在购物平台和快递单上出现过，我怀疑是快递网点或网店泄露了我的信息。",
		SourceOrg: demo.SourceOrg, SourceAddr: "浙江省杭州市西湖区（示例地址）", SourceKind: incident.SourceCourier,
		Status: incident.CaseOpen,
		Intake: incident.Intake{Leaked: []string{"name", "phone", "address", "orders"}, Happened: []string{"scam-contact", "harassment"},
			SourceKind: "courier", SourceOrg: demo.SourceOrg, Insider: "unsure"},
		CreatedAt: at(28, 20, 0), UpdatedAt: at(31, 20, 5),
	}
	cf.Leaked = []incident.LeakedData{
		{ID: 1, CaseID: 1, Category: "other", Description: "姓名、手机号码、收货地址", Count: 3},
		{ID: 2, CaseID: 1, Category: "transaction", Description: "网购订单号及所购商品", Count: 1},
	}
	cf.Accounts = []incident.Account{
		{ID: 1, CaseID: 1, Service: "淘宝", Login: "wangfang_hz（示例）", Exposed: "订单信息、收货地址", PasswordChanged: true, TwoFactor: true, SessionsRevoked: true, Notes: "已修改登录密码并退出其他设备。"},
		{ID: 2, CaseID: 1, Service: "支付宝", Login: Phone, Exposed: "绑定的手机号", PasswordChanged: true, Notes: "已修改支付密码，关闭了小额免密支付。"},
	}
	cf.Steps = []incident.Step{
		{ID: 1, CaseID: 1, Kind: "secure-accounts", Position: 1, Status: incident.StepDone, CompletedAt: at(29, 9, 0)},
		{ID: 2, CaseID: 1, Kind: "gather-evidence", Position: 2, Status: incident.StepDoing},
		{ID: 3, CaseID: 1, Kind: "consumer-12315", Position: 3, Status: incident.StepDoing, Organisation: demo.SourceOrg,
			Reference: demo.Reference, Notes: "已在全国12315平台提交投诉，等待受理。", FollowUp: time.Date(2025, 11, 11, 0, 0, 0, 0, time.UTC)},
		{ID: 4, CaseID: 1, Kind: "deletion-demand", Position: 4, Status: incident.StepTodo},
		{ID: 5, CaseID: 1, Kind: "police-report", Position: 5, Status: incident.StepTodo},
		{ID: 6, CaseID: 1, Kind: "report-12321", Position: 6, Status: incident.StepSkipped},
	}
	cf.Communications = []incident.Communication{
		{ID: 1, CaseID: 1, At: at(28, 10, 32), Direction: incident.Incoming, Channel: "phone", Counterpart: "自称快递理赔客服（" + demo.ScamNumber + "）",
			Summary: "对方说出我的姓名、地址和订单号，称包裹丢失要双倍理赔，让我加好友并填写银行卡信息。我没有提供。"},
		{ID: 2, CaseID: 1, At: at(28, 10, 41), Direction: incident.Incoming, Channel: "sms", Counterpart: demo.SMSNumber,
			Summary: "收到带“退款”链接的短信，未点击。"},
		{ID: 3, CaseID: 1, At: at(29, 9, 15), Direction: incident.Outgoing, Channel: "phone", Counterpart: "顺达快递客服热线（示例）",
			Summary: "询问包裹是否丢失：客服称包裹已正常签收，没有任何理赔。已要求其核查网点是否泄露我的信息。"},
		{ID: 4, CaseID: 1, At: at(31, 20, 5), Direction: incident.Outgoing, Channel: "online", Counterpart: "全国12315平台",
			Summary: "提交投诉，要求查处快递网点泄露个人信息。", Reference: demo.Reference, StepID: 3},
	}

	src := Source{}
	add := func(e incident.Exhibit, data []byte) {
		e.CaseID = 1
		e.Number = len(cf.Exhibits) + 1
		e.ID = int64(e.Number)
		if e.Kind == "" {
			e.Kind = incident.ExhibitFile
		}
		if e.Kind != incident.ExhibitFile {
			data = []byte(incident.RecordText(e))
			e.ContentType = "text/plain; charset=utf-8"
		}
		e.Size = int64(len(data))
		e.SHA256 = hash(data)
		e.ImportedAt = e.CapturedAt
		cf.Exhibits = append(cf.Exhibits, e)
		src[e.ID] = data
	}
	add(incident.Exhibit{Kind: incident.ExhibitSMS, Title: "冒充快递理赔的诈骗短信", Source: "本人手机短信（原始短信保留未删除）",
		Proves: "对方掌握本人姓名、订单号，并以理赔为名实施诈骗", CapturedAt: at(28, 10, 41), RecordNumber: demo.SMSNumber,
		RecordText: "【快递理赔中心】尊敬的王女士，您的包裹（单号 SD0000000000001）在运输途中丢失，我司将为您办理双倍理赔，请点击 http://refund.example.invalid/claim 填写信息，24小时内有效。"}, nil)
	add(incident.Exhibit{Kind: incident.ExhibitCall, Title: "自称快递理赔客服的来电", Source: "本人手机通话记录",
		Proves: "对方准确说出本人姓名、手机号、地址和订单号", CapturedAt: at(28, 10, 32), RecordNumber: demo.ScamNumber,
		RecordText: "通话约 6 分钟。对方自称快递理赔客服，说出我的全名、收货地址和订单号，称包裹丢失，要双倍理赔，让我添加其好友并在链接里填写银行卡号和验证码。我说要先向快递公司核实后挂断。"}, nil)
	shot, err := demo.Screenshot()
	if err != nil {
		panic(err)
	}
	add(incident.Exhibit{Title: "诈骗短信截图", Source: "本人手机截屏", Proves: "诈骗短信的发送号码、时间和内容",
		CapturedAt: at(28, 10, 45), FileName: "短信截图.png", ContentType: "image/png"}, shot)
	add(incident.Exhibit{Title: "快递面单照片", Source: "本人拍摄", Proves: "快递面单上印有本人姓名、手机号和地址，说明信息可能从快递环节泄露",
		CapturedAt: at(29, 8, 30), FileName: "面单.jpg", ContentType: "image/jpeg"}, Photo(1200, 900, 7))
	add(incident.Exhibit{Title: "快递公司隐私政策（摘录）", Source: "快递公司官网下载", Proves: "快递公司承诺对用户个人信息保密，并写明了个人信息保护负责人的联系方式",
		CapturedAt: at(30, 14, 0), FileName: "隐私政策.pdf", ContentType: "application/pdf"}, PolicyPDF())
	add(incident.Exhibit{Title: "冒充理赔的诈骗邮件", Source: "本人邮箱导出（.eml）", Proves: "诈骗者以理赔为名索要本人身份证号",
		CapturedAt: at(30, 9, 12), FileName: "理赔通知.eml", ContentType: "message/rfc822"}, []byte(Email))
	add(incident.Exhibit{Title: "诈骗电话录音", Source: "本人手机通话录音", Proves: "诈骗者在电话中说出本人的姓名、地址和订单号",
		CapturedAt: at(28, 10, 32), FileName: "录音.m4a", ContentType: "audio/mp4", Duration: 6*time.Minute + 5*time.Second,
		Transcript: &incident.Transcript{Place: "本人家中", Speakers: "本人（王芳）；对方（自称快递理赔客服）", Confirmed: true,
			Lines: []incident.TranscriptLine{
				{Offset: 3 * time.Second, Speaker: "对方", Text: "王女士您好，我是快递理赔中心的，您的包裹 SD0000000000001 丢了。"},
				{Offset: 12 * time.Second, Speaker: "本人", Text: "你怎么知道我的单号和地址？"},
				{Offset: 20 * time.Second, Speaker: "对方", Text: "系统里都有的，您加一下我们的理赔专员，填一下银行卡号和验证码。"},
			}}}, []byte("\x00\x00\x00\x18ftypM4A fake audio for tests"))
	add(incident.Exhibit{Title: "出售快递数据的网页", Source: "本人用浏览器保存的网页（MHTML）", Proves: "有人在网上出售含本人信息的快递数据",
		CapturedAt: at(31, 20, 5), FileName: "论坛.mhtml", ContentType: "multipart/related"}, []byte(SavedPage))

	cf.Events = Events(5)
	return cf, src
}

// SavedPage is a page saved by Chrome as MHTML.
const SavedPage = "From: <Saved by Blink>\r\n" +
	"Snapshot-Content-Location: https://forum.example.invalid/t/123\r\n" +
	"Subject: =?utf-8?B?5Ye65ZSu5b+r6YCS5pWw5o2u?=\r\n" +
	"Date: Fri, 31 Oct 2025 20:05:00 +0800\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: multipart/related; type=\"text/html\"; boundary=\"b\"\r\n\r\n" +
	"--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Location: https://forum.example.invalid/t/123\r\n\r\n" +
	"<html><head><title>x</title><script>alert(1)</script></head><body><h1>出售快递数据</h1>" +
	"<p>卖家：老王。2025年10月快递单 10 万条，含姓名、电话、地址。</p></body></html>\r\n--b--\r\n"

// Email is a scam message whose body carries the victim's ID number and
// phone number, so that masking of typeset exhibits can be checked.
const Email = "From: =?UTF-8?B?5b+r6YCS55CG6LWU5Lit5b+D?= <claims@refund.example.invalid>\r\n" +
	"To: wangfang@example.invalid\r\n" +
	"Subject: =?UTF-8?B?55CG6LWU6YCa55+l?=\r\n" +
	"Date: Thu, 30 Oct 2025 09:12:00 +0800\r\n" +
	"Message-ID: <demo-1@refund.example.invalid>\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n\r\n" +
	"王女士您好：\r\n您的包裹已确认丢失。请回复您的身份证号 " + IDNumber + " 和手机号 " + Phone + "，我们将在24小时内为您办理双倍理赔。\r\n"

var photoCache sync.Map

// Photo draws a JPEG of w×h pixels with some noise, like a phone photo.
// The same arguments give the same bytes.
func Photo(w, h int, seed int64) []byte {
	key := [3]int64{int64(w), int64(h), seed}
	if b, ok := photoCache.Load(key); ok {
		return bytes.Clone(b.([]byte))
	}
	b := photo(w, h, seed)
	photoCache.Store(key, b)
	return bytes.Clone(b)
}

func photo(w, h int, seed int64) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	s := uint32(seed)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			s = s*1664525 + 1013904223
			n := uint8(s >> 27)
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(200-x*80/w)+n, uint8(190-y*60/h)+n, 170+n, 255
		}
	}
	// a "label" block
	for y := h / 4; y < h*3/4; y++ {
		for x := w / 5; x < w*4/5; x++ {
			img.Set(x, y, color.RGBA{245, 245, 240, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 88}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// PolicyPDF is a two-page PDF standing in for a downloaded privacy policy.
func PolicyPDF() []byte {
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(Now)
	f.SetModificationDate(Now)
	for i, text := range []string{"Privacy Policy (example) - section 1: we keep your data confidential.", "Section 7: contact our personal information protection officer at privacy@example.invalid."} {
		f.AddPage()
		f.SetFont("Helvetica", "", 14)
		f.MultiCell(0, 8, fmt.Sprintf("Page %d. %s", i+1, text), "", "L", false)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// Events returns a valid event chain of n events.
func Events(n int) []incident.Event {
	kinds := []string{"case.created", "plan.generated", "exhibit.added", "step.status", "communication.added"}
	var out []incident.Event
	prev := ""
	for i := 0; i < n; i++ {
		e := incident.Event{ID: int64(i + 1), CaseID: 1, Seq: int64(i + 1),
			At: time.Date(2025, 10, 28, 12+i, 0, 0, 0, time.UTC), Kind: kinds[i%len(kinds)],
			Subject: fmt.Sprintf("case:%d", 1), Data: map[string]string{"n": fmt.Sprint(i)}, PrevHash: prev}
		e.Hash = e.ComputeHash()
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

// AddEvent appends an event to cf's history, chained to the last one as
// the store chains them, so that tests can record replies, deliveries and
// expenses the way the service would.
func AddEvent(cf *incident.CaseFile, at time.Time, kind, subject string, data map[string]string) {
	prev := cf.Events[len(cf.Events)-1]
	e := incident.Event{ID: prev.ID + 1, CaseID: cf.Case.ID, Seq: prev.Seq + 1, At: at, Kind: kind, Subject: subject, Data: data, PrevHash: prev.Hash}
	e.Hash = e.ComputeHash()
	cf.Events = append(cf.Events, e)
}
