package report

// ZHLabels are the renderer's fixed words in Chinese. Packets are printed in
// Chinese because their readers are PRC officials and companies.
func ZHLabels() Labels {
	return Labels{
		TOC:          "目　录",
		PageFooter:   "第 %d 页 / 共 %d 页",
		CoverPages:   "本材料共 %d 页",
		ExhibitsHead: "证据材料",
		Exhibit:      "证据",
		Source:       "来源",
		Captured:     "形成/获取时间",
		Proves:       "证明目的",
		Format:       "文件格式",
		Separate:     "以电子形式另行提交",
		NotImported:  "该文件无法在本材料中呈现（%s），以电子形式另行提交，其 SHA-256 哈希值见上。",
		HashMismatch: "文件内容与登记的哈希值不符",
		PageOf:       "（第 %d / %d 页）",
		Masked:       "（本证据的文字按本材料的遮蔽设置隐去了部分号码；原始文件的哈希值见上。）",
		Continued:    "（续）",
		Unknown:      "不详",
		NotForSubmit: "本页为使用说明，不作为提交材料，提交前请取下",
		ChainHead:    "案件记录链末端哈希",
		Truncated:    "（文件内容较长，以上仅打印前一部分，完整内容见电子文件。）",
		Attachment:   "附件",
		Reasons: map[string]string{
			"unreadable": "文件无法读取",
			"hash":       "文件内容与登记的哈希值不符",
			"damaged":    "文件已损坏或格式无法识别",
			// Where a parser stopped: the byte offset, counted from 0.
			"damaged_at": "文件已损坏，自第 %d 字节起无法解析",
			"encrypted":  "文件已加密",
			"too_large":  "文件过大",
			"format":     "文件格式与登记不符",
			// A valid PDF that uses a structure the importer cannot copy.
			"unsupported": "文件使用了本程序无法打印的PDF功能",
		},
	}
}
