package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"leakdesk/internal/report"
)

// memSource serves exhibit bytes from memory.
type memSource map[int64][]byte

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

func (m memSource) Open(id int64) (io.ReadSeekCloser, error) {
	b, ok := m[id]
	if !ok {
		return nil, fmt.Errorf("exhibit %d not found", id)
	}
	return nopCloser{bytes.NewReader(b)}, nil
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// testJPEG draws a recognisable gradient with a frame.
func testJPEG(t testing.TB, w, h int, seed int64) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewSource(seed))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8(rng.Intn(64) + 96), 255}
			if x < 8 || y < 8 || x >= w-8 || y >= h-8 {
				c = color.RGBA{200, 0, 0, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func testPNG(t testing.TB, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{30, uint8(x % 256), 160, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testPDF makes a small two-page PDF with gofpdf's core font.
func testPDF(t testing.TB) []byte {
	f := gofpdf.New("P", "mm", "A5", "")
	f.SetCatalogSort(true)
	for i := 1; i <= 2; i++ {
		f.AddPage()
		f.SetFont("Helvetica", "", 16)
		f.Cell(0, 10, fmt.Sprintf("Imported exhibit page %d", i))
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// encryptedPDF uses qpdf when present; otherwise a PDF with an /Encrypt
// trailer entry, which is what the renderer looks for.
func encryptedPDF(t testing.TB, plain []byte) []byte {
	if _, err := exec.LookPath("qpdf"); err == nil {
		dir := t.TempDir()
		in, out := dir+"/in.pdf", dir+"/out.pdf"
		os.WriteFile(in, plain, 0o600)
		if err := exec.Command("qpdf", "--encrypt", "u", "o", "256", "--", in, out).Run(); err == nil {
			if b, err := os.ReadFile(out); err == nil {
				return b
			}
		}
	}
	return bytes.Replace(plain, []byte("trailer\n<<"), []byte("trailer\n<<\n/Encrypt 99 0 R"), 1)
}

const longPara = "2025年10月28日14时20分，本人接到一个自称“顺丰速运客服”的电话（来电号码：17100001111），对方准确说出了本人的姓名、手机号13800138000、收货地址以及订单号SF1234567890123，称包裹在运输中丢失，需要通过链接 https://refund.example.com/claim?order=SF1234567890123&token=abcdefghijklmnopqrstuvwxyz0123456789 办理理赔退款。本人产生怀疑，未点击链接，也未付款……此后一周内，本人又陆续收到十余条内容相似的短信与电话；其中一条短信还附有本人身份证号110101199003071234的前几位，显示对方掌握的信息远不止订单信息。本人认为，上述信息系从快递公司或电商平台泄露，特此报案，请求依法立案侦查。The caller also spoke some English: \"Your parcel ID is lost, please verify at the official-looking-but-fake website immediately\"。"

// fixturePacket is a packet with every block kind and every exhibit mode.
func fixturePacket(t testing.TB) (report.Packet, memSource) {
	jpg := testJPEG(t, 900, 1600, 1)
	pngb := testPNG(t, 600, 300)
	pdfb := testPDF(t)
	txt := []byte("短信原文：【顺丰】您的快递丢失，请点击链接办理理赔。\n联系电话 13800138000；身份证 110101199003071234。\n" + strings.Repeat("重复内容以测试分页。", 40))
	eml := []byte("From: =?UTF-8?B?5a6i5pyN?= <kefu@example.com>\r\nTo: victim@example.com\r\nSubject: =?UTF-8?B?55CG6LWU6YCa55+l?=\r\nDate: Tue, 28 Oct 2025 14:20:00 +0800\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n您好，您的包裹已丢失，请回复身份证号 110101199003071234 以便理赔。\r\n")
	damaged := append([]byte{}, pdfb[:len(pdfb)/2]...)
	enc := encryptedPDF(t, pdfb)
	src := memSource{1: jpg, 2: pngb, 3: pdfb, 4: txt, 5: eml, 6: damaged, 7: enc, 8: []byte("ID3 fake audio")}
	ex := func(id int64, title, ct, render string) report.ExhibitRef {
		b := src[id]
		return report.ExhibitRef{
			ID: id, Number: int(id), Label: fmt.Sprintf("证据%d", id), Title: title,
			Source: "本人手机截屏", Proves: "证明对方掌握本人姓名、手机号和订单号等信息，并以理赔为名实施诈骗。",
			Captured: "2025年10月28日 14:25", SHA256: sha(b), ContentType: ct, Kind: "file",
			Format: ct, Size: int64(len(b)), Render: render,
		}
	}
	exs := []report.ExhibitRef{
		ex(1, "诈骗来电通话记录截图", "image/jpeg", report.RenderImage),
		ex(2, "短信截图", "image/png", report.RenderImage),
		ex(3, "快递公司隐私政策（PDF）", "application/pdf", report.RenderPDF),
		ex(4, "短信文字导出", "text/plain; charset=utf-8", report.RenderText),
		ex(5, "诈骗邮件", "message/rfc822", report.RenderText),
		ex(6, "损坏的PDF文件", "application/pdf", report.RenderPDF),
		ex(7, "加密的PDF文件", "application/pdf", report.RenderPDF),
		ex(8, "通话录音", "audio/mpeg", report.RenderSeparate),
	}
	exs = append(exs, report.ExhibitRef{
		ID: 9, Number: 9, Label: "证据9", Title: "来电记录", Source: "本人记录", Proves: "证明骚扰来电的时间和号码。",
		SHA256: sha([]byte("call")), ContentType: "text/plain", Kind: "call", Format: "记录", Render: report.RenderRecord,
		Record: []report.KV{{Key: "号码", Value: "17100001111"}, {Key: "时间", Value: "2025年10月28日 14:20"}, {Key: "内容", Value: "自称快递客服，要求点击链接理赔。"}},
	})
	p := report.Packet{
		Kind: report.KindPolice, CaseNumber: "LD-2025-00001", Date: "2025-11-03", DateText: "2025年11月3日",
		Title: "报案材料",
		Cover: report.Cover{
			Title: "报案材料", Subtitle: "关于个人信息被非法提供、获取并被用于诈骗的报案材料",
			Recipient: "致：杭州市公安局西湖区分局北山派出所",
			Fields:    []report.KV{{Key: "案件编号", Value: "LD-2025-00001"}, {Key: "报案人", Value: "王芳"}, {Key: "日期", Value: "2025年11月3日"}},
			Note:      "本材料由 leakdesk 根据报案人提供的信息整理生成。",
		},
		Instructions: &report.Instructions{Title: "使用说明", Banner: "本页为使用说明，不作为提交材料", Items: []string{"打印两份：一份交派出所，一份自留。", "请在签名处签名并捺指印。", "请索取受案回执。"}},
		TOC:          true,
		Sections: []report.Section{
			{ID: "parties", Heading: "一、报案人基本情况", InTOC: true, Blocks: []report.Block{
				{Kind: report.BlockKV, KV: []report.KV{{Key: "姓名：", Value: "王芳"}, {Key: "公民身份号码：", Value: "110101199003071234"}, {Key: "联系电话：", Value: "13800138000"}, {Key: "住址：", Value: "浙江省杭州市西湖区文三路100号某小区3幢2单元501室（长地址用于测试换行是否正确对齐）"}}},
			}},
			{ID: "facts", Heading: "二、事实与理由", InTOC: true, Blocks: []report.Block{
				{Kind: report.BlockHeading, Text: "（一）基本经过"},
				{Kind: report.BlockParagraph, Text: longPara, Indent: true},
				{Kind: report.BlockParagraph, Text: longPara, Indent: true},
				{Kind: report.BlockList, Ordered: true, Items: []string{"请求依法立案侦查。", "请求追查个人信息泄露的来源（《反电信网络诈骗法》第二十九条）。"}},
				{Kind: report.BlockTable, Table: &report.Table{
					Columns: []report.Column{{Title: "信息类别", Width: 3}, {Title: "条数", Width: 1, Align: "right"}, {Title: "说明", Width: 5}},
					Rows:    [][]string{{"行踪轨迹信息、通信内容、征信信息、财产信息", "1", "收货地址与订单"}, {"其他个人信息", "3", longPara}},
				}},
			}},
			{ID: "evidence", Heading: "三、证据清单", InTOC: true, NewPage: true, Blocks: []report.Block{
				{Kind: report.BlockEvidence, Evidence: &report.Evidence{
					Columns:      []report.Column{{Title: "序号", Width: 11, Align: "center"}, {Title: "证据名称", Width: 28}, {Title: "来源", Width: 22}, {Title: "证明目的", Width: 46}, {Title: "页码", Width: 14, Align: "center"}, {Title: "SHA-256", Width: 27, Small: true}},
					SeparateNote: "另行提交",
				}},
			}},
			{ID: "sign", Blocks: []report.Block{
				{Kind: report.BlockSignature, Signature: &report.Signature{Salutation: []string{"此致", "杭州市公安局西湖区分局北山派出所"}, Lines: []report.KV{{Key: "报案人（签名）："}}, Fingerprint: "（捺指印）", Date: "2025年11月3日"}},
			}},
		},
		Exhibits:        exs,
		IncludeExhibits: true,
		Closing: report.Closing{Heading: "附：证据哈希值与案件记录校验信息", Text: []string{"以下为各证据文件的 SHA-256 哈希值。"},
			ChainHead: strings.Repeat("ab", 32), Events: 12},
		Labels: report.ZHLabels(),
	}
	return p, src
}
