package ui

import (
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/assets"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/exhibit"
)

// settingLang is where the chosen language is kept (in the store, because
// Fyne's preferences file is written non-atomically); the domain declares
// it a display setting, kept in the clear for the lock screen.
const settingLang = incident.SettingLang

// settingsView: language, data folder, backups, evidence cap, about.
type settingsView struct {
	u *appUI
	// state
	backups []BackupFile

	// widgets
	root       *fyne.Container
	langSel    *widget.RadioGroup
	zoneSel    *widget.Select
	capEntry   *imeEntry
	backupList *fyne.Container
	backupBtn  *widget.Button
	security   *securitySection
	receiving  *receivingKey
	agent      *agentSection
}

func newSettingsView(u *appUI) *settingsView {
	s := &settingsView{u: u}
	names := []string{"中文", "English"}
	s.langSel = &widget.RadioGroup{Options: names, Horizontal: true, Required: true, Selected: names[0]}
	if u.code == "en" {
		s.langSel.Selected = names[1]
	}
	s.langSel.OnChanged = func(v string) {
		code := "zh"
		if v == names[1] {
			code = "en"
		}
		s.onLanguage(code)
	}

	folder := &widget.Label{Text: u.deps.DataDir, Wrapping: fyne.TextWrapBreak, Selectable: true}
	openBtn := &widget.Button{Text: lang.L("Open folder"), Icon: theme.FolderOpenIcon(), OnTapped: s.onOpenFolder}
	if u.deps.OpenFolder == nil {
		openBtn.Hide()
	}

	s.backupBtn = &widget.Button{Text: lang.L("Back up now"), Icon: theme.DocumentSaveIcon(), OnTapped: s.onBackupNow}
	saveCopy := &widget.Button{Text: lang.L("Save a copy elsewhere…"), Icon: theme.DownloadIcon(), OnTapped: s.onBackupTo}
	if u.deps.Backup == nil {
		s.backupBtn.Hide()
		saveCopy.Hide()
	}
	s.backupList = container.NewVBox()

	s.capEntry = newEntry()
	s.capEntry.SetText(strconv.FormatInt(u.deps.Service.MaxEvidenceSize(u.ctx)>>20, 10))
	capSave := &widget.Button{Text: lang.L("Save"), OnTapped: s.onSaveCap}
	capRow := container.NewBorder(nil, nil, nil, container.NewHBox(&widget.Label{Text: "MB"}, capSave), s.capEntry)

	s.zoneSel = newZoneSelect(u)

	section := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		box := container.NewVBox(&widget.Label{Text: title, SizeName: theme.SizeNameSubHeadingText})
		for _, o := range objs {
			box.Add(o)
		}
		return box
	}
	hint := func(t string) *widget.Label {
		return &widget.Label{Text: t, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	}
	about := &widget.Label{Text: lang.L("leakdesk {{.Version}} — organise your response to a personal-information leak. Works offline: nothing leaves this computer.", map[string]any{"Version": u.deps.Version}), Wrapping: fyne.TextWrapWord}
	licences := &widget.Button{Text: lang.L("Licences"), Icon: theme.InfoIcon(), OnTapped: s.onLicences}

	s.security = newSecuritySection(u)
	s.receiving = newReceivingKey(u)
	s.agent = newAgentSection(u)
	content := container.NewVBox(
		&widget.Label{Text: lang.L("Settings"), SizeName: theme.SizeNameHeadingText},
		section(lang.L("Language"), s.langSel, hint(lang.L("Takes effect at once. The choice is remembered for next time."))),
		widget.NewSeparator(),
		section(lang.L("Security"), s.security.root),
		widget.NewSeparator(),
		section(lang.L("My receiving key"), s.receiving.root),
		widget.NewSeparator(),
		section(lang.L("Data folder"), folder, container.NewHBox(openBtn),
			hint(lang.L("All cases and evidence are kept in one file in this folder. To move to another computer, copy a backup."))),
		widget.NewSeparator(),
		section(lang.L("Backups"), hint(lang.L("leakdesk makes a backup every day it is used and keeps the last seven. Restoring replaces all current data with the backup (the current data is backed up first).")),
			container.NewHBox(s.backupBtn, saveCopy), s.backupList),
		widget.NewSeparator(),
		section(lang.L("Evidence"), &widget.Label{Text: lang.L("Largest file accepted as evidence")}, capRow),
		widget.NewSeparator(),
		section(lang.L("Dates and deadlines"), s.zoneSel,
			hint(lang.L("Times are shown and printed, and deadlines counted, in this zone whatever the computer's clock is set to. Deadlines belong to the offices the case deals with."))),
		widget.NewSeparator(),
		section(lang.L("Acting for victims"), s.agent.root),
		widget.NewSeparator(),
		section(lang.L("About"), about, container.NewHBox(licences)),
	)
	s.root = container.NewStack(container.NewVScroll(container.NewPadded(content)))
	return s
}

