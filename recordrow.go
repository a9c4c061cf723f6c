package tuyengiao

// RecordRow is a row of a spreadsheet of records of a kind as read, before its unit is
// looked up: Row its number in the sheet as the user sees it, UnitCode the code of the
// record's unit ("" for the unit imported into), and Values its values of the kind's fields,
// checked by the kind's Validate.
type RecordRow struct {
	Row      int
	UnitCode string
	Values   RecordValues
	// Converted names the legacy encoding the row's text was converted from, as
	// ImportRow.Converted does.
	Converted string
	// Err, when set, is why the row was refused, naming the row and the field; Values are
	// then not to be used.
	Err *Error
}
