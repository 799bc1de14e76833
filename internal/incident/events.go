package incident

import "strings"

// Event kinds: every kind the service records into a case's history. The
// timeline and the printed full packet name each with its label (EventLabel),
// so a kind without a label here is a bug that TestEveryRecordedKindHasALabel
// and txn.record both catch.
const (
	EventCaseCreated     = "case.created"
	EventCaseUpdated     = "case.updated"
	EventCaseDeleted     = "case.deleted"
	EventCaseRestored    = "case.restored"
	EventCaseImported    = "case.imported"
	EventCaseExported    = "case.exported"
	EventBundleExported  = "bundle.exported"
	EventBundleImported  = "bundle.imported"
	EventPlanGenerated   = "plan.generated"
	EventSeverityFactors = "severity.factors"
	EventPoliceNonFiling = "police.non-filing"
	EventPacketExported  = "packet.exported"
	EventStepStatus      = "step.status"
	EventStepMoved       = "step.moved"
	EventStepAdded       = "step.added"
	EventStepUpdated     = "step.updated"
	EventStepDeleted     = "step.deleted"
	EventAccountAdded    = "account.added"
	EventAccountUpdated  = "account.updated"
	EventAccountDeleted  = "account.deleted"
	EventCommAdded       = "communication.added"
	EventCommUpdated     = "communication.updated"
	EventCommDeleted     = "communication.deleted"
	EventLeakedAdded     = "leaked.added"
	EventLeakedUpdated   = "leaked.updated"
	EventLeakedDeleted   = "leaked.deleted"
	EventExhibitAdded    = "exhibit.added"
	EventExhibitUpdated  = "exhibit.updated"
	EventExhibitLinked   = "exhibit.linked"
	EventExhibitRenumber = "exhibit.renumbered"
	EventExhibitDeleted  = "exhibit.deleted"
	// EventExhibitTranscript: a recording's transcript saved or removed.
	EventExhibitTranscript = "exhibit.transcript"
	// EventCorrectionOrder: a regulator's correction order to the source,
	// or the provider's refusal, recorded, changed or removed (issue 18).
	EventCorrectionOrder = "case.correction-order"
	// Issue 13: a case joins or leaves a matter (several victims, one
	// respondent); the matter's respondent is written into the case; the
	// victim's consent to the matter's joint documents; the victim's
	// 授权委托书 for the volunteer.
	EventMatterJoined  = "matter.joined"
	EventMatterLeft    = "matter.left"
	EventMatterApplied = "matter.respondent"
	EventJointConsent  = "case.joint-consent"
	EventAuthorisation = "case.authorisation"
	// EventStepReply: what came back on a step (issue 12); the history is
	// where replies are kept (RepliesOf).
	EventStepReply = "step.reply"
	// EventStepDelivered: how and when what a step sent reached its
	// recipient (issue 12; DeliveriesOf).
	EventStepDelivered = "step.delivered"
	// EventExpenseAdded, EventExpenseRemoved: the time and expense log
	// (ExpensesOf reads it from the history).
	EventExpenseAdded   = "expense.added"
	EventExpenseRemoved = "expense.removed"
)

// EventKind is an event kind with its label in both languages.
type EventKind struct {
	Kind   string
	ZH, EN string
}

