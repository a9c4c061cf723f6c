package xlsximport

import "testing"

func TestLegacyFonts(t *testing.T) {
	for _, c := range []struct{ in, want, font string }{
		{"NguyÔn V¨n An", "Nguyễn Văn An", "TCVN3"},
		{"Lª ThÞ Hµ", "Lê Thị Hà", "TCVN3"},
		{"TrÇn §øc Th¾ng", "Trần Đức Thắng", "TCVN3"},
		{"NGUYÔN V¡N AN", "NGUYỄN VĂN AN", "TCVN3"},
		{"BÝ th­ chi bé", "Bí thư chi bộ", "TCVN3"},
		{"Nguyeãn Vaên An", "Nguyễn Văn An", "VNI"},
		{"Traàn Ñöùc Thaéng", "Trần Đức Thắng", "VNI"},
		{"Leâ Thò Hoàng Hoaøng", "Lê Thị Hồng Hoàng", "VNI"},
		{"NGUYEÃN VAÊN AN", "NGUYỄN VĂN AN", "VNI"},
		{"Phaïm Thò Tuyeát Mai", "Phạm Thị Tuyết Mai", "VNI"},
		{"Buøi Quoác Vieät", "Bùi Quốc Việt", "VNI"},
		// Unicode Vietnamese that uses Latin-1 letters only stays as it is.
		{"Lê Tú", "Lê Tú", ""},
		{"Hà Thu Vân", "Hà Thu Vân", ""},
		{"Nguyễn Văn An", "Nguyễn Văn An", ""},
		{"Müller", "Müller", ""},
		{"CB-01", "CB-01", ""},
	} {
		var l legacyText
		cells := []string{c.in}
		font := l.convert(cells)
		if cells[0] != c.want || font != c.font {
			t.Errorf("%q: got %q (%q), want %q (%q)", c.in, cells[0], font, c.want, c.font)
		}
	}
	t.Run("a cell in Unicode after TCVN3 cells of its column stays as it is", func(t *testing.T) {
		var l legacyText
		want := []string{"Nguyễn Văn An", "Lê Thu Hà", "Hà Văn Tú", "Lý Thị Mai"}
		for i, in := range []string{"NguyÔn V¨n An", "Lê Thu Hà", "Hà Văn Tú", "Lý Thị Mai"} {
			cells := []string{in, "Tó"}
			l.convert(cells)
			if cells[0] != want[i] || cells[1] != "Tó" {
				t.Errorf("%q: got %q, want %q", in, cells, want[i])
			}
		}
	})
}
