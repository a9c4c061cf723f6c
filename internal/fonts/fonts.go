// Package fonts holds the fonts the system draws text with (charts now, PDF reports later),
// embedded so that every node draws the same: Liberation Serif, metric-compatible with Times
// New Roman, under the SIL Open Font License (OFL.txt, shipped beside it).
package fonts

import _ "embed"

// LiberationSerif is the TrueType file of Liberation Serif Regular.
//
//go:embed LiberationSerif-Regular.ttf
var LiberationSerif []byte

// License is the text of the licence of the fonts (SIL OFL 1.1), to show with the binary.
//
//go:embed OFL.txt
var License string
