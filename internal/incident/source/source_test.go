package source

import "testing"

func TestListIsOneListWithOneLabelEach(t *testing.T) {
	seen := map[string]bool{}
	all := All()
	if all[len(all)-1].Kind != Unknown {
		t.Errorf("last kind = %s, want unknown (the intake's not-sure answer)", all[len(all)-1].Kind)
	}
	for _, in := range all {
		for _, s := range []string{string(in.Kind), "zh:" + in.ZH, "en:" + in.EN} {
			if seen[s] || s == "zh:" || s == "en:" {
				t.Errorf("%s: empty or duplicate key or label %q", in.Kind, s)
			}
			seen[s] = true
		}
		if in.NetworkProvider && !in.Company {
			t.Errorf("%s: a network service provider here is always a company", in.Kind)
		}
	}
}

// Every key a stored case can hold today or held in an earlier version must
// load as a kind: the keys of the first release, unchanged, and the empty key.
func TestStoredKeysLoad(t *testing.T) {
	for _, c := range []struct {
		key  string
		want Kind
	}{
		{"courier", Courier}, {"ecommerce", Ecommerce}, {"bank", Bank}, {"telecom", Telecom},
		{"hotel", Hotel}, {"hospital", Hospital}, {"realestate", RealEstate}, {"employer", Employer},
		{"education", Education}, {"platform", Platform}, {"government", Government}, {"unknown", Unknown},
		{"", Unknown},
		{"payment", Payment}, {"school", School}, {"business", OtherBusiness},
	} {
		if got, ok := Normalize(c.key); !ok || got != c.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", c.key, got, ok, c.want)
		}
	}
	if _, ok := Normalize("bank-or-payment"); ok {
		t.Error("Normalize accepted a key that was never stored")
	}
}

func TestAttributes(t *testing.T) {
	for _, c := range []struct {
		k                           Kind
		company, provider, consumer bool
	}{
		{Courier, true, false, false},
		{Ecommerce, true, false, true},
		{Bank, true, false, true},
		{Payment, true, false, true},
		{Platform, true, true, true},
		{Hospital, false, false, false},
		{School, false, false, false},
		{Employer, false, false, false},
		{Government, false, false, false},
		{Unknown, false, false, false},
	} {
		in, _ := Lookup(c.k)
		if in.Company != c.company || in.NetworkProvider != c.provider || in.Consumer != c.consumer {
			t.Errorf("%s: company %v provider %v consumer %v; want %v %v %v", c.k, in.Company, in.NetworkProvider, in.Consumer, c.company, c.provider, c.consumer)
		}
	}
	if Label(Bank, "zh") != "银行或保险公司" || Label(Bank, "en") != "Bank or insurer" {
		t.Errorf("bank label = %q / %q", Label(Bank, "zh"), Label(Bank, "en"))
	}
}
