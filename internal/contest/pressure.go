package contest

import (
	"container/list"
	"net/netip"
	"sync"
	"time"
)

// MaxAddresses bounds the addresses a Pressure keeps counts for, about 190 bytes each (19 MB
// when full).
const MaxAddresses = 100_000

// Pressure sets the difficulty per client address: base bits for an address with few recent
// requests, one bit more each time the count within the window doubles beyond a free allowance,
// up to a cap (offices and carriers put many people behind one address: harder, never refused).
// An IPv6 address counts by its /64.
//
// The count within the window slides: it is the requests of the current window plus those of
// the window before, weighted by how much of that one still lies within the last window. The
// memory is a least-recently-used list of at most MaxAddresses addresses: when it is full the
// address heard from longest ago is forgotten, so a flood of addresses makes other addresses'
// puzzles easier for a while, never harder. A Pressure is safe for concurrent use.
type Pressure struct {
	base, max, free int
	window          time.Duration
	now             func() time.Time

	mu     sync.Mutex
	recent *list.List // of *client, the one heard from last first
	byAddr map[netip.Prefix]*list.Element
}

// client is what a Pressure keeps of an address: its requests in the window from start and
// in the window before.
type client struct {
	addr      netip.Prefix
	start     time.Time
	cur, prev int
}

// NewPressure returns a Pressure asking base bits of an address with at most free requests
// within window (positive), and at most max bits (max below base is taken as base, free below 1
// as 1).
func NewPressure(base, max int, window time.Duration, free int, now func() time.Time) *Pressure {
	if max < base {
		max = base
	}
	if free < 1 {
		free = 1
	}
	return &Pressure{base: base, max: max, free: free, window: window, now: now,
		recent: list.New(), byAddr: map[netip.Prefix]*list.Element{}}
}

// Bits records a request from addr and returns the bits its next puzzle asks. An address
// is an IP, with or without a port; one that does not parse counts with every other that
// does not.
func (p *Pressure) Bits(addr string) int {
	key := group(addr)
	now := p.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.client(key, now)
	switch since := now.Sub(c.start); {
	case since >= 2*p.window:
		c.start, c.cur, c.prev = now, 0, 0
	case since >= p.window:
		c.start, c.cur, c.prev = c.start.Add(p.window), 0, c.cur
	}
	c.cur++
	// Of the window before, the part still within the last window (all of it if the clock
	// stepped back).
	left := p.window - max(now.Sub(c.start), 0)
	n := c.cur + int(int64(c.prev)*int64(left)/int64(p.window))
	bits := p.base
	for limit := p.free; n > limit && bits < p.max; limit *= 2 {
		bits++
	}
	return bits
}

// client returns the counts of key, made and put first in the list, or moved there.
func (p *Pressure) client(key netip.Prefix, now time.Time) *client {
	if e, ok := p.byAddr[key]; ok {
		p.recent.MoveToFront(e)
		return e.Value.(*client)
	}
	if p.recent.Len() >= MaxAddresses {
		oldest := p.recent.Back()
		p.recent.Remove(oldest)
		delete(p.byAddr, oldest.Value.(*client).addr)
	}
	c := &client{addr: key, start: now}
	p.byAddr[key] = p.recent.PushFront(c)
	return c
}

// group returns what addr counts as: an IPv4 address alone, an IPv6 address by its /64 (a
// home or a phone gets a whole /64), the zero prefix for what does not parse.
func group(addr string) netip.Prefix {
	var a netip.Addr
	if ap, err := netip.ParseAddrPort(addr); err == nil {
		a = ap.Addr()
	} else if a, err = netip.ParseAddr(addr); err != nil {
		return netip.Prefix{}
	}
	a = a.Unmap().WithZone("")
	if a.Is4() {
		return netip.PrefixFrom(a, 32)
	}
	pfx, _ := a.Prefix(64)
	return pfx
}
