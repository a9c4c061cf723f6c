package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"tuyengiao"
)

const sessionCookie = "tg_session"

// token returns the session token of the request: a Bearer token for the API, the session
// cookie for pages.
func token(r *http.Request) (tok string, bearer bool) {
	if a := r.Header.Get("Authorization"); strings.HasPrefix(a, "Bearer ") {
		return strings.TrimPrefix(a, "Bearer "), true
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value, false
	}
	return "", false
}

// authenticate returns the request's context carrying the principal of its session, if any.
// A stale cookie counts as no session (the page then asks to log in); a bad Bearer token is
// an error. An EPASSWORD error comes with the principal: wrap lets it through only to the
// routes that serve changing the password.
func (s *Server) authenticate(r *http.Request) (context.Context, error) {
	ctx := r.Context()
	tok, bearer := token(r)
	if tok == "" {
		return ctx, nil
	}
	p, err := s.Auth.Authenticate(ctx, tok, clientAddress(r))
	if p != nil {
		ctx = tuyengiao.NewContext(ctx, p)
	}
	if err != nil && !bearer && tuyengiao.ErrorCode(err) == tuyengiao.EUNAUTHORIZED {
		return ctx, nil
	}
	return ctx, err
}

func setSessionCookie(w http.ResponseWriter, r *http.Request, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: isHTTPS(r),
	})
}

// safeNext returns next, where to go after login or a change of language, when it is a clean
// local path (a path on this site, with its query), and "/" otherwise. Browsers drop tabs and
// line breaks from an address and read a backslash as "/", so "/\t/evil.com" or "/\\evil.com" would
// leave the site: such a path is refused whole, not repaired.
func safeNext(next string) string {
	unclean := strings.ContainsFunc(next, func(r rune) bool { return r == '\\' || unicode.IsControl(r) || unicode.IsSpace(r) })
	if unclean || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	return next
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	if tuyengiao.PrincipalFrom(r.Context()) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	return s.render(w, r, "login", &page{Title: "Đăng nhập", Form: r.URL.Query()})
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	login := strings.ToLower(strings.TrimSpace(r.PostForm.Get("login")))
	tok, err := s.Auth.Login(r.Context(), login, r.PostForm.Get("password"), clientAddress(r), tuyengiao.SessionWeb)
	if err != nil {
		p := &page{Title: "Đăng nhập", Form: r.PostForm}
		p.setError(err)
		p.Form.Del("password")
		retryAfter(w, tuyengiao.ErrorCode(err))
		return s.renderCode(w, r, "login", p, status(tuyengiao.ErrorCode(err)))
	}
	setSessionCookie(w, r, tok, int(tuyengiao.AbsoluteTimeout/time.Second))
	http.Redirect(w, r, safeNext(r.PostForm.Get("next")), http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if tok, _ := token(r); tok != "" {
		if err := s.Auth.Logout(r.Context(), tok); err != nil {
			return err
		}
	}
	setSessionCookie(w, r, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "password", &page{Title: "Đổi mật khẩu"})
}

func (s *Server) passwordSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	var err error
	if f.Get("new_password") != f.Get("confirm") {
		err = tuyengiao.FieldError("confirm", "Mật khẩu nhập lại không khớp.")
	} else {
		err = s.Users.ChangePassword(r.Context(), f.Get("old_password"), f.Get("new_password"))
	}
	if err != nil {
		if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID && tuyengiao.ErrorCode(err) != tuyengiao.EUNAUTHORIZED {
			return err
		}
		p := &page{Title: "Đổi mật khẩu"}
		p.setError(err)
		return s.renderCode(w, r, "password", p, http.StatusUnprocessableEntity)
	}
	http.Redirect(w, r, "/?ok=password", http.StatusSeeOther)
	return nil
}

// setLang stores the chosen interface language in a cookie and goes back.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	l := "vi"
	if r.PostForm.Get("lang") == "en" {
		l = "en"
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: l, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, Secure: isHTTPS(r)})
	http.Redirect(w, r, safeNext(r.PostForm.Get("next")), http.StatusSeeOther)
	return nil
}
