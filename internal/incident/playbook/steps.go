package playbook

import "slices"

// Every fact below comes from shared/legal/cn-facts.md or
// cn-channels-verified.md (which wins where they differ). Do not add a fact marked
// UNVERIFIED there; in particular no 12363, no GB/T 35273 "30 days", no
// 12378/12321/12377 response times, and no 3/7/30-day police filing periods.

// AssociationVs12315 is the one sentence on how the consumer association
// differs from 12315 (issue 18), shown on both steps and in the Export tab.
// Both may be used; the order matters because the regulator does not take
// a dispute an association has already taken up or dealt with (cn-documents.md §2.1).
func AssociationVs12315() Text {
	return Text{
		"{org.cca-local}组织你和商家调解，法规只要求它{period.cca-mediate}（{crpl-reg.art45}）；{hotline.12315}由{org.samr-dept}处理，它必须在{period.samr-accept}决定是否受理（{samr.art14}）。可以选一个，也可以都提；但同一纠纷已由{org.cca-local}受理或者处理过的，{org.samr-dept}不予受理（{samr.art15}），都提时请先向{hotline.12315}投诉。",
		"The {org.cca-local} mediates between you and the business, and the regulation only asks it to act {period.cca-mediate} ({crpl-reg.art45}); {hotline.12315} is handled by the {org.samr-dept}, which must decide whether to accept your complaint {period.samr-accept} ({samr.art14}). You can use one or both; but the {org.samr-dept} does not accept a dispute the {org.cca-local} has already taken up or dealt with ({samr.art15}), so if you use both, complain to {hotline.12315} first.",
	}
}

// Police-report wording that Plan adapts to the answers. The generic Why
// (policeWhyGeneric) carries the same points conditionally, for a UI that
// shows a stored step through Lookup.
func policeWhyBase() Text {
	return Text{
		"出售、提供或非法获取他人个人信息，情节严重的是犯罪（{crl.art253-1}）；用你的信息行骗、在网上散布你的隐私，也由公安机关处理。报案后要拿到受案回执，以后查询进展要用到它；如果被告知不予立案，申请复议要凭不予立案通知书。",
		"Selling, providing or illegally obtaining someone's personal information is a crime when the circumstances are serious ({crl.art253-1}), and the police also deal with scams that use your details and with spreading your private information online. When you report, get a receipt (受案回执): you need it to follow up. If you are told no case will be opened, a review is asked for with that notice (不予立案通知书).",
	}
}

func policeOptionalNote() Text {
	return Text{
		"到目前为止，你的信息只是被泄露，还没有被用来对付你，所以报不报案可以自己决定。但报案仍可能有用：泄露本身在数量达到标准时就是犯罪（例如行踪轨迹、征信、财产信息达到50条，{interp2017.art5.1.3}），警方会把多名受害人的记录合计（{interp2017.art11}），你的报案能帮助查到源头。一旦有人拿这些信息行骗、骚扰或威胁你、冒名借贷、骗走钱或把信息发到网上，就应当报案。",
		"So far your details have only been exposed, not used against you, so whether to report is your choice. A report may still help: the leak itself is a crime once enough records are involved (for example 50 records of location, credit or property information, {interp2017.art5.1.3}), the police add up records across victims ({interp2017.art11}), and your report can help trace the source. Once someone uses the details to scam, harass or threaten you, borrows in your name, takes money or posts them online, you should report.",
	}
}

func policeFraudNote() Text {
	return Text{
		"你已经有钱款损失或被冒名借贷，请尽快报案。公安机关办理诈骗案件时，还应当追查被利用的个人信息是从哪里来的（{afl.art29.2}）。",
		"You have lost money or someone borrowed in your name, so please report soon. When the police handle a fraud case they must also trace where the personal information used came from ({afl.art29.2}).",
	}
}

func policePostedNote() Text {
	return Text{
		"在网上公开你的个人信息，本身就属于“提供”个人信息（{interp2017.art3}），也可能是散布他人隐私（{psapl2012.art42}，2026年1月1日起为{psapl2025.art50}）。",
		"Posting your personal information online counts as \"providing\" it ({interp2017.art3}), and may also be spreading another person's private information ({psapl2012.art42}; from 1 January 2026 {psapl2025.art50}).",
	}
}

func policeHarassmentNote() Text {
	return Text{
		"反复发送威胁、侮辱等信息干扰他人正常生活，也可能违反{psapl2012.art42}（2026年1月1日起为{psapl2025.art50}）。",
		"Repeatedly sending threatening or insulting messages that disturb someone's life may also break {psapl2012.art42} (from 1 January 2026 {psapl2025.art50}).",
	}
}

func policeInsiderNote() Text {
	return Text{
		"你怀疑是内部人员泄露：把工作或服务中得到的信息出售、提供给他人的，司法解释把“情节严重”的数量和金额标准减半（{interp2017.art5.1.8}），而且依照{crl.art253-1.2}从重处罚。报案时请说明这一点和你的理由。",
		"You suspect an insider: for information obtained at work or while providing a service and then sold or provided, the interpretation halves the number and amount standards for \"serious circumstances\" ({interp2017.art5.1.8}), and {crl.art253-1.2} punishes it more heavily. Tell the police this and why you think so.",
	}
}

func policeInsiderKnownNote() Text {
	return Text{
		"你知道是内部人员泄露：把工作或服务中得到的信息出售、提供给他人的，司法解释把“情节严重”的数量和金额标准减半（{interp2017.art5.1.8}），而且依照{crl.art253-1.2}从重处罚。报案时请说明你是怎么知道的，并带上相关证据。",
		"You know an insider leaked it: for information obtained at work or while providing a service and then sold or provided, the interpretation halves the number and amount standards for \"serious circumstances\" ({interp2017.art5.1.8}), and {crl.art253-1.2} punishes it more heavily. Tell the police how you know, and bring the evidence.",
	}
}

func passwordNote() Text {
	return Text{
		"你的密码或验证码可能已经泄露：先改掉这个密码，以及所有用过同一个密码的账号的密码，再退出其他设备上的登录。",
		"Your password or a verification code may have leaked: change that password first, and the password of every account that used the same one, then sign out other devices.",
	}
}

func policeWhyGeneric() Text {
	return join(policeWhyBase(), Text{
		"如果你的信息只是被泄露、还没有被用来对付你，报不报案可以自己决定，但报案仍可能有用：泄露本身在数量达到标准时就是犯罪，警方会把多名受害人的记录合计。如果是内部人员泄露，入罪的数量和金额标准减半（{interp2017.art5.1.8}）。",
		"If your details have only been exposed and not used against you, whether to report is your choice, but it may still help: the leak itself is a crime once enough records are involved, and the police add up records across victims. If an insider leaked it, the number and amount standards are halved ({interp2017.art5.1.8}).",
	})
}

func postedEvidenceNote() Text {
	return Text{
		"你的信息被发到了网上：帖子随时可能被删或被改，请先截图保存，再通知平台删除。经过公证或可信时间戳固定的证据更有说服力。",
		"Your details were posted online: the post may be deleted or edited at any time, so capture it before you ask the platform to take it down. Evidence fixed by a notary or a trusted timestamp carries more weight.",
	}
}

func facePhotoNote() Text {
	return Text{
		"你的人脸照片也可能被泄露：检查哪些账号可以“刷脸”登录或支付，必要时改用密码加短信验证。",
		"Your face photo may also have leaked: check which accounts let you log in or pay by face, and switch them to password plus SMS code where you can.",
	}
}

