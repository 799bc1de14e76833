// Package demo builds the demo case: scenario 1 of the product brief (Wang
// Fang in Hangzhou, a courier leak followed by fake-refund calls), filled in
// the way a real user would after a week of work, so the app's screens, the
// packets and the command line all have something true-to-life to show.
// Every personal detail is fictitious: the ID number uses the birth date
// 1991-03-15 with a correct check digit but is made up, the phone number is
// the well-known example 138 0013 8000, and links point at example.invalid.
package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"time"

	"leakdesk/internal/incident"
)

// Fictitious identity used by the demo (and by tests that look for it).
const (
	VictimName = "王芳"
	IDNumber   = "33010619910315002X"
	Phone      = "13800138000"
	ScamNumber = "17100001234"
	SMSNumber  = "10690000123456"
	Reference  = "1233010020250000001" // a complaint number, made up
	SourceOrg  = "顺达快递（示例）杭州西湖区网点"
)

// Create stores the demo case and returns its ID. It goes through the
// service like the app does, so the case has a normal history.
func Create(ctx context.Context, svc *incident.Service) (int64, error) {
	loc := incident.Location()
	now := svc.Now().In(loc)
	day := func(daysAgo, h, m int) time.Time {
		d := now.AddDate(0, 0, -daysAgo)
		return time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, loc).UTC()
	}
	discovered := now.AddDate(0, 0, -6)

	id, err := svc.CreateCase(ctx, incident.Case{
		Title: "快递信息泄露：冒充快递理赔的诈骗电话",
		Victim: incident.Victim{Name: VictimName, IDNumber: IDNumber, Phone: Phone,
			Address: "浙江省杭州市西湖区文三路 100 号 示例小区 3 幢 2 单元 501 室"},
		DiscoveredAt: time.Date(discovered.Year(), discovered.Month(), discovered.Day(), 0, 0, 0, 0, time.UTC),
		Narrative: "我经常网购。" + fmt.Sprintf("%d月%d日", discovered.Month(), discovered.Day()) +
			"上午，一名自称快递理赔客服的人打电话给我，准确说出了我的姓名、手机号、收货地址和最近一笔订单的单号，" +
			"说包裹在运输中丢失，要给我双倍理赔，随后发来一条带“退款”链接的短信，要求我填写银行卡信息并支付“保证金”。" +
			"我在付款前起了疑心，没有点击链接，也没有付款，没有损失钱。之后几天仍不断接到类似的电话和短信。" +
			"这些信息只在购物平台和快递单上出现过，我怀疑是快递网点或网店泄露了我的信息。",
		SourceOrg:  SourceOrg,
		SourceAddr: "浙江省杭州市西湖区（示例地址）",
		SourceKind: incident.SourceCourier,
	})
	if err != nil {
		return 0, err
	}

	if _, err := svc.RunIntake(ctx, id, incident.Intake{
		Leaked:     []string{"name", "phone", "address", "orders"},
		Happened:   []string{"scam-contact", "harassment"},
		SourceKind: string(incident.SourceCourier),
		SourceOrg:  SourceOrg,
		Insider:    "unsure",
	}); err != nil {
		return 0, err
	}

	for _, l := range []incident.LeakedData{
		{CaseID: id, Category: "other", Description: "姓名、手机号码、收货地址", Count: 3},
		{CaseID: id, Category: "transaction", Description: "网购订单号及所购商品", Count: 1},
	} {
		if err := svc.SaveLeaked(ctx, &l, incident.ValidCategory); err != nil {
			return 0, err
		}
	}

	for _, a := range []incident.Account{
		{CaseID: id, Service: "淘宝", Login: "wangfang_hz（示例）", Exposed: "订单信息、收货地址",
			PasswordChanged: true, TwoFactor: true, SessionsRevoked: true, Notes: "已修改登录密码并退出其他设备。"},
		{CaseID: id, Service: "支付宝", Login: Phone, Exposed: "绑定的手机号",
			PasswordChanged: true, Notes: "已修改支付密码，关闭了小额免密支付。"},
	} {
		if err := svc.SaveAccount(ctx, &a); err != nil {
			return 0, err
		}
	}

	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		return 0, err
	}
	stepOf := func(kind string) *incident.Step {
		for i := range cf.Steps {
			if cf.Steps[i].Kind == kind {
				return &cf.Steps[i]
			}
		}
		return nil
	}
	if st := stepOf("secure-accounts"); st != nil {
		if _, err := svc.SetStepStatus(ctx, st.ID, incident.StepDone); err != nil {
			return 0, err
		}
	}
	var complaintStep int64
	// A courier's regulator is the postal administration (cn-routing).
	if st := stepOf("regulator-complaint"); st != nil {
		upd, err := svc.SetStepStatus(ctx, st.ID, incident.StepDoing)
		if err != nil {
			return 0, err
		}
		upd.Reference = Reference
		upd.Organisation = SourceOrg
		upd.Notes = "已向当地邮政管理局提交投诉，等待处理。"
		if err := svc.SaveStep(ctx, upd); err != nil {
			return 0, err
		}
		complaintStep = upd.ID
	}

	comms := []incident.Communication{
		{CaseID: id, At: day(6, 10, 32), Direction: incident.Incoming, Channel: "phone", Counterpart: "自称快递理赔客服（" + ScamNumber + "）",
			Summary: "对方说出我的姓名、地址和订单号，称包裹丢失要双倍理赔，让我加好友并填写银行卡信息。我没有提供。"},
		{CaseID: id, At: day(6, 10, 41), Direction: incident.Incoming, Channel: "sms", Counterpart: SMSNumber,
			Summary: "收到带“退款”链接的短信，未点击。"},
		{CaseID: id, At: day(5, 9, 15), Direction: incident.Outgoing, Channel: "phone", Counterpart: "顺达快递客服热线（示例）",
			Summary: "询问包裹是否丢失：客服称包裹已正常签收，没有任何理赔。已要求其核查网点是否泄露我的信息。"},
		{CaseID: id, At: day(3, 20, 5), Direction: incident.Outgoing, Channel: "online", Counterpart: "浙江省邮政管理局（示例）",
			Summary: "提交投诉，要求查处快递网点泄露个人信息。", Reference: Reference, StepID: complaintStep},
	}
	for i := range comms {
		if err := svc.SaveCommunication(ctx, &comms[i]); err != nil {
			return 0, err
		}
	}

	if _, err := svc.AddRecord(ctx, incident.Exhibit{CaseID: id, Kind: incident.ExhibitSMS,
		Title: "冒充快递理赔的诈骗短信", Source: "本人手机短信（原始短信保留未删除）",
		Proves: "对方掌握本人姓名、订单号，并以理赔为名实施诈骗", CapturedAt: day(6, 10, 41), RecordNumber: SMSNumber,
		RecordText: "【快递理赔中心】尊敬的王女士，您的包裹（单号 SD0000000000001）在运输途中丢失，" +
			"我司将为您办理双倍理赔，请点击 http://refund.example.invalid/claim 填写信息，24小时内有效。",
	}); err != nil {
		return 0, err
	}
	if _, err := svc.AddRecord(ctx, incident.Exhibit{CaseID: id, Kind: incident.ExhibitCall,
		Title: "自称快递理赔客服的来电", Source: "本人手机通话记录",
		Proves: "对方准确说出本人姓名、手机号、地址和订单号", CapturedAt: day(6, 10, 32), RecordNumber: ScamNumber,
		RecordText: "通话约 6 分钟。对方自称快递理赔客服，说出我的全名、收货地址和订单号，称包裹丢失，" +
			"要双倍理赔，让我添加其好友并在链接里填写银行卡号和验证码。我说要先向快递公司核实后挂断。",
	}); err != nil {
		return 0, err
	}
	img, err := Screenshot()
	if err != nil {
		return 0, err
	}
	if _, err := svc.AddExhibit(ctx, id, "短信截图.png", bytes.NewReader(img), int64(len(img)), incident.ImportOptions{
		Title: "诈骗短信截图", Source: "本人手机截屏", Proves: "诈骗短信的发送号码、时间和内容",
		CapturedAt: day(6, 10, 45),
	}); err != nil {
		return 0, err
	}
	return id, nil
}

