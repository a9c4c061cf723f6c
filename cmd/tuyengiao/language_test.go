package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestErrorsInTheReadersLanguage: an error is written in the language of whoever reads it:
// the pages' language, chosen with /lang, and for the API that language or the
// Accept-Language of the request; Vietnamese otherwise.
func TestErrorsInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		newPersonFixture(a)
		form := url.Values{"unit_code": {"CB1"}, "full_name": {"Hoàng Văn Nam"}, "category": {"masses"}, "birth_year": {"1800"}}

		t.Run("a form names the wrong field in Vietnamese", func(t *testing.T) {
			res := a.login("bithu").post("/people", form)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `<p class="field-error">Năm sinh 1800 không hợp lệ: phải từ 1900 đến `) {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
		})
		t.Run("a form names the wrong field in English to a reader who chose English", func(t *testing.T) {
			c := a.login("bithu")
			c.post("/lang", url.Values{"lang": {"en"}, "next": {"/people/new"}})
			res := c.post("/people", form)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `<p class="field-error">Year of birth 1800 is not valid: it must be from 1900 to `) {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
		})

		api := a.api("bithu")
		body := []byte(`{"unit_code": "CB1", "full_name": "Ngô Thị Mai", "category": "union", "birth_year": 1800}`)
		for _, c := range []struct{ name, acceptLanguage, says string }{
			{"the API answers in Vietnamese by default", "", "Năm sinh 1800 không hợp lệ: phải từ 1900 đến "},
			{"the API answers in Vietnamese to a client that prefers it", "vi-VN,vi;q=0.9,en;q=0.8", "Năm sinh 1800 không hợp lệ: phải từ 1900 đến "},
			{"the API answers in English to a client that asks for it first", "en-GB,en;q=0.9", "Year of birth 1800 is not valid: it must be from 1900 to "},
		} {
			t.Run(c.name, func(t *testing.T) {
				req, _ := http.NewRequest("POST", api.base+"/api/v1/people", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				if c.acceptLanguage != "" {
					req.Header.Set("Accept-Language", c.acceptLanguage)
				}
				res := api.do(req)
				var e struct {
					Error struct{ Field, Message string }
				}
				res.decode(&e)
				if res.StatusCode != http.StatusUnprocessableEntity || e.Error.Field != "birth_year" || !strings.HasPrefix(e.Error.Message, c.says) {
					t.Fatalf("status %d body %s", res.StatusCode, res.body)
				}
			})
		}
	})
}