// rawSteps returns every step the playbook knows, in plan order, as
// written: legal facts are {placeholders} of the facts register, filled in
// by expandSpec.
func rawSteps() []StepSpec {
	all := append(baseSteps(), ladderSteps()...)
	slices.SortStableFunc(all, func(x, y StepSpec) int { return x.Order - y.Order })
	return all
}

// baseSteps are the steps a plan can suggest from the answers alone.
func baseSteps() []StepSpec {
	return []StepSpec{
		{
			Kind:  "freeze-payment",
			Order: 10,
			Title: Text{"先保住钱：联系银行和支付平台挂失、止付", "Protect your money first: call your bank and payment apps to block cards or stop payments"},
			Why: Text{
				"银行卡或支付账号泄露，或者已经有钱被转走、有人冒名借贷时，越早挂失、止付或冻结，越有可能把损失拦住。",
				"When a bank card or payment account has leaked, or money has already gone or someone borrowed in your name, the sooner you block or freeze, the better the chance of stopping the loss.",
			},
			Basis: Text{
				"挂失、止付、冻结你自己的卡和账户，是银行和支付机构为账户持有人提供的服务，不需要先报案。钱已经转给骗子的，要立即拨打{hotline.110}报警：追回转出的钱要靠公安机关。",
				"Blocking or freezing your own cards and accounts is a service banks and payment providers offer account holders; you do not need a police report first. If money has already gone to a fraudster, call {hotline.110} at once: getting a transfer back depends on the police.",
			},
			How: Text{
				"1. 只拨打银行卡背面、官方App或官网上的客服电话，不要用短信或来电里给你的号码。\n2. 说明信息已泄露，要求挂失、止付或冻结；问清是否已经生效。\n3. 检查最近的交易和绑定设备，关闭不需要的免密支付和自动扣款。\n4. 支付宝、微信等账号在App内的安全中心办理冻结或挂失。\n5. 把每次通话的时间、客服工号和业务编号记在本步骤里。",
				"1. Call only the number on the back of your card, in the official app or on the official website — never a number from a text or a caller.\n2. Say your details have leaked and ask them to block, stop payments or freeze; ask whether it has taken effect.\n3. Check recent transactions and linked devices; turn off password-free payments and automatic debits you do not need.\n4. For Alipay, WeChat Pay and similar accounts, use the security centre inside the app to freeze or report the account.\n5. Note the time, the agent's ID and the reference number of each call in this step.",
			},
			Facts: []Fact{
				{Text{"用哪个电话", "Which number"}, Text{"只用卡背面、官方App或官网上的客服电话", "Only the number on the card, in the official app or on the official website"}},
				{Text{"要记录", "Record"}, Text{"通话时间、客服工号、业务编号", "Call time, agent ID, reference number"}},
				{Text{"已经被骗钱", "Already defrauded"}, Text{"立即拨打{hotline.110}", "Call {hotline.110} at once"}},
			},
		},
		{
			Kind:  "secure-accounts",
			Order: 20,
			Title: Text{"保护账号：改密码，开启登录保护", "Secure your accounts: change passwords and turn on login protection"},
			Why: Text{
				"泄露的信息常被用来冒充你登录，或者骗取验证码重置密码。先把最重要的账号守住：支付、银行、邮箱、购物和社交账号。",
				"Leaked details are often used to log in as you or to trick you into giving a code that resets a password. Lock down the accounts that matter most first: payment, banking, e-mail, shopping and social.",
			},
			Basis: Text{
				"这是自我保护措施，不涉及法律程序。",
				"A self-protection step; no legal procedure is involved.",
			},
			How: Text{
				"1. 给每个重要账号换一个新密码，不同账号不要用同一个密码。\n2. 开启短信验证、设备验证等双重登录保护。\n3. 检查登录过的设备和绑定的手机、邮箱，移除不认识的。\n4. 检查支付设置：免密支付、自动扣款、收货地址。\n5. 任何人向你要验证码都不要给。\n6. 如果某个号码或账号已被大量骚扰，可以考虑更换。\n7. 在本应用里为每个受影响的账号记一行：改了什么、什么时候改的。",
				"1. Give each important account a new password, and do not reuse passwords.\n2. Turn on two-step login, such as SMS or device confirmation.\n3. Check logged-in devices and the phone and e-mail linked to each account; remove any you do not recognise.\n4. Check payment settings: password-free payments, automatic debits, delivery addresses.\n5. Never give a verification code to anyone who asks for it.\n6. If a number or account now draws constant harassment, consider replacing it.\n7. In this app, add a row for each affected account: what you changed and when.",
			},
			Facts: []Fact{
				{Text{"要记录", "Record"}, Text{"每个账号改了什么、什么时候改的", "For each account, what you changed and when"}},
				{Text{"验证码", "Verification codes"}, Text{"谁要都不给，包括自称客服、警察的人", "Never give them to anyone, even someone claiming to be customer service or the police"}},
			},
		},
		{
			Kind:  "gather-evidence",
			Order: 30,
			Title: Text{"保存证据", "Keep the evidence"},
			Why: Text{
				"报警、投诉、要求删除和以后索赔，都要靠证据。短信、帖子和聊天记录可能很快被删掉，越早保存越好。",
				"Reporting, complaining, demanding deletion and any later claim all depend on evidence. Texts, posts and chats can vanish quickly, so save them early.",
			},
			Basis: Text{
				"通知平台删除时必须附上初步证据（{civil.art1195}）；向{hotline.12315}投诉要写明事实（{samr.art9}）。",
				"A take-down notice to a platform must include preliminary evidence ({civil.art1195}); a {hotline.12315} complaint must set out the facts ({samr.art9}).",
			},
			How: Text{
				"1. 截图诈骗短信、来电记录、聊天记录、邮件、转账记录和泄露通知，截图里要能看到号码和时间。\n2. 原始短信和记录不要删、不要改，也不要只保留转发后的版本。\n3. 网上的帖子要截图，并记下网址和你看到的时间；经过公证或可信时间戳固定的证据更有说服力。\n4. 把每一次来电、每一次联系都记下来：时间、号码、对方说了什么。\n5. 把文件导入本应用。每份证据导入时都会记下指纹（SHA-256）：把它交给警方或随材料提交后，就能证明此后没有被改动；要证明导入前的状态，需要公证或可信时间戳。",
				"1. Screenshot scam texts, call logs, chats, e-mails, transfer records and breach notices, with the number and time visible.\n2. Do not delete or edit the original messages, and do not keep only forwarded copies.\n3. Screenshot posts online and note the web address and the time you saw them; evidence fixed by a notary or a trusted timestamp carries more weight.\n4. Log every call and contact: time, number, what was said.\n5. Import the files into this app. Each one gets a fingerprint (SHA-256) when it is added: once the fingerprint is handed over with your papers, it shows the file has not changed since; to prove its state before that, you need a notary or a trusted timestamp.",
			},
			Facts: []Fact{
				{Text{"要保留", "Keep"}, Text{"原始短信、来电记录、聊天记录、邮件、转账记录、泄露通知", "Original texts, call logs, chats, e-mails, transfer records, breach notices"}},
				{Text{"网上的帖子", "Posts online"}, Text{"截图，并记下网址和看到的时间", "Screenshot, with the web address and the time you saw it"}},
				{Text{"更有力的证据", "Stronger evidence"}, Text{"公证或可信时间戳", "Notarised or trusted-timestamped"}},
			},
		},
		{
			Kind:  "police-report",
			Order: 40,
			Title: Text{"报警：拨打{hotline.110}或到派出所", "Report to the police: call {hotline.110} or go to a police station"},
			Why:   policeWhyGeneric(),
			Basis: Text{
				"{crl.art253-1}；{interp2017.art5}；{cpl.art110}；{mps-proc.art169+mps-proc.art170+mps-proc.art171}（受案登记、受案回执）。未达到犯罪标准的出售、提供或非法获取个人信息：2026年1月1日前的行为，由公安机关依照{csl2016.art64.2}处罚；此后的行为适用{psapl2025.art56}。散布他人隐私、反复发送骚扰信息的，适用{psapl2012.art42}（2026年1月1日前）或{psapl2025.art50}（此后）。",
				"{crl.art253-1}; {interp2017.art5}; {cpl.art110}; {mps-proc.art169+mps-proc.art170+mps-proc.art171} (registration and receipt). Selling, providing or illegally obtaining personal information below the criminal threshold: for conduct before 1 January 2026 the police punish it under {csl2016.art64.2}; after that, {psapl2025.art56} applies. Spreading private information or repeated harassing messages: {psapl2012.art42} (before 2026) or {psapl2025.art50} (after).",
			},
			How: Text{
				"1. 紧急情况或正在被骗，立即拨打{hotline.110}；否则可以直接去派出所。\n2. 带上身份证件、证据（截图、通话记录、转账记录）和本应用打印的报案材料。\n3. 说清楚：哪些信息泄露了、怎么发现的、可能是谁泄露的、有没有被用来行骗或骚扰、是否还有其他受害人。\n4. 要求受案回执；交给警方的证据会列在接受证据材料清单上，签字前核对。\n5. 问清楚以后怎么查询进展，把回执编号和接待单位记在本步骤里。\n6. 如果收到不予立案通知书，可以在{period.reconsider-apply}申请复议，写明理由并附上证据。",
				"1. In an emergency or while a scam is under way, call {hotline.110} at once; otherwise you can go straight to a police station.\n2. Bring your ID, the evidence (screenshots, call logs, transfer records) and the report packet printed from this app.\n3. Explain what leaked, how you found out, who may have leaked it, whether it was used for scams or harassment, and whether others were affected.\n4. Ask for the receipt (受案回执). Evidence you hand over is listed on an evidence form (接受证据材料清单): check it before you sign.\n5. Ask how to check progress, and note the receipt number and the police unit in this step.\n6. If you receive a notice that no case will be opened (不予立案通知书), you can ask for reconsideration {period.reconsider-apply}, in writing, with your reasons and evidence.",
			},
			Facts: []Fact{
				{Text{"电话", "Phone"}, Text{"{hotline.110}", "{hotline.110}"}},
				{Text{"去哪里", "Where"}, Text{"当地派出所", "Your local police station"}},
				{Text{"要带", "Bring"}, Text{"身份证件、证据、报案材料", "Your ID, the evidence, the report packet"}},
				{Text{"要保留", "Keep"}, Text{"受案回执、接受证据材料清单、以后收到的所有通知书", "The receipt, the evidence form and every notice you receive later"}},
				{Text{"要记录", "Record"}, Text{"报案日期、派出所、接待民警、回执编号", "Date, police station, officer, receipt number"}},
				{Text{"网上举报", "Report online"}, Text{"公安部网络违法犯罪举报网站 {url.cyberpolice}（紧急情况请拨打{hotline.110}）", "MPS cybercrime reporting site {url.cyberpolice} (for emergencies call {hotline.110})"}},
				{Text{"不予立案时", "If no case is opened"}, Text{"{period.reconsider-apply}可以申请复议", "You may ask for reconsideration {period.reconsider-apply}"}},
			},
			FollowUp: &FollowUpRule{On: StatusDoing, Days: 7, Reason: Text{
				"这是本应用的提醒，不是法定期限：7天后看看有没有消息，可以凭受案回执询问进展。",
				"This is the app's reminder, not a legal deadline: after 7 days, check for news; you can ask about progress with your receipt.",
			}},
			Channel: "110",
			Packet:  PacketPolice,
		},
		{
			Kind:  "police-reconsideration",
			Order: 45,
			Title: Text{"不予立案时申请复议", "If the police decline to open a case: ask for reconsideration"},
			Why: Text{
				"如果公安机关决定不立案，你有权要求重新考虑。申请有时间限制，收到通知书后要尽快行动。",
				"If the police decide not to open a case, you have the right to ask them to reconsider. There is a time limit, so act soon after the notice arrives.",
			},
			Basis: Text{
				"{mps-proc.art178+mps-proc.art179}；{cpl.art113}（检察院立案监督）。",
				"{mps-proc.art178+mps-proc.art179}; {cpl.art113} (procuratorate supervision of case filing).",
			},
			How: Text{
				"1. 收到不予立案通知书之日起7日内，向作出决定的公安机关书面申请复议，写明你的理由，附上证据。\n2. 复议决定应在收到申请后30日内作出，重大、复杂的案件可以延长，最多再延长30日。\n3. 对复议决定不服，可以在收到复议决定后7日内向{org.police-upper}申请复核。\n4. 你也可以请求{org.procuratorate}要求公安机关说明不立案的理由。\n5. 保留通知书、申请书和递交凭证。",
				"1. Within 7 days of receiving the notice, apply in writing to the police unit that decided, giving your reasons and attaching evidence.\n2. The reconsideration decision is due within 30 days of your application; for major or complex cases it may be extended by up to 30 more days.\n3. If you disagree with the decision, you can ask {org.police-upper} for a review within 7 days of receiving it.\n4. You can also ask the {org.procuratorate} to require the police to explain why they did not open a case.\n5. Keep the notice, your application and proof of delivery.",
			},
			Facts: []Fact{
				{Text{"申请复议", "Apply for reconsideration"}, Text{"收到不予立案通知书之日起7日内", "Within 7 days of receiving the notice"}},
				{Text{"复议决定", "Decision"}, Text{"收到申请后30日内（重大复杂案件最多再延长30日）", "Within 30 days of the application (up to 30 more for major or complex cases)"}},
				{Text{"申请复核", "Further review"}, Text{"收到复议决定后7日内，向{org.police-upper}", "Within 7 days of the decision, to {org.police-upper}"}},
			},
			FollowUp: &FollowUpRule{On: StatusDoing, Days: 30, Rollover: true, Reason: Text{
				"复议决定应在收到申请后30日内作出（{mps-proc.art179}）。",
				"The reconsideration decision is due within 30 days of the application ({mps-proc.art179}).",
			}},
			Packet: PacketReconsideration,
		},
		{
			Kind:  "fraud-96110",
			Order: 50,
			Title: Text{"反诈：{hotline.96110}和“{app.antifraud}”App", "Anti-fraud: {hotline.96110} and the {app.antifraud} app"},
			Why: Text{
				"有人拿你的信息行骗或冒名借贷时，举报骗子的号码、短信、网址和账号，能帮警方预警、拦截，也能保护你的家人。",
				"When someone uses your details to scam you or borrow in your name, reporting the scammers' numbers, texts, links and accounts helps the police warn and stop others, including your family.",
			},
			Basis: Text{
				"任何单位和个人都可以举报电信网络诈骗（{afl.art30.3}）。",
				"Anyone may report telecom and online fraud ({afl.art30.3}).",
			},
			How: Text{
				"1. {hotline.96110}是公安机关的反诈预警劝阻专线，也接受诈骗线索的咨询和举报。它不是报警电话：已经被骗钱，请先拨打{hotline.110}。\n2. 在应用商店搜索“{app.antifraud}”安装App，用“我要举报”提交骗子的号码、短信、网址、App和账号；也可以用“报案助手”实名报案。\n3. 真正的{hotline.96110}来电显示为“区号+{hotline.96110}”。\n4. {hotline.12381}发来的是预警短信，只发不收，不含链接和回拨号码，不需要回复。",
				"1. {hotline.96110} is the police anti-fraud warning line; it also takes questions and reports about fraud. It is not an emergency line: if you have already lost money, call {hotline.110} first.\n2. Install the \"国家反诈中心\" ({app.antifraud}) app from your app store and use \"我要举报\" (report) to submit the scammers' numbers, texts, web addresses, apps and accounts; \"报案助手\" lets you file a real-name report.\n3. A genuine {hotline.96110} call shows as \"area code + {hotline.96110}\".\n4. {hotline.12381} sends warning texts only: they carry no links or call-back numbers and need no reply.",
			},
			Facts: []Fact{
				{Text{"电话", "Phone"}, Text{"{hotline.96110}（不是报警电话，紧急情况拨打{hotline.110}）", "{hotline.96110} (not an emergency line; in an emergency call {hotline.110})"}},
				{Text{"App", "App"}, Text{"{app.antifraud}", "国家反诈中心 ({app.antifraud})"}},
				{Text{"要举报", "Report"}, Text{"骗子的号码、短信、网址、App、账号", "The scammers' numbers, texts, web addresses, apps and accounts"}},
			},
			Channel: "96110",
			Packet:  PacketPolice,
		},
		{
			Kind:  "platform-takedown",
			Order: 60,
			Title: Text{"通知平台删除帖子", "Ask the platform to take the post down"},
			Why: Text{
				"信息在网上多挂一天，就可能多一批人看到。平台收到合格的通知后，应当及时删除、屏蔽或断开链接；不及时处理的，对扩大的损害要和发帖人一起承担责任。",
				"Every day the post stays up, more people may see it. Once a platform receives a proper notice it must promptly delete, block or disconnect the link; if it is slow, it shares liability for the extra harm.",
			},
			Basis: Text{
				"{civil.art1195}；{npcsc2012.art8}。",
				"{civil.art1195}; {npcsc2012.art8}.",
			},
			How: Text{
				"1. 先保存证据：帖子截图，记下网址和看到的时间。\n2. 通过平台的举报或侵权投诉入口提交通知，也可以用本应用生成的删除通知。\n3. 通知里必须有两样东西：构成侵权的初步证据，以及你的真实身份信息。\n4. 发给平台的截图和材料里，把身份证号码等敏感信息遮挡一部分；平台核验身份时再按它的要求提供。\n5. 记下提交时间和工单号。",
				"1. Keep the evidence first: screenshot the post and note the web address and the time you saw it.\n2. Send the notice through the platform's report or infringement form, or use the deletion notice this app drafts.\n3. The notice must contain two things: preliminary evidence of the infringement, and your real identity.\n4. In screenshots and documents you send, mask part of your ID number and other sensitive details; give more only when the platform verifies your identity.\n5. Note the time you submitted and the ticket number.",
			},
			Facts: []Fact{
				{Text{"通知必须包含", "The notice must contain"}, Text{"侵权的初步证据；你的真实身份信息", "Preliminary evidence of infringement; your real identity"}},
				{Text{"平台要做什么", "What the platform must do"}, Text{"及时删除、屏蔽或断开链接，并把通知转给发帖人", "Promptly delete, block or disconnect the link, and forward the notice to the poster"}},
				{Text{"要记录", "Record"}, Text{"提交时间、工单号、处理结果", "Time submitted, ticket number, outcome"}},
			},
			FollowUp: &FollowUpRule{On: StatusDoing, Days: 3, Reason: Text{
				"法律要求平台“及时”处理，没有规定天数。3天是本应用建议的复查时间，不是法定期限。",
				"The law requires the platform to act \"promptly\" without a number of days. Three days is the app's suggested check, not a legal deadline.",
			}},
			Packet: PacketProvider,
		},
		{
			Kind:  "report-12377",
			Order: 65,
			Title: Text{"向{hotline.12377}举报网上发布的个人信息", "Report the post to {hotline.12377}"},
			Why: Text{
				"{hotline.12377}是{org.12377}，受理侵害他人名誉、隐私等合法权益的网上信息。",
				"{hotline.12377} is the {org.12377}; it takes reports of online content that infringes others' reputation, privacy or other lawful rights.",
			},
			Basis: Text{
				"{pipl.art65}（任何组织、个人都可以投诉、举报）；{npcsc2012.art9}。",
				"{pipl.art65} (anyone may complain or report); {npcsc2012.art9}.",
			},
			How: Text{
				"1. 通过网站 {url.12377}、“{app.12377}”App、邮箱 {email.12377} 或电话{hotline.12377}举报。\n2. 写明帖子的网址、发布的平台、你看到的时间，附上截图。\n3. 记下提交时间和举报编号。",
				"1. Report through {url.12377}, the \"网络举报\" app, e-mail {email.12377} or phone {hotline.12377}.\n2. Give the post's web address, the platform and when you saw it, and attach screenshots.\n3. Note when you submitted and the report number.",
			},
			Facts: []Fact{
				{Text{"电话", "Phone"}, Text{"{hotline.12377}", "{hotline.12377}"}},
				{Text{"网站", "Website"}, Text{"{url.12377}", "{url.12377}"}},
				{Text{"邮箱", "E-mail"}, Text{"{email.12377}", "{email.12377}"}},
				{Text{"App", "App"}, Text{"{app.12377}", "网络举报 ({app.12377})"}},
			},
			Channel: "12377",
		},
		{
			Kind:  "credit-report",
			Order: 70,
			Title: Text{"查一下个人征信报告", "Check your credit report"},
			Why: Text{
				"身份证信息泄露后，有人可能用它办贷款或信用卡。征信报告能看到你名下的贷款、信用卡和查询记录，越早发现越好处理。",
				"With your ID details, someone may open loans or cards in your name. Your credit report shows the loans, cards and searches under your name; the sooner you spot a problem, the easier it is to fix.",
			},
			Basis: Text{
				"个人每年可以免费查询本人信用报告两次（{credit.art17}）。",
				"You may get your own credit report free twice a year ({credit.art17}).",
			},
			How: Text{
				"1. 通过{org.pbccrc}的个人征信服务平台 {url.ipcrs} 查询，或拨打 {hotline.pbccrc} 咨询。\n2. 逐条核对贷款、信用卡和查询记录。\n3. 发现不是你办的，保存报告，按“征信异议”步骤处理，并告诉警方。",
				"1. Use the {org.pbccrc}'s personal credit platform at {url.ipcrs}, or call {hotline.pbccrc} for help.\n2. Check every loan, card and search entry.\n3. If anything is not yours, keep the report, follow the credit-dispute step and tell the police.",
			},
			Facts: []Fact{
				{Text{"免费次数", "Free reports"}, Text{"每年2次", "Twice a year"}},
				{Text{"网站", "Website"}, Text{"{url.ipcrs}", "{url.ipcrs}"}},
				{Text{"电话", "Phone"}, Text{"{hotline.pbccrc}", "{hotline.pbccrc}"}},
			},
		},
		{
			Kind:  "credit-dispute",
			Order: 80,
			Title: Text{"对不是你的记录提出征信异议", "Dispute credit records that are not yours"},
			Why: Text{
				"冒名办的贷款会留在你的征信里，影响你以后借钱、办卡。提出异议后，这条记录会被标注“有异议”，对方要在20日内核查并书面答复。",
				"A loan taken in your name stays on your credit record and can affect future borrowing. Once you object, the entry is marked as disputed, and you must get a written answer within 20 days.",
			},
			Basis: Text{
				"{credit.art25}（异议，20日内书面答复）；{credit.art26}（向人民银行派出机构投诉，30日内书面答复，也可以直接起诉）。",
				"{credit.art25} (objection, written reply within 20 days); {credit.art26} (complaint to the local PBoC branch, written reply within 30 days, or sue directly).",
			},
			How: Text{
				"1. 向征信中心或放贷机构（信息提供者）提出异议，写明哪几条记录不是你的。\n2. 附上身份证明，有报案回执的一并附上。\n3. 保留提交凭证，记下日期。\n4. 20日后没有答复或不满意，可以向当地人民银行派出机构投诉，它应在受理后30日内书面答复；也可以直接向法院起诉。",
				"1. Object to the Credit Reference Center or to the lender that reported the entry, listing the entries that are not yours.\n2. Attach proof of identity and, if you have one, the police receipt.\n3. Keep proof of submission and note the date.\n4. If there is no answer after 20 days, or you disagree, complain to the local PBoC branch, which must reply in writing within 30 days of accepting it; you may also sue.",
			},
			Facts: []Fact{
				{Text{"答复期限", "Reply due"}, Text{"收到异议之日起20日内，书面答复", "Within 20 days of receiving the objection, in writing"}},
				{Text{"不满意时", "If unsatisfied"}, Text{"向当地人民银行派出机构投诉，受理后30日内书面答复", "Complain to the local PBoC branch: written reply within 30 days of acceptance"}},
			},
			FollowUp: &FollowUpRule{On: StatusDoing, Days: 20, Reason: Text{
				"异议应在收到之日起20日内核查处理并书面答复（{credit.art25}）。",
				"An objection must be checked and answered in writing within 20 days of receipt ({credit.art25}).",
			}},
			Packet: PacketProvider,
		},
		{
			Kind:  "contact-lenders",
			Order: 90,
			Title: Text{"书面告诉放贷机构：这笔贷款不是你办的", "Tell the lender in writing that the loan is not yours"},
			Why: Text{
				"放贷方不知道是冒名，催收就不会停。你的书面声明和报案回执，是以后证明“不是我借的”的重要依据。",
				"Collection will not stop until the lender knows it was taken in your name. Your written statement and police receipt are key proof later that you did not borrow.",
			},
			Basis: Text{
				"征信异议也可以向信息提供者（放贷机构）提出，应在20日内书面答复（{credit.art25}）。",
				"A credit objection can also go to the data provider (the lender), which must answer in writing within 20 days ({credit.art25}).",
			},
			How: Text{
				"1. 通过放贷机构的官方客服或官网联系，不要用催收人给的号码或链接。\n2. 书面说明你没有申请过这笔贷款，要求停止向你催收，并对上报征信的记录提出异议。\n3. 请对方提供申请材料的情况（合同、签名、人脸核验记录），以便报案。\n4. 不要为“消除记录”“注销账户”向任何人付钱。\n5. 记下联系时间、客服工号和业务编号。",
				"1. Contact the lender through its official customer service or website, not through numbers or links from the collector.\n2. State in writing that you never applied for the loan, ask them to stop collecting from you, and object to the entry they reported to the credit system.\n3. Ask what the application used (contract, signature, face check) so you can give it to the police.\n4. Never pay anyone to \"clear your record\" or \"close the account\".\n5. Note the time, agent ID and reference number.",
			},
			Facts: []Fact{
				{Text{"用哪个电话", "Which number"}, Text{"只用放贷机构官网或官方App上的客服", "Only the customer service on the lender's official website or app"}},
				{Text{"要记录", "Record"}, Text{"联系时间、客服工号、业务编号、对方答复", "Time, agent ID, reference number, their answer"}},
				{Text{"小心", "Beware"}, Text{"不要为“消除记录”向任何人付钱", "Never pay anyone to \"clear your record\""}},
			},
			FollowUp: &FollowUpRule{On: StatusDoing, Days: 20, Reason: Text{
				"向放贷机构提出的征信异议，也应在收到之日起20日内书面答复（{credit.art25}）。",
				"A credit objection made to the lender must also be answered in writing within 20 days of receipt ({credit.art25}).",
			}},
			Packet: PacketProvider,
		},
		{
			Kind:  "deletion-demand",
			Order: 100,
			Title: Text{"要求泄露方删除你的信息", "Demand that the source delete your information"},
			Why: Text{
				"对违法处理你信息的一方，你有权要求删除、停止处理。书面要求还能留下你主张权利的记录，并让索赔的诉讼时效重新计算。",
				"You have the right to make whoever handled your information unlawfully delete it and stop using it. A written demand also records that you claimed your rights, and restarts the time limit for a compensation claim.",
			},
			Basis: Text{
				"{civil.art1037}；{pipl.art47+pipl.art50}（拒绝要说明理由，可以向法院起诉）；{civil.art195}（诉讼时效中断）。信息发布在网络平台上的，另见{civil.art1195}。",
				"{civil.art1037}; {pipl.art47+pipl.art50} (a refusal must give reasons; you may sue); {civil.art195} (limitation restarts). For information on an online platform, see also {civil.art1195}.",
			},
			How: Text{
				"1. 用本应用生成删除通知：写明是哪些信息、你怎么发现的、要求删除并停止处理。\n2. 寄到对方公布的个人信息保护联系方式或客服，用能留下记录的方式：挂号信或EMS、电子邮件、App内工单。\n3. 可以同时要求对方说明泄露了哪些信息、原因、已采取的补救措施和联系方式（{pipl.art57}规定的通知内容）。\n4. 对方依法还要保存的，至少应停止存储和必要安全措施以外的处理。\n5. 把发送日期、方式和单号记在本步骤里。",
				"1. Use the deletion notice this app drafts: which information, how you found out, and that you require deletion and an end to processing.\n2. Send it to the organisation's published personal-information contact or customer service, in a way that leaves a record: registered post or EMS, e-mail, or an in-app ticket.\n3. You can also ask them to state what leaked, why, what they have done about it and how to contact them (the notice contents in {pipl.art57}).\n4. If they must keep the data by law, they must at least stop everything except storage and necessary security measures.\n5. Note the date, method and tracking number in this step.",
			},
			Facts: []Fact{
				{Text{"回复时间", "Reply time"}, Text{"法律只要求“及时”，没有规定天数", "The law says \"promptly\" and sets no number of days"}},
				{Text{"对方拒绝", "If they refuse"}, Text{"必须说明理由；你可以向法院起诉（{pipl.art50}）", "They must give reasons; you may sue ({pipl.art50})"}},
				{Text{"要保留", "Keep"}, Text{"通知副本、发送凭证（邮寄单号、邮件、工单截图）、对方回复", "A copy of the notice, proof of sending (tracking number, e-mail, ticket screenshot), their reply"}},
			},
			FollowUp: &FollowUpRule{On: StatusDoing, WorkingDays: 15, Reason: Text{
				"法律只要求“及时”，没有规定天数。本应用以15个工作日作为参考：有关部门认定App违法违规收集使用个人信息的方法中，处理投诉的承诺时限不得超过15个工作日。这是参考，不是法定期限。",
				"The law says only \"promptly\". The app uses 15 working days as a benchmark, taken from the regulators' method for identifying unlawful collection and use of personal information by apps, which caps the promised time for handling complaints at 15 working days. It is a benchmark, not a legal deadline.",
			}},
			Packet: PacketProvider,
		},
		{
			Kind:  "consumer-12315",
			Order: 110,
			Title: Text{"向{hotline.12315}投诉泄露信息的商家", "Complain to {hotline.12315} about the business"},
			Why: Text{
				"商家和它的员工必须对顾客的个人信息严格保密，不得泄露、出售或非法提供。市场监管部门收到投诉后，要在7个工作日内决定是否受理并告诉你。",
				"A business and its staff must keep customers' personal information strictly confidential and must not leak, sell or illegally provide it. The {org.samr-dept} must decide within 7 working days whether to accept your complaint, and tell you.",
			},
			Basis: Text{
				"{crpl.art14+crpl.art29+crpl.art56}；{samr.art7+samr.art9+samr.art14}；{crpl-reg.art46}。",
				"{crpl.art14+crpl.art29+crpl.art56}; {samr.art7+samr.art9+samr.art14}; {crpl-reg.art46}.",
			},
			How: Text{
				"1. 通过{platform.12315} {url.12315}（也可以用它的{platform.12315-mobile}）或拨打{hotline.12315}。\n2. 投诉必须写明：你的姓名、电话、地址；被投诉商家的名称和地址；具体要求和事实经过。本应用的投诉书已按这些项目排好。\n3. “投诉”是请求调解解决你的纠纷，“举报”是请求查处违法行为；两者可以一起提，会分开处理。\n4. 投诉网店的，一般由平台经营者住所地的市场监管部门处理。\n5. 记下投诉编号和提交日期。",
				"1. Use the {platform.12315} at {url.12315} (or its {platform.12315-mobile}), or call {hotline.12315}.\n2. The complaint must give your name, phone and address; the business's name and address; and what you ask for and what happened. This app's complaint letter follows that order.\n3. A complaint (投诉) asks for mediation of your dispute; a report (举报) asks for the violation to be punished. You can file both; they are handled separately.\n4. For an online shop, the regulator where the platform operator is based usually handles it.\n5. Note the complaint number and date.",
			},
			Facts: []Fact{
				{Text{"电话", "Phone"}, Text{"{hotline.12315}", "{hotline.12315}"}},
				{Text{"网站", "Website"}, Text{"{platform.12315} {url.12315}（也有{platform.12315-mobile}）", "{platform.12315} {url.12315} (also {platform.12315-mobile})"}},
				{Text{"受理决定", "Acceptance decision"}, Text{"收到投诉之日起7个工作日内", "Within 7 working days of receipt"}},
				{Text{"必须写明", "Must include"}, Text{"你的姓名、电话、地址；商家名称、地址；具体要求和事实", "Your name, phone, address; the business's name and address; your request and the facts"}},
				{Text{"和{org.cca-local}的区别", "How it differs from the {org.cca-local}"}, AssociationVs12315()},
			},
			FollowUp: &FollowUpRule{On: StatusDoing, WorkingDays: 7, Reason: Text{
				"市场监管部门应在{period.samr-accept}决定是否受理并告知你（{samr.art14}；{crpl-reg.art46}）。",
				"The {org.samr-dept} must decide whether to accept the complaint {period.samr-accept} and tell you ({samr.art14}; {crpl-reg.art46}).",
			}},
			Channel: "12315",
			Packet:  PacketConsumer,
		},
		{
			Kind:  "consumer-association",
			Order: 115,
			Title: Text{"请{org.cca-local}调解", "Ask the {org.cca-local} to mediate"},
			Why: Text{
				"{org.cca-local}受理消费者的投诉，可以调查，并组织你和商家调解；请求调解是解决消费争议的途径之一。调解需要双方同意，达成的协议要书面保存。",
				"A {org.cca-local} takes consumers' complaints, may look into them and brings you and the business together to mediate; mediation is one of the ways to settle a consumer dispute. Both sides must agree to it; keep any agreement in writing.",
			},
			Basis: Text{
				"{crpl.art37+crpl.art39}；{crpl-reg.art45}。",
				"{crpl.art37+crpl.art39}; {crpl-reg.art45}.",
			},
			How: Text{
				"1. 用本应用生成“投诉及调解申请书”：写明你的姓名、电话、地址，商家的名称和地址，你要求什么（删除、说明、道歉、赔偿，由你选择）和事实经过。\n2. 在导出时填上是哪一个{org.cca-local}（商家所在地或你所在地的），当面递交、邮寄，或者通过它公布的投诉渠道提交。\n3. 保留递交或寄送的凭证，记下受理编号和日期。",
				"1. Use this app's complaint and mediation request: your name, phone and address, the business's name and address, what you ask for (deletion, an explanation, an apology, compensation: you choose) and what happened.\n2. When exporting, fill in which {org.cca-local} (where the business is, or where you live); hand it in, post it, or use the association's published complaint channel.\n3. Keep proof of handing in or posting, and note any reference number and the date.",
			},
			Facts: []Fact{
				{Text{"处理时间", "Time"}, Text{"{period.cca-mediate}（{crpl-reg.art45}）", "{period.cca-mediate} ({crpl-reg.art45})"}},
				{Text{"和{hotline.12315}的区别", "How it differs from {hotline.12315}"}, AssociationVs12315()},
			},
			Packet: PacketAssociation,
		},
		{
			Kind:  "telecom-operator",
			Order: 120,
			Title: Text{"先向运营商投诉", "Complain to the phone company first"},
			Why: Text{
				"与运营商的纠纷要先向运营商投诉，它应在15日内答复；这也是以后向{hotline.12300}申诉的前提。电信等单位的工作人员泄露办业务时获得的身份证信息，要承担法律责任。",
				"A dispute with a phone company starts with a complaint to the company, which should answer within 15 days; this is also required before you can appeal to {hotline.12300}. Staff of telecom and similar companies who leak ID-card details obtained at work are legally liable.",
			},
			Basis: Text{
				"{telecom.art10@order}；{idcard.art19}。",
				"{telecom.art10@order}; {idcard.art19}.",
			},
			How: Text{
				"1. 拨打运营商客服电话，或到营业厅书面投诉。\n2. 说明哪天在哪个营业厅办了什么业务、提供了哪些材料（身份证复印件、人脸照片），之后发生了什么。\n3. 要求调查、删除多余的复印件和照片，并书面答复。\n4. 记下投诉编号和日期。",
				"1. Call the company's customer service, or complain in writing at a shop.\n2. Say when and at which shop you did what, what you handed over (ID copy, face photo) and what happened afterwards.\n3. Ask them to investigate, delete unneeded copies and photos, and reply in writing.\n4. Note the complaint number and date.",
			},
			Facts: []Fact{
				{Text{"答复期限", "Reply due"}, Text{"15日内", "Within 15 days"}},
				{Text{"要记录", "Record"}, Text{"投诉编号、日期、营业厅名称", "Complaint number, date, shop name"}},
			},
			FollowUp: &FollowUpRule{On: StatusDoing, Days: 15, Reason: Text{
				"运营商应在15日内答复；没有答复或不满意，可以向{hotline.12300}申诉（{telecom.art10}）。",
				"The company should answer within 15 days; without an answer, or if you disagree, you can appeal to {hotline.12300} ({telecom.art10}).",
			}},
			Packet: PacketProvider,
		},
		{
			Kind:  "telecom-12300",
			Order: 130,
			Title: Text{"向{hotline.12300}申诉", "Appeal to {hotline.12300} (telecom complaints)"},
			Why: Text{
				"运营商15日内没有答复，或者答复不能让你满意，可以向工业和信息化部门的电信用户申诉受理机构申诉。",
				"If the phone company did not answer within 15 days, or its answer does not satisfy you, you can appeal to the {org.12300} of the industry and IT authorities.",
			},
			Basis: Text{
				"{telecom.art11+telecom.art14@order}。",
				"{telecom.art11+telecom.art14@order}.",
			},
			How: Text{
				"1. 拨打{hotline.12300}或通过工业和信息化部网站申诉，向被投诉运营商所在省的申诉受理机构提出。\n2. 附上你向运营商投诉的编号、时间和对方的答复。\n3. 与资费无关的争议，要在2年内申诉。\n4. 记下申诉编号。",
				"1. Call {hotline.12300} or use the MIIT website; the appeal goes to the complaint centre of the province where the company is.\n2. Attach your complaint number to the company, its date and their answer.\n3. Disputes not about fees must be appealed within 2 years.\n4. Note the appeal number.",
			},
			Facts: []Fact{
				{Text{"电话", "Phone"}, Text{"{hotline.12300}", "{hotline.12300}"}},
				{Text{"是否受理", "Acceptance"}, Text{"收到材料后5个工作日内决定", "Decided within 5 working days of receiving the materials"}},
				{Text{"处理结果", "Outcome"}, Text{"收到全部材料后30日内答复", "Answered within 30 days of receiving all materials"}},
				{Text{"申诉时限", "Time limit to appeal"}, Text{"资费以外的争议：2年内", "Disputes other than fees: within 2 years"}},
			},
			FollowUp: &FollowUpRule{On: StatusDoing, WorkingDays: 5, Reason: Text{
				"申诉受理机构应在收到材料后5个工作日内决定是否受理（{telecom.art14}）；处理结果在收到全部材料后30日内答复。",
				"The complaint centre must decide within 5 working days of receiving the materials whether to accept the appeal ({telecom.art14}); the outcome follows within 30 days of receiving all materials.",
			}},
			Channel: "12300",
		},
		{
			Kind:  "financial-12378",
			Order: 140,
			Title: Text{"向{hotline.12378}投诉放贷的银行或保险机构", "Complain to {hotline.12378} about a lending bank or insurer"},
			Why: Text{
				"银行、保险机构在冒名贷款中没有把好关，可以向金融监管部门投诉。{hotline.12378}是{org.nfra}的银行保险消费者投诉电话。",
				"If a bank or insurer failed to check a loan taken in your name, you can complain to the financial regulator. {hotline.12378} is the consumer complaint line of the {org.nfra} for banks and insurers.",
			},
			Basis: Text{
				"{pipl.art65}（向{org.pi-dept}投诉、举报）；{credit.art26}（征信投诉）。",
				"{pipl.art65} (complaints to the {org.pi-dept}); {credit.art26} (credit-report complaints).",
			},
			How: Text{
				"1. 银行、保险机构的问题：拨打{hotline.12378}。\n2. 支付机构（例如支付平台）的问题：先向该机构投诉，再向当地{org.pboc}分支机构反映。\n3. 征信记录的问题：向当地人民银行派出机构投诉，它应在受理后30日内书面答复。\n4. 其他放贷机构：先向该机构书面投诉，并把情况写进报案材料。\n5. 记下投诉编号和日期。",
				"1. For a bank or insurer: call {hotline.12378}.\n2. For a payment institution (such as a payment app): complain to the institution first, then to the local branch of the {org.pboc}.\n3. For credit-report entries: complain to the local PBoC branch, which must reply in writing within 30 days of accepting it.\n4. For other lenders: complain to the lender in writing first, and include it in your police report.\n5. Note the complaint number and date.",
			},
			Facts: []Fact{
				{Text{"电话", "Phone"}, Text{"{hotline.12378}（{org.nfra}，银行、保险机构）", "{hotline.12378} ({org.nfra}; banks and insurers)"}},
				{Text{"支付机构", "Payment institutions"}, Text{"先向机构投诉，再向当地{org.pboc}分支机构反映", "First the institution, then the local branch of the {org.pboc}"}},
				{Text{"征信投诉", "Credit-report complaints"}, Text{"当地人民银行派出机构，受理后30日内书面答复", "Local PBoC branch; written reply within 30 days of acceptance"}},
			},
			Channel: "12378",
		},
		{
			Kind:  "regulator-complaint",
			Order: 150,
			Title: Text{"向主管部门投诉泄露方", "Complain about the source to the authority in charge"},
			Why: Text{
				"任何组织和个人都可以就违法处理个人信息的行为，向{org.pi-dept}投诉、举报；收到的部门应当依法及时处理，并把处理结果告知你（{pipl.art65}）。这不影响你同时向该机构本身或法院主张权利。本应用的“投诉举报材料”就是为这一步准备的。",
				"Anyone may complain about or report unlawful handling of personal information to the {org.pi-dept}; the department must handle it promptly according to law and tell you the result ({pipl.art65}). You can still also claim against the organisation itself or in court. The app's regulator complaint packet is made for this step.",
			},
			Basis: Text{
				"{pipl.art60+pipl.art61+pipl.art65}（哪些部门负责，受理投诉、举报）。",
				"{pipl.art60+pipl.art61+pipl.art65} (which departments are responsible; complaints and reports).",
			},
			How: Text{
				"1. 找对部门：快递公司找{org.postal-dept}；商家找{org.samr-dept}（{hotline.12315}）；银行、保险机构先向机构本身投诉，再找{org.nfra}的派出机构（{hotline.12378}）；支付机构先向机构本身投诉，再找当地{org.pboc}分支机构；电信运营商先向运营商投诉，再找{org.miit-province}；网站、App、工作单位和其他情况找当地{org.cac-dept}。\n2. 用本应用生成投诉举报材料：写明被投诉的机构、泄露了哪些信息、你为什么认为是它泄露的、你的请求，并附上证据。\n3. 用真实姓名投诉，部门才能把处理结果告诉你。\n4. 记下提交日期、方式、受理部门和编号。",
				"1. Find the right department: for a courier, the {org.postal-dept}; for a business, the {org.samr-dept} ({hotline.12315}); for a bank or insurer, the organisation first, then the local office of the {org.nfra} ({hotline.12378}); for a payment institution, the institution first, then the local branch of the {org.pboc}; for a phone company, the company first, then the {org.miit-province}; for a website, app, employer or anything else, the local {org.cac-dept}.\n2. Use the regulator complaint packet this app drafts: which organisation, what leaked, why you think it leaked from there, what you ask for, with the evidence attached.\n3. Complain under your real name, so the department can tell you the result.\n4. Note the date, the method, the department and any reference number.",
			},
			Facts: []Fact{
				{Text{"处理时间", "Handling time"}, Text{"法律只要求“依法及时处理”并告知结果，没有规定天数", "The law requires prompt handling and telling you the result; it sets no number of days"}},
				{Text{"要记录", "Record"}, Text{"提交日期、方式、受理部门、编号", "Date, method, department, reference number"}},
				// The next rung (issue 18): a provider that ignores a written
				// order to correct may be committing 刑法第二百八十六条之一.
				{Text{"对方拒不改正", "If it ignores an order"}, Text{
					"网络服务提供者收到{org.286-authorities}的书面责令改正通知后仍不改正的，在“详情”里记录通知和拒不改正的情况，报案材料会据此写明{crl.art286-1}",
					"If a network service provider ignores a written order of the {org.286-authorities} to correct, record the order and the refusal in Details; the police packet then cites {crl.art286-1}"}},
			},
			FollowUp: &FollowUpRule{On: StatusDoing, Days: 30, Reason: Text{
				"法律只要求部门“依法及时处理”并告知结果，没有规定天数。一个月是本应用建议的询问时间，不是法定期限。",
				"The law requires the department to handle it promptly and tell you the result, with no number of days. A month is the app's suggested time to ask, not a legal deadline.",
			}},
			Packet: PacketRegulator,
		},
		{
			Kind:  "report-12321",
			Order: 160,
			Title: Text{"向{hotline.12321}举报骚扰和诈骗电话、短信", "Report nuisance and scam calls and texts to {hotline.12321}"},
			Why: Text{
				"{org.12321}受理垃圾短信、骚扰电话、诈骗电话和个人信息泄露的举报。举报能帮助封堵这些号码。",
				"The {org.12321} takes reports of spam texts, nuisance and scam calls, and personal-information leaks. Reports help get the numbers stopped.",
			},
			Basis: Text{
				"未经同意，不得以电话、短信等方式侵扰他人的私人生活安宁（{civil.art1033.1}）；商家不得向拒绝接收的消费者发送商业性信息（{crpl.art29.3}）。",
				"No one may disturb another's private life by phone, text and the like without consent ({civil.art1033.1}); businesses may not send commercial messages to consumers who refused them ({crpl.art29.3}).",
			},
			How: Text{
				"1. 通过网站 {url.12321} 或微信公众号“{wechat.12321}”举报。\n2. 原始短信和来电记录要原样保留，不要编辑；截图里要能看到号码和时间。\n3. 不要回复，不要点链接，不要回拨。\n4. 垃圾邮件可以把原邮件（.eml文件）发到 {email.12321}。\n5. 电话{hotline.010-12321}主要用于咨询。",
				"1. Report through {url.12321} or the WeChat account \"{wechat.12321}\".\n2. Keep the original texts and call logs unedited; screenshots should show the number and time.\n3. Do not reply, click links or call back.\n4. For spam e-mail, send the original message (.eml file) to {email.12321}.\n5. The phone line {hotline.010-12321} is mainly for questions.",
			},
			Facts: []Fact{
				{Text{"网站", "Website"}, Text{"{url.12321}", "{url.12321}"}},
				{Text{"微信", "WeChat"}, Text{"{wechat.12321}", "{wechat.12321}"}},
				{Text{"电话", "Phone"}, Text{"{hotline.010-12321}（主要用于咨询）", "{hotline.010-12321} (mainly for questions)"}},
				{Text{"要保留", "Keep"}, Text{"原始短信和来电记录，不要编辑", "The original texts and call logs, unedited"}},
			},
			Channel: "12321",
		},
		{
			Kind:  "warn-family",
			Order: 170,
			Title: Text{"提醒家人和朋友", "Warn your family and friends"},
			Why: Text{
				"拿到你信息的人，可能冒充你，或者冒充快递、客服去联系你的家人和朋友。提前打个招呼，他们就不容易上当。",
				"Whoever has your details may pose as you, or as a courier or customer service, to contact your family and friends. A word in advance makes them much harder to fool.",
			},
			Basis: Text{
				"这是自我保护措施，不涉及法律程序。",
				"A self-protection step; no legal procedure is involved.",
			},
			How: Text{
				"1. 告诉他们你的信息泄露了，可能会有人以你的名义联系他们。\n2. 涉及转账、借钱，一定先用已知的号码打给你本人核实。\n3. 可以约定一个只有家里人知道的问题。\n4. 建议他们安装“{app.antifraud}”App。",
				"1. Tell them your details have leaked and someone may contact them in your name.\n2. Before any transfer or loan, they should call you on a number they already know.\n3. Agree on a question only the family can answer.\n4. Suggest they install the \"国家反诈中心\" ({app.antifraud}) app.",
			},
			Facts: []Fact{
				{Text{"核实方法", "How to check"}, Text{"用已知号码打给本人", "Call the person on a number you already know"}},
			},
		},
		{
			Kind:  "civil-claim",
			Order: 180,
			Title: Text{"考虑民事索赔", "Consider a civil claim"},
			Why: Text{
				"你可以要求侵权方停止侵害、删除信息、赔礼道歉、赔偿损失。处理你信息的机构如果不能证明自己没有过错，就要承担责任。",
				"You can ask whoever infringed your rights to stop, delete your information, apologise and compensate you. An organisation that handled your information is liable unless it proves it was not at fault.",
			},
			Basis: Text{
				"{pipl.art69}（过错推定、赔偿）；{civil.art1182+civil.art1183}（精神损害赔偿）；{civil.art188+civil.art195+civil.art196}（诉讼时效3年）；{crpl.art50}；{spc-network.art12}。",
				"{pipl.art69} (presumed fault, damages); {civil.art1182+civil.art1183} (moral damages); {civil.art188+civil.art195+civil.art196} (3-year limitation); {crpl.art50}; {spc-network.art12}.",
			},
			How: Text{
				"1. 诉讼时效是3年，从你知道或者应当知道受到损害以及谁是责任人时开始算。\n2. 向对方发出书面要求（例如删除通知）会让时效中断、重新计算；要求停止侵害、删除信息不受时效限制。\n3. 保留为制止侵权花的合理费用的票据，例如调查取证的费用；你的损失和对方的获利都难以确定时，法院可以在50万元以内酌定赔偿。\n4. 免费法律咨询：{hotline.12348}公共法律服务热线，或中国法律服务网 {url.12348}。\n5. 法律援助：单纯的民事索赔不在{legal-aid.art31}列举的事项内（除非地方法规另有规定）；刑事案件的被害人、附带民事诉讼原告人经济困难的，可以依照{legal-aid.art29}申请。",
				"1. The time limit is 3 years from when you knew, or should have known, of the harm and of who is responsible.\n2. A written demand to them (such as the deletion notice) interrupts and restarts the limit; claims to stop the infringement or delete information have no time limit.\n3. Keep receipts for reasonable costs of stopping the infringement, such as evidence gathering; when neither your loss nor their gain can be determined, a court may award up to 500,000 yuan.\n4. Free legal advice: the {hotline.12348} public legal service hotline, or {url.12348}.\n5. Legal aid: a civil claim alone is not among the matters listed in {legal-aid.art31} (unless a local regulation adds it); a victim in a criminal case, or the plaintiff in an attached civil action, who cannot afford a lawyer may apply under {legal-aid.art29}.",
			},
			Facts: []Fact{
				{Text{"诉讼时效", "Time limit"}, Text{"3年，从知道或应当知道损害和责任人时起算", "3 years from when you knew or should have known of the harm and who is responsible"}},
				{Text{"免费法律咨询", "Free legal advice"}, Text{"{hotline.12348}；{url.12348}", "{hotline.12348}; {url.12348}"}},
				{Text{"要保留", "Keep"}, Text{"为制止侵权花的合理费用的票据", "Receipts for reasonable costs of stopping the infringement"}},
			},
			Packet: PacketCivil,
		},
	}
}
