package web

// english translates the Vietnamese texts of the interface; a text missing here is shown in
// Vietnamese. TestEveryTextHasEnglish keeps it complete for the templates.
var english = map[string]string{}
