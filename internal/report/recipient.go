package report

import (
	"strings"

	"leakdesk/internal/incident"
)

// traits are what the letters need to know about the kind of organisation
// a letter goes to: the source kind's attributes in package source (one
// list for the intake, the Details tab and the documents).
type traits struct {
	// Company: addressed as 贵司; otherwise 贵单位 (a hospital, school,
	// employer of unknown form, government office).
	Company bool
	// NetworkService: a network service provider in the sense of 民法典
	// Art. 1195, the only recipients to whom the notice rule of that
	// article is cited.
	NetworkService bool
	// ConsumerBusiness: a 经营者 that serves people as consumers, the only
	// recipients to whom the 消费者权益保护法 is cited.
	ConsumerBusiness bool
}

func sourceTraits(k incident.SourceKind) traits {
	in := incident.SourceKindInfo(k)
	return traits{Company: in.Company, NetworkService: in.NetworkProvider, ConsumerBusiness: in.Consumer}
}

// you is how a letter addresses the respondent: 贵司 to a company, else 贵单位.
func (b *builder) you() string {
	if sourceTraits(b.c.SourceKind).Company {
		return "贵司"
	}
	return "贵单位"
}

// honorific is how the police document addresses the station: 贵所 to a
// 派出所, 贵局 to a 公安局 or 分局, else 贵机关.
func honorific(recipient string) string {
	switch {
	case strings.Contains(recipient, "派出所"):
		return "贵所"
	case strings.HasSuffix(recipient, "局") || strings.Contains(recipient, "分局"):
		return "贵局"
	}
	return "贵机关"
}