func (s *settingsView) refresh() {
	s.security.refresh()
	s.receiving.refresh()
	s.agent.refresh()
	s.backupList.RemoveAll()
	if s.u.deps.Backups == nil || s.u.deps.Restore == nil {
		return
	}
	list, err := s.u.deps.Backups()
	if err != nil {
		logError("listing backups", err)
	}
	s.backups = list
	if len(list) == 0 {
		s.backupList.Add(&widget.Label{Text: lang.L("No backups yet.")})
		return
	}
	for _, b := range list {
		b := b
		label := &widget.Label{Text: lang.L("{{.When}} — {{.Size}}", map[string]any{"When": s.u.formatDateTime(b.At), "Size": exhibit.FormatSize(b.Size)})}
		btn := &widget.Button{Text: lang.L("Restore"), Icon: theme.HistoryIcon(), OnTapped: func() { s.onRestore(b) }}
		s.backupList.Add(container.NewBorder(nil, nil, nil, btn, label))
	}
}

func (s *settingsView) onLanguage(code string) {
	if code == s.u.code {
		return
	}
	if err := s.u.deps.Service.SetSetting(s.u.ctx, settingLang, code); err != nil {
		s.u.showError(err)
	}
	// A copy in Fyne's preferences lets the next start show the first frame
	// in this language before the store is open; the store stays the truth.
	s.u.app.Preferences().SetString(settingLang, code)
	s.u.switchLanguage(code)
}

// newZoneSelect offers the zones a case's days may be counted in; choosing
// one stores it in the service, which every date and deadline then follows.
func newZoneSelect(u *appUI) *widget.Select {
	zones := incident.Zones()
	names := make([]string, len(zones))
	current := u.zone().String()
	sel := &widget.Select{}
	for i, z := range zones {
		names[i] = z.ZH
		if u.code == "en" {
			names[i] = z.EN
		}
		if z.Name == current {
			sel.Selected = names[i]
		}
	}
	sel.Options = names
	sel.OnChanged = func(string) {
		z := zones[sel.SelectedIndex()]
		if z.Name == u.zone().String() {
			return
		}
		if err := u.deps.Service.SetZone(u.ctx, z.Name); err != nil {
			u.showError(err)
		}
	}
	return sel
}

func (s *settingsView) onOpenFolder() {
	if err := s.u.deps.OpenFolder(s.u.deps.DataDir); err != nil {
		s.u.showError(incident.Errorf(incident.CodeInternal, "无法打开文件夹："+s.u.deps.DataDir, "Cannot open the folder: "+s.u.deps.DataDir, err))
	}
}

func (s *settingsView) onBackupNow() {
	name := "leakdesk-" + s.u.deps.Service.Now().UTC().Format("20060102-150405") + ".db"
	s.backupTo(filepath.Join(s.u.deps.DataDir, "backups", name))
}

func (s *settingsView) onBackupTo() {
	// The store writes the file itself, through a checked copy.
	s.u.fileSave("leakdesk-backup-"+s.u.deps.Service.Now().Format("20060102")+".db", []string{".db"}, s.backupTo)
}

func (s *settingsView) backupTo(path string) {
	s.backupBtn.Disable()
	backup, ctx := s.u.deps.Backup, s.u.ctx
	s.u.background(func() error { return backup(ctx, path) }, func(err error) {
		s.backupBtn.Enable()
		if err != nil {
			s.u.showError(err)
			return
		}
		s.u.notify(lang.L("Backup saved: {{.Path}}", map[string]any{"Path": path}))
		s.refresh()
	})
}

func (s *settingsView) onRestore(b BackupFile) {
	msg := lang.L("Replace all current data with the backup from {{.When}}? The current data is backed up first, so this can be reversed.", map[string]any{"When": s.u.formatDateTime(b.At)}) +
		" " + lang.L("Cases deleted for good were removed from every backup too, so a restore does not bring them back.")
	dialog.ShowConfirm(lang.L("Restore backup?"), msg, func(ok bool) {
		if ok {
			s.u.restoreBackup(b)
		}
	}, s.u.win)
}

func (s *settingsView) onSaveCap() {
	mb, err := strconv.ParseInt(strings.TrimSpace(s.capEntry.Text), 10, 64)
	if err != nil || mb < 1 || mb > 4096 {
		s.u.showError(incident.Errorf(incident.CodeInvalid, "请填写 1 到 4096 之间的整数（MB）。", "Enter a whole number of MB from 1 to 4096.", err))
		return
	}
	if err := s.u.deps.Service.SetSetting(s.u.ctx, incident.SettingMaxEvidenceSize, strconv.FormatInt(mb<<20, 10)); err != nil {
		s.u.showError(err)
		return
	}
	s.u.notify(lang.L("Saved."))
}

func (s *settingsView) onLicences() {
	text := lang.L("leakdesk is built with Fyne (BSD 3-Clause), modernc.org/sqlite (BSD 3-Clause), gofpdf (MIT) and golang.org/x/text (BSD 3-Clause).") +
		"\n\n" + lang.L("Font: {{.Font}}", map[string]any{"Font": assets.CJKFontName}) + "\n\n" + assets.FontLicence()
	body := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Selectable: true}
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(560, 420))
	dialog.ShowCustom(lang.L("Licences"), lang.L("Close"), scroll, s.u.win)
}
