// Package report turns a case into a complaint packet: a pure, deterministic
// model of what a recipient reads (cover, sections, evidence list, exhibits,
// closing hashes). It knows nothing about PDF, SQL or the UI; the renderer in
// report/pdf prints a Packet as it is, so every visible word is decided here
// and can be tested as data (golden JSON).
package report

import "leakdesk/internal/incident/playbook"

// Packet kinds, one per recipient: the domain's list (playbook.PacketKinds)
// under the names this package has always used.
const (
	KindPolice      = playbook.PacketPolice
	KindConsumer    = playbook.PacketConsumer
	KindAssociation = playbook.PacketAssociation // 投诉及调解申请书 to a consumer association
	KindRegulator   = playbook.PacketRegulator
	KindProvider    = playbook.PacketProvider
	KindFull        = playbook.PacketFull
	// KindReconsideration is the 复议申请书 after a 不予立案通知书 (issue 12).
	KindReconsideration = playbook.PacketReconsideration
	// KindReview is the 复核申请书 after a 复议 decision that keeps the refusal.
	KindReview = playbook.PacketReview
	// KindSupervision is the 立案监督申请书 to the people's procuratorate.
	KindSupervision = playbook.PacketSupervision
	// KindCivil is the 民事起诉状 draft against the organisation that leaked.
	KindCivil = playbook.PacketCivil
	// KindCredit is the complaint to the local PBoC branch about a credit
	// objection (征信业管理条例 Art. 26).
	KindCredit = playbook.PacketCredit
)

// Kinds lists every packet kind in display order.
func Kinds() []string { return playbook.PacketKinds() }

// Packet is everything the renderer prints, already masked and worded.
type Packet struct {
	Kind       string `json:"kind"`
	CaseNumber string `json:"case_number"`
	// Date is the packet date as YYYY-MM-DD; it also fixes the PDF's
	// creation date so that the same input gives the same bytes.
	Date     string `json:"date"`
	DateText string `json:"date_text"` // 2025年11月3日
	Title    string `json:"title"`     // document title, also the PDF title

	Cover Cover `json:"cover"`
	// Instructions is an optional first page for the user that is not part
	// of the submission; nil when not wanted.
	Instructions *Instructions `json:"instructions,omitempty"`
	// TOC asks for a table of contents after the cover.
	TOC      bool      `json:"toc"`
	Sections []Section `json:"sections"`
	// Exhibits are the numbered pieces of evidence, in order. The evidence
	// list section refers to them; when IncludeExhibits is set the renderer
	// reproduces each one after the sections.
	Exhibits        []ExhibitRef `json:"exhibits"`
	IncludeExhibits bool         `json:"include_exhibits"`
	// AttachOriginals asks the renderer to embed each exhibit's original
	// file as a PDF attachment.
	AttachOriginals bool    `json:"attach_originals,omitempty"`
	Closing         Closing `json:"closing"`
	// Mask says which numbers were masked in this packet. The renderer
	// applies it to exhibit text it typesets from the original bytes
	// (.txt, .eml), which the model never sees.
	Mask   MaskSpec `json:"mask"`
	Labels Labels   `json:"labels"`
	// Statements are the packet's factual sentences with their basis, in
	// print order, masked like the printed text.
	Statements []Statement `json:"statements"`
	// Plain is a one-piece document (the 授权委托书): no cover page and no
	// closing page of hashes.
	Plain bool `json:"plain,omitempty"`
	// PoliceForm is FormReport or FormAccusation for the police packet.
	PoliceForm string `json:"police_form,omitempty"`
}

// Cover is the first page.
type Cover struct {
	Title     string `json:"title"`               // 报案材料
	Subtitle  string `json:"subtitle,omitempty"`  // 关于……的报案材料
	Recipient string `json:"recipient,omitempty"` // 致：XX市公安局XX分局
	Fields    []KV   `json:"fields"`              // 案件编号, 报案人, 日期, …
	Note      string `json:"note,omitempty"`
}

// Instructions is the page for the user only.
type Instructions struct {
	Title  string   `json:"title"`
	Banner string   `json:"banner"` // 本页为使用说明，不作为提交材料
	Items  []string `json:"items"`
}

// KV is one labelled value.
type KV struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Section is one numbered part of the document.
type Section struct {
	ID      string  `json:"id"`      // stable anchor for the table of contents
	Heading string  `json:"heading"` // 一、事实与理由
	NewPage bool    `json:"new_page,omitempty"`
	InTOC   bool    `json:"in_toc"`
	Blocks  []Block `json:"blocks"`
}

// Block kinds.
const (
	BlockTitle     = "title" // the document title at the head of the body
	BlockParagraph = "paragraph"
	BlockHeading   = "heading" // a sub-heading inside a section: （一）…
	BlockKV        = "kv"
	BlockTable     = "table"
	BlockList      = "list"
	BlockSignature = "signature"
	BlockEvidence  = "evidence" // the 证据清单 table built from Packet.Exhibits
	BlockSpacer    = "spacer"
)

// Block is one element of a section. Kind decides which fields are used.
type Block struct {
	Kind string `json:"kind"`
	Text string `json:"text,omitempty"`
	// Indent asks for the customary two-character first-line indent.
	Indent bool `json:"indent,omitempty"`
	// Align is "", "left", "center" or "right".
	Align     string     `json:"align,omitempty"`
	KV        []KV       `json:"kv,omitempty"`
	Table     *Table     `json:"table,omitempty"`
	Items     []string   `json:"items,omitempty"`
	Ordered   bool       `json:"ordered,omitempty"`
	Signature *Signature `json:"signature,omitempty"`
	Evidence  *Evidence  `json:"evidence,omitempty"`
}

