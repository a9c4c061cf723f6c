// Package fonts holds the fonts the system draws text with (charts and PDF reports),
// embedded so that every node draws the same: Liberation Serif, metric-compatible with Times
// New Roman, under the SIL Open Font License (OFL.txt, shipped beside it).
package fonts

import _ "embed"

// The TrueType files of the four faces of Liberation Serif (Debian's fonts-liberation2).
var (
	//go:embed LiberationSerif-Regular.ttf
	LiberationSerif []byte
	//go:embed LiberationSerif-Bold.ttf
	LiberationSerifBold []byte
	//go:embed LiberationSerif-Italic.ttf
	LiberationSerifItalic []byte
	//go:embed LiberationSerif-BoldItalic.ttf
	LiberationSerifBoldItalic []byte
)

// License is the text of the licence of the fonts (SIL OFL 1.1), to show with the binary.
//
//go:embed OFL.txt
var License string