var eventKinds = []EventKind{
	{EventCaseCreated, "建立案件", "Case opened"},
	{EventCaseUpdated, "修改案件信息", "Case details changed"},
	{EventCaseDeleted, "删除案件", "Case deleted"},
	{EventCaseRestored, "恢复案件", "Case restored"},
	{EventCaseImported, "从案件文件导入", "Case imported from a case file"},
	{EventCaseExported, "导出案件文件", "Case saved as a case file"},
	{EventBundleExported, "导出加密案件包", "Case sent as an encrypted case file"},
	{EventBundleImported, "导入加密案件包", "Case received as an encrypted case file"},
	{EventPlanGenerated, "生成处置计划", "Plan made from the answers"},
	{EventSeverityFactors, "填写情节因素", "Severity answers changed"},
	{EventPoliceNonFiling, "登记不予立案决定", "Police decision not to open a case recorded"},
	{EventPacketExported, "生成材料", "Packet exported"},
	{EventStepStatus, "步骤状态变更", "Step status changed"},
	{EventStepMoved, "调整步骤顺序", "Step moved"},
	{EventStepAdded, "新增步骤", "Step added"},
	{EventStepUpdated, "修改步骤", "Step edited"},
	{EventStepDeleted, "删除步骤", "Step deleted"},
	{EventAccountAdded, "新增账户", "Account added"},
	{EventAccountUpdated, "修改账户", "Account edited"},
	{EventAccountDeleted, "删除账户", "Account removed"},
	{EventCommAdded, "新增联系记录", "Contact logged"},
	{EventCommUpdated, "修改联系记录", "Contact edited"},
	{EventCommDeleted, "删除联系记录", "Contact removed"},
	{EventLeakedAdded, "新增泄露信息", "Leaked data added"},
	{EventLeakedUpdated, "修改泄露信息", "Leaked data edited"},
	{EventLeakedDeleted, "删除泄露信息", "Leaked data removed"},
	{EventExhibitAdded, "新增证据", "Evidence added"},
	{EventExhibitUpdated, "修改证据说明", "Evidence described"},
	{EventExhibitLinked, "关联证据", "Evidence linked"},
	{EventExhibitRenumber, "证据重新编号", "Evidence renumbered"},
	{EventExhibitDeleted, "删除证据", "Evidence deleted"},
	{EventExhibitTranscript, "录音文字整理稿", "Recording transcript"},
	{EventCorrectionOrder, "登记责令改正通知", "Correction order recorded"},
	{EventMatterJoined, "加入共同事项", "Joined a matter"},
	{EventMatterLeft, "退出共同事项", "Left a matter"},
	{EventMatterApplied, "采用共同事项的被投诉方信息", "Respondent taken from the matter"},
	{EventJointConsent, "登记对联名材料的同意", "Consent to the joint documents recorded"},
	{EventAuthorisation, "登记授权委托书", "Authorisation recorded"},
	{EventStepReply, "登记答复", "Reply recorded"},
	{EventStepDelivered, "登记送达", "Delivery recorded"},
	{EventExpenseAdded, "记录时间和费用", "Time or expense logged"},
	{EventExpenseRemoved, "删除一条时间和费用记录", "Time or expense entry removed"},
}

// EventKinds lists every event kind the service records, with its labels.
func EventKinds() []EventKind { return append([]EventKind(nil), eventKinds...) }

// EventLabel names an event kind in lang ("en" for English, Chinese
// otherwise); ok is false for a kind this version does not know (from a newer
// version's case file), which is then shown as stored.
func EventLabel(kind, lang string) (label string, ok bool) {
	for _, k := range eventKinds {
		if k.Kind == kind {
			if lang == "en" {
				return k.EN, true
			}
			return k.ZH, true
		}
	}
	return kind, false
}

func knownEventKind(kind string) bool {
	_, ok := EventLabel(kind, "zh")
	return ok
}

// StatusLabel names a step status in lang: one wording for the plan, the
// command line and the documents.
func StatusLabel(s StepStatus, lang string) string {
	zh, en := string(s), string(s)
	switch s {
	case StepTodo:
		zh, en = "待办", "To do"
	case StepDoing:
		zh, en = "进行中/等待答复", "In progress / waiting for a reply"
	case StepDone:
		zh, en = "已完成", "Done"
	case StepSkipped:
		zh, en = "已跳过", "Skipped"
	case StepNotApplicable:
		zh, en = "不适用", "Does not apply"
	}
	if strings.HasPrefix(lang, "en") {
		return en
	}
	return zh
}
