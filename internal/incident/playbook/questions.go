package playbook

import "leakdesk/internal/incident/source"

// Questions returns the intake questions in the order they are asked.
func Questions() []Question {
	return []Question{
		{
			Key:  "leaked",
			Kind: "multi",
			Prompt: Text{
				"哪些信息被泄露了？",
				"What information of yours has leaked?",
			},
			Help: Text{
				"选上所有你知道或怀疑被泄露的。不确定也没关系，可以以后再改。",
				"Tick everything you know or suspect has leaked. If you are not sure, that is fine: you can change this later.",
			},
			Options: []Option{
				{"name", Text{"姓名", "Name"}, Text{"对方能叫出你的名字", "Someone knew your name"}},
				{"id-number", Text{"身份证号码或身份证照片", "ID card number or ID card photo"}, Text{"包括身份证复印件", "Including photocopies of your ID card"}},
				{"phone", Text{"手机号码", "Mobile number"}, Text{"陌生人打来或发来短信", "Strangers call or text you"}},
				{"address", Text{"住址或收货地址", "Home or delivery address"}, Text{"对方知道你住在哪里", "Someone knows where you live"}},
				{"orders", Text{"购物或快递订单信息", "Shopping or delivery order details"}, Text{"例如订单号、买了什么", "Such as order numbers or what you bought"}},
				{"bank-card", Text{"银行卡或账户信息", "Bank card or account details"}, Text{"卡号、开户行、余额等", "Card number, bank, balance and the like"}},
				{"wechat-alipay", Text{"微信、支付宝等支付账号", "WeChat Pay, Alipay or other payment accounts"}, Text{"账号、绑定的手机或银行卡", "The account, or the phone or card linked to it"}},
				{"passwords", Text{"密码或验证码", "Passwords or verification codes"}, Text{"任何账号的密码，或你告诉过别人的验证码", "A password of any account, or a code you gave to someone"}},
				{"location", Text{"行踪或位置信息", "Whereabouts or location"}, Text{"对方知道你去过哪里、什么时候在哪里", "Someone knows where you have been or when"}},
				{"health", Text{"健康或病历信息", "Health or medical information"}, Text{"就诊记录、体检结果等", "Medical visits, check-up results and the like"}},
				{"credit-report", Text{"征信或贷款信息", "Credit report or loan information"}, Text{"你的贷款、信用卡、征信记录", "Your loans, credit cards or credit records"}},
				{"face-photo", Text{"人脸照片或视频", "Face photo or video"}, Text{"例如办业务时拍的照片", "For example a photo taken when you opened an account"}},
				{"other", Text{"其他信息", "Something else"}, Text{"可以在备注里写清楚", "You can describe it in the notes"}},
			},
			NotSure: true,
		},
		{
			Key:  "happened",
			Kind: "multi",
			Prompt: Text{
				"到目前为止发生了什么？",
				"What has happened so far?",
			},
			Help: Text{
				"选上所有符合的。如果还什么都没发生，可以都不选。",
				"Tick everything that applies. If nothing has happened yet, leave them all unticked.",
			},
			Options: []Option{
				{"scam-contact", Text{"有人拿我的信息来行骗", "Someone used my details to try to scam me"}, Text{"例如冒充快递、客服，发来“退款”链接", "For example posing as a courier or customer service and sending a \"refund\" link"}},
				{"loan-in-name", Text{"有人用我的名义借了钱或办了卡", "Someone took a loan or card in my name"}, Text{"例如接到不认识的贷款的催收电话", "For example a collection call about a loan you never took"}},
				{"money-lost", Text{"我已经损失了钱", "I have lost money"}, Text{"钱被转走或被骗付款", "Money was taken or you were tricked into paying"}},
				{"harassment", Text{"骚扰电话、短信或威胁", "Nuisance calls, texts or threats"}, Text{"推销电话不断，或有人威胁你", "Endless sales calls, or someone threatening you"}},
				{"posted-online", Text{"我的信息被发到了网上", "My details were posted online"}, Text{"论坛、群聊、社交媒体上公开了你的信息", "A forum, group chat or social media made your details public"}},
				{"breach-notice", Text{"收到了泄露通知", "I received a breach notice"}, Text{"某个机构通知你信息可能泄露", "An organisation told you your data may have leaked"}},
			},
		},
		{
			Key:  "source-kind",
			Kind: "single",
			Prompt: Text{
				"你觉得信息是从哪里泄露的？",
				"Where do you think the leak came from?",
			},
			Help: Text{
				"想一想谁同时掌握这些信息。只是怀疑也可以选，不确定就选“不知道”。",
				"Think about who had all of these details. A suspicion is enough; if you cannot tell, choose \"I don't know\".",
			},
			Options: SourceKinds(),
			NotSure: true,
		},
		{
			Key:  "source-org",
			Kind: "text",
			Prompt: Text{
				"如果知道，是哪家机构？",
				"If you know, which organisation?",
			},
			Help: Text{
				"写出名称，例如某快递公司、某网店或某营业厅。不知道可以空着。",
				"Write its name, for example a courier company, an online shop or a phone shop. Leave it empty if you do not know.",
			},
			NotSure: true,
		},
		{
			Key:  "grounds",
			Kind: "multi",
			Prompt: Text{
				"你为什么怀疑是这家机构？",
				"Why do you suspect this organisation?",
			},
			Help: Text{
				"选上符合的。材料只会写你选了的理由，并写成“怀疑”，不会写成确定的事实。",
				"Tick what applies. The documents state only the reasons you tick, and as a suspicion, not as a fact.",
			},
			Options: []Option{
				{"customer", Text{"我在这里买东西、办业务或接受服务时给过这些信息", "I gave these details when I bought from them or was served by them"}, Text{"例如下单、开户、入住、就诊", "For example an order, opening an account, a hotel stay, a medical visit"}},
				{"only-there", Text{"据我所知，这些信息只给过这一家", "As far as I know, only they had these details"}, Text{"如果也给过别处，就不要选", "Do not tick this if others had them too"}},
				{"knew-details", Text{"对方说出了只有这家机构才有的细节", "The caller knew details only this organisation had"}, Text{"例如订单内容、办业务的时间", "For example what you ordered or when you were served"}},
				{"notice", Text{"这家机构通知我信息泄露了", "This organisation told me my data leaked"}, Text{"例如收到它发的泄露通知", "For example a breach notice from them"}},
				{"timing", Text{"刚把信息交给这家机构不久就出事了", "Trouble started soon after I gave them my details"}, Text{"例如刚下单就接到诈骗电话", "For example a scam call right after an order"}},
			},
			NotSure: true,
		},
		{
			Key:  "insider",
			Kind: "single",
			Prompt: Text{
				"是不是内部人员泄露的？",
				"Could someone on the inside have leaked it?",
			},
			Help: Text{
				"内部人员指在工作或提供服务时接触到你信息的人，例如营业厅、快递、银行、医院的工作人员。这会影响警方如何认定。",
				"An insider is someone who saw your details at work or while serving you, such as staff at a phone shop, courier, bank or hospital. It changes how the police assess the case.",
			},
			Options: []Option{
				{"known", Text{"是，已经确认是内部人员", "Yes, it is established that an insider did it"}, Text{"例如对方已承认，或已被查处", "For example they admitted it or were sanctioned"}},
				{"yes", Text{"是，我怀疑是内部人员", "Yes, I suspect an insider"}, Text{"例如只在办业务时提供过这些信息", "For example you gave these details only when you were served"}},
				{"no", Text{"不是", "No"}, Text{"例如信息是被网上公开或被盗的", "For example the details were posted or stolen"}},
				{"unsure", Text{"不确定", "Not sure"}, Text{"以后知道了可以再改", "You can change this later"}},
			},
			NotSure: true,
		},
	}
}

