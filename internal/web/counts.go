package web

import (
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// counts holds the number of people of each category, in tuyengiao.Categories order.
type counts []int64

// Total returns the people of every category.
func (c counts) Total() int64 {
	var n int64
	for _, v := range c {
		n += v
	}
	return n
}

// catCount is one category's number, for templates.
type catCount struct {
	Cat tuyengiao.Category
	N   int64
}

// Items returns the count of every category, in report order, zeros included.
func (c counts) Items() []catCount {
	out := make([]catCount, len(tuyengiao.Categories))
	for i, cat := range tuyengiao.Categories {
		out[i] = catCount{Cat: cat}
		if i < len(c) {
			out[i].N = c[i]
		}
	}
	return out
}

func (c counts) byCategory() map[tuyengiao.Category]int64 {
	m := make(map[tuyengiao.Category]int64, len(tuyengiao.Categories))
	for _, it := range c.Items() {
		m[it.Cat] = it.N
	}
	return m
}

// today returns the current calendar day in Vietnam, as a date at midnight UTC.
func (s *Server) today() time.Time {
	y, m, d := s.Now().In(vn.Zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
