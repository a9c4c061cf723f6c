package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tuyengiao"
)

// samplePNG returns a small PNG photo.
func samplePNG(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRecordNotePages(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		f := newRecordFixture(a)
		editor, viewer := a.login("capnhat"), a.login("xem")
		rec := f.media(f.cell, "Phóng sự về khu phố 1", "press", "article", 1, time.January, 15)
		page := fmt.Sprintf("/records/media-items/%d", rec.ID)
		photo := samplePNG(t)
		today := a.today().Format("02/01/2006")

		t.Run("an editor posts a note with a photo on the record's page, and sees it listed with its file", func(t *testing.T) {
			form := url.Values{"day": {today}, "text": {"Đã đăng trên báo tỉnh.\n\nCó 3 bài chia sẻ lại."}}
			res := editor.upload(page+"/notes", form, "minh-chung.png", photo)
			if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != page+"?ok=noted#notes" {
				t.Fatalf("status %d %s: %s", res.StatusCode, loc, res.message())
			}
			body := editor.get(page).body
			for _, want := range []string{"Diễn biến, minh chứng", "Đã đăng trên báo tỉnh.\n\nCó 3 bài chia sẻ lại.", today,
				`/notes/`, `download>minh-chung.png</a>`, `enctype="multipart/form-data"`, "Xóa ghi nhận"} {
				mustContain(t, "the record's page", body, want)
			}
		})

		notes := a.api("capnhat").get(fmt.Sprintf("/api/v1/records/media-items/%d/notes", rec.ID))
		var list struct {
			Items []tuyengiao.RecordNote `json:"items"`
			Total int                    `json:"total"`
		}
		notes.decode(&list)
		if notes.StatusCode != http.StatusOK || len(list.Items) != 1 || list.Items[0].File == nil {
			t.Fatalf("the notes through the API: %d %s", notes.StatusCode, notes.body)
		}
		note := list.Items[0]
		file := fmt.Sprintf("%s/notes/%d/file", page, note.ID)

		t.Run("a viewer of the unit downloads the file as it was sent, as an attachment never sniffed", func(t *testing.T) {
			res := viewer.get(file)
			if res.StatusCode != http.StatusOK || res.body != string(photo) || res.Header.Get("Content-Type") != "image/png" ||
				res.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment;") {
				t.Fatalf("status %d, headers %v", res.StatusCode, res.Header)
			}
			if other := viewer.get(fmt.Sprintf("/records/media-items/%d/notes/%d/file", rec.ID+1000, note.ID)); other.StatusCode != http.StatusNotFound {
				t.Errorf("the file under another record: status %d", other.StatusCode)
			}
		})

		t.Run("a viewer sees the notes without the form, and may not add one", func(t *testing.T) {
			body := viewer.get(page).body
			mustContain(t, "the viewer's page", body, "Đã đăng trên báo tỉnh.")
			if strings.Contains(body, "Thêm ghi nhận") || strings.Contains(body, "Xóa ghi nhận") {
				t.Error("the viewer is offered the note form")
			}
			if res := viewer.upload(page+"/notes", url.Values{"text": {"Ghi"}}, "a.png", photo); res.StatusCode != http.StatusForbidden {
				t.Errorf("a viewer adds a note: status %d", res.StatusCode)
			}
		})

		t.Run("an .exe renamed .pdf is refused at the file field, and the text typed is kept", func(t *testing.T) {
			exe := append([]byte("MZ\x90\x00"), make([]byte, 60)...)
			res := editor.upload(page+"/notes", url.Values{"day": {today}, "text": {"Biên bản kiểm tra"}}, "bien-ban.pdf", exe)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d: %s", res.StatusCode, res.message())
			}
			mustContain(t, "the file's message", res.body, `id="note-file-error">Chỉ nhận tệp PDF, DOCX hoặc ảnh JPEG, PNG.`)
			mustContain(t, "the text typed", res.body, ">Biên bản kiểm tra</textarea>")
		})

		t.Run("a file over 10 MB is refused at the file field as too large", func(t *testing.T) {
			big := append([]byte("%PDF-1.7\n"), make([]byte, tuyengiao.MaxRecordNoteFileBytes)...)
			res := editor.upload(page+"/notes", url.Values{"text": {"Biên bản"}}, "bien-ban.pdf", big)
			if res.StatusCode != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d: %s", res.StatusCode, res.message())
			}
			mustContain(t, "the file's message", res.body, `id="note-file-error">Tệp lớn quá 10 MB.`)
			huge := append(big, make([]byte, 2<<20)...)
			if res := editor.upload(page+"/notes", url.Values{"text": {"Biên bản"}}, "bien-ban.pdf", huge); res.StatusCode != http.StatusRequestEntityTooLarge {
				t.Errorf("a body over the route's limit: status %d: %s", res.StatusCode, res.message())
			}
		})

		t.Run("a note added through the API, then deleted on the page, leaves the list", func(t *testing.T) {
			res := a.api("capnhat").upload(fmt.Sprintf("/api/v1/records/media-items/%d/notes", rec.ID), url.Values{"text": {"Qua API"}}, "anh.png", photo)
			var added tuyengiao.RecordNote
			res.decode(&added)
			if res.StatusCode != http.StatusCreated || added.File == nil || added.File.ContentType != "image/png" || added.Text != "Qua API" {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
			res = a.api("capnhat").json("POST", fmt.Sprintf("/api/v1/records/media-items/%d/notes", rec.ID), map[string]any{"day": a.today().Format("2006-01-02"), "text": "Bằng JSON"})
			if res.StatusCode != http.StatusCreated || !strings.Contains(res.body, `"text":"Bằng JSON"`) {
				t.Fatalf("a note as JSON: status %d: %s", res.StatusCode, res.body)
			}
			del := editor.post(fmt.Sprintf("%s/notes/%d/delete", page, added.ID), url.Values{})
			if del.StatusCode != http.StatusSeeOther {
				t.Fatalf("delete: status %d: %s", del.StatusCode, del.message())
			}
			if body := editor.get(page).body; strings.Contains(body, "Qua API") {
				t.Error("the deleted note is still listed")
			}
		})
	})
}