// Screenshot draws a small phone-screenshot-like PNG (a status bar, a
// header and message bubbles; no text, so no font is needed). The same
// bytes every time, so the exhibit's hash is stable.
func Screenshot() ([]byte, error) {
	const w, h = 360, 640
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	fill := func(x0, y0, x1, y1 int, c color.NRGBA) {
		draw.Draw(img, image.Rect(x0, y0, x1, y1), &image.Uniform{c}, image.Point{}, draw.Src)
	}
	fill(0, 0, w, h, color.NRGBA{0xed, 0xed, 0xed, 0xff})        // background
	fill(0, 0, w, 24, color.NRGBA{0x20, 0x20, 0x20, 0xff})       // status bar
	fill(0, 24, w, 72, color.NRGBA{0xf7, 0xf7, 0xf7, 0xff})      // header
	fill(130, 40, 230, 56, color.NRGBA{0x33, 0x33, 0x33, 0xff})  // sender number
	fill(16, 100, 300, 250, color.NRGBA{0xff, 0xff, 0xff, 0xff}) // incoming bubble
	for y := 116; y < 236; y += 22 {                             // its lines of text
		fill(30, y, 286-(y%3)*20, y+10, color.NRGBA{0x44, 0x44, 0x44, 0xff})
	}
	fill(30, 204, 250, 214, color.NRGBA{0x1e, 0x6f, 0xd9, 0xff}) // the link
	fill(16, 270, 220, 330, color.NRGBA{0xff, 0xff, 0xff, 0xff}) // a second bubble
	fill(30, 290, 200, 300, color.NRGBA{0x44, 0x44, 0x44, 0xff})
	fill(0, h-56, w, h, color.NRGBA{0xf7, 0xf7, 0xf7, 0xff}) // input bar
	fill(16, h-44, w-70, h-12, color.NRGBA{0xff, 0xff, 0xff, 0xff})
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