// Table is a grid with a header row; cells wrap.
type Table struct {
	Columns []Column   `json:"columns"`
	Rows    [][]string `json:"rows"`
}

// Column describes one table column. Width is relative to the others.
type Column struct {
	Title string  `json:"title"`
	Width float64 `json:"width"`
	// Small prints the column in a smaller font (hashes, dates).
	Small bool   `json:"small,omitempty"`
	Align string `json:"align,omitempty"`
}

// Signature is the closing block: who signs, the fingerprint box for the
// police, and the date. It is right-aligned as is customary.
type Signature struct {
	// Salutation are the lines before it (此致 / the agency), kept on the
	// same page as the signature.
	Salutation []string `json:"salutation,omitempty"`
	Lines      []KV     `json:"lines"` // 报案人（签名）：
	// Fingerprint draws a box for 捺指印 with this label; "" for none.
	Fingerprint string `json:"fingerprint,omitempty"`
	Date        string `json:"date"` // 2025年11月3日
}

// Evidence is the 证据清单 table. Its rows come from Packet.Exhibits; the
// renderer fills the page column because only it knows the pages.
type Evidence struct {
	Columns []Column `json:"columns"` // 序号, 证据名称, 证据形式, 来源, 证明目的, 页码, SHA-256
	// SeparateNote marks exhibits that are not reproduced in the packet.
	SeparateNote string `json:"separate_note"`
}

// Exhibit render modes: how the renderer reproduces an exhibit.
const (
	RenderImage    = "image"    // scaled to the page
	RenderPDF      = "pdf"      // imported page by page
	RenderText     = "text"     // typeset from the bytes (.txt, .eml)
	RenderRecord   = "record"   // a typed record; its text is in Record
	RenderSeparate = "separate" // listed only: 以电子形式另行提交
)

// ExhibitRef is one exhibit as the packet presents it.
type ExhibitRef struct {
	ID          int64  `json:"id"` // for ExhibitSource.Open
	Number      int    `json:"number"`
	Label       string `json:"label"` // 证据1
	Title       string `json:"title"`
	Source      string `json:"source"`
	Proves      string `json:"proves"`
	Captured    string `json:"captured,omitempty"` // 2025年11月3日 14:20
	SHA256      string `json:"sha256"`
	ContentType string `json:"content_type"`
	Kind        string `json:"kind"` // file, call, sms, web, note
	Format      string `json:"format"`
	Size        int64  `json:"size"`
	FileExt     string `json:"file_ext,omitempty"` // ".jpg", for naming the attached original
	Render      string `json:"render"`
	// Form is the 证据形式: 书证, 电子数据 or 视听资料.
	Form string `json:"form"`
	// Electronic marks an exhibit whose original is handed over
	// electronically although a page is printed for it (a recording with
	// its 文字整理稿).
	Electronic bool `json:"electronic,omitempty"`
	// Record holds a typed record's fields (number, URL, text), masked.
	Record []KV `json:"record,omitempty"`
	// PrintCheck is the exhibit's capture-time print check verdict
	// (incident.Exhibit.PrintCheck), which the renderer reuses for bytes
	// that match SHA256. Not part of the packet's content.
	PrintCheck string `json:"-"`
}

// Closing is the last page: hashes that let anyone check the packet against
// the case store later with `leakdesk verify`.
type Closing struct {
	Heading   string   `json:"heading"`
	Text      []string `json:"text"`
	ChainHead string   `json:"chain_head"`
	Events    int      `json:"events"`
}

// MaskSpec lists what is masked and the victim's own numbers, so that the
// renderer can mask them in exhibit text too.
type MaskSpec struct {
	ID    bool `json:"id"`
	Phone bool `json:"phone"`
	Card  bool `json:"card"`
	// Own are the victim's own numbers (digits only) known to the case;
	// they are masked wherever they appear, whatever their format.
	Own []string `json:"-"`
}

// Labels are the renderer's fixed words, kept here so that every printed
// string is data.
type Labels struct {
	TOC          string `json:"toc"`            // 目录
	PageFooter   string `json:"page_footer"`    // 第 %d 页 / 共 %d 页
	CoverPages   string `json:"cover_pages"`    // 本材料共 %d 页
	ExhibitsHead string `json:"exhibits_head"`  // 证据材料
	Exhibit      string `json:"exhibit"`        // 证据
	Source       string `json:"source"`         // 来源
	Captured     string `json:"captured"`       // 形成/获取时间
	Proves       string `json:"proves"`         // 证明目的
	Format       string `json:"format"`         // 文件格式
	Separate     string `json:"separate"`       // 以电子形式另行提交
	NotImported  string `json:"not_imported"`   // 该文件无法在此完整呈现……
	HashMismatch string `json:"hash_mismatch"`  // 文件内容与登记的哈希值不符
	PageOf       string `json:"page_of"`        // 第 %d / %d 页 (exhibit pages)
	Masked       string `json:"masked"`         // 已按本材料的遮蔽设置隐去部分号码
	Continued    string `json:"continued"`      // （续）
	Unknown      string `json:"unknown"`        // 不详
	NotForSubmit string `json:"not_for_submit"` // 本页不作为提交材料
	ChainHead    string `json:"chain_head"`     // 案件记录链末端哈希
	Truncated    string `json:"truncated"`      // text exhibit cut short
	Attachment   string `json:"attachment"`     // 附件 (of an e-mail exhibit)
	// Reasons words why an exhibit could not be reproduced, by key:
	// unreadable, hash, damaged, encrypted, too_large, format.
	Reasons map[string]string `json:"reasons"`
}
