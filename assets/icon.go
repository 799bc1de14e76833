package assets

import _ "embed"

//go:embed icon.png
var icon []byte

// Icon returns the app icon (a shield holding a padlock, drawn for
// leakdesk; source icon.svg) as a 512×512 PNG. The slice is shared;
// callers must not modify it.
func Icon() []byte { return icon }
