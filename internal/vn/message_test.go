package vn

import (
	"errors"
	"testing"
	"time"

	"tuyengiao"
)

func TestText(t *testing.T) {
	day := tuyengiao.Date{Time: time.Date(2023, 1, 31, 0, 0, 0, 0, time.UTC)}
	for _, c := range []struct {
		name string
		got  string
		want string
	}{
		{"a quantity is grouped by thousands", Text("Có %d người, quá %d.", 20012, int64(1200)), "Có 20.012 người, quá 1.200."},
		{"a year, a row or an identifier keeps its digits", Text("Năm sinh %v, dòng %v, mã %v", 1985, 12000, int64(20012)), "Năm sinh 1985, dòng 12000, mã 20012"},
		{"a decimal takes a comma", Text("Tỉ lệ %.1f%%", 97.44), "Tỉ lệ 97,4%"},
		{"a day is written day first", Text("Hạn cuối ngày %s.", day), "Hạn cuối ngày 31/01/2023."},
		{"a time is shown in Vietnam", Text("lúc %s", time.Date(2023, 1, 31, 2, 38, 0, 0, time.UTC)), "lúc 31/01/2023 09:38"},
		{"text is quoted as fmt quotes it", Text("Không có đơn vị mã %q.", "P1"), `Không có đơn vị mã "P1".`},
		{"a message inside another is written in it", Text("Trường %s: %s", "x", tuyengiao.Errorf(tuyengiao.EINVALID, "Có %d người.", 7600)), "Trường x: Có 7.600 người."},
		{"a clause follows a colon", Text("Dòng %v: %s", 3, tuyengiao.Clause{Err: tuyengiao.Errorf(tuyengiao.EINVALID, "Số điện thoại chỉ gồm chữ số.")}), "Dòng 3: số điện thoại chỉ gồm chữ số"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestMessage(t *testing.T) {
	t.Run("an error of the system is not shown as it is", func(t *testing.T) {
		if got := Message(errors.New("pq: connection refused")); got != "Lỗi hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên." {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("a user error is its key with its arguments", func(t *testing.T) {
		err := tuyengiao.FieldError("text", "Bài viết dài %d ký tự, quá giới hạn %d ký tự.", 20012, 20000)
		if got := Message(err); got != "Bài viết dài 20.012 ký tự, quá giới hạn 20.000 ký tự." {
			t.Fatalf("got %q", got)
		}
	})
}
