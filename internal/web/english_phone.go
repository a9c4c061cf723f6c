package web

// phoneEnglish translates the texts of the unit tree's on-demand levels; it joins english
// when the package starts.
var phoneEnglish = map[string]string{
	"Mở cây từ đơn vị này": "Open the tree from this unit",
}

func init() {
	for vi, en := range phoneEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