// UsedForQuestion asks what each leaked item was used for (issue 9 §1:
// "which information was used for what"): a phone number for harassing
// calls, an ID number for a loan in the victim's name. It is asked on the
// "happened" screen, once per item ticked on the "leaked" screen, and may be
// left empty: it is not a screen of its own, so Questions() does not list
// it. Documents state a use only when it was ticked.
func UsedForQuestion() Question {
	return Question{
		Key:  "used-for",
		Kind: "per-leaked",
		Prompt: Text{
			"如果知道，这些信息被用来做了什么？",
			"If you know: what was each item used for?",
		},
		Help: Text{
			"可以不填。只有你选了的用途才会写进材料。",
			"You may leave this empty. The documents mention only the uses you tick.",
		},
		Options: []Option{
			{"scam", Text{"对我行骗", "To scam me"}, Text{}},
			{"harassment", Text{"骚扰或威胁我", "To harass or threaten me"}, Text{}},
			{"loan", Text{"以我的名义借钱或办卡", "A loan or card in my name"}, Text{}},
			{"account", Text{"登录或盗用我的账户", "To get into my accounts"}, Text{}},
			{"posted", Text{"发到了网上", "Posted online"}, Text{}},
		},
		NotSure: true,
	}
}

// SourceKinds lists where a leak may come from, in display order; "unknown"
// is last and is the not-sure answer. The list and its labels are package
// source's, shared with the Details tab and the documents.
func SourceKinds() []Option {
	var out []Option
	for _, in := range source.All() {
		out = append(out, Option{string(in.Kind), Text{in.ZH, in.EN}, Text{in.HintZH, in.HintEN}})
	}
	return out
}
