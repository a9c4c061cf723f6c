// The proof of work of the public contest forms. A form marked data-pow carries a challenge
// from the server in input[name=pow_challenge]; on submit this finds a counter c such that
// SHA-256(challenge + ":" + c) starts with as many zero bits as the challenge's third field
// says, writes it into input[name=pow_solution], then submits the form. It hashes with the
// SHA-256 below, not crypto.subtle: a digest there is a promise each, and even in batches of
// 256 it tried six times fewer counters a second (Chromium, headless: 230.000 against
// 1.380.000 with this script; node 20: 130.000 against 1.400.000).
// Without this script the server refuses the form with a message saying to try again.
(function () {
  "use strict";

  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];
  var w = new Int32Array(64);

  // compress runs SHA-256's compression of the 64 bytes of block from offset at on the state h.
  function compress(h, block, at) {
    var i, t1, t2;
    for (i = 0; i < 16; i++, at += 4) {
      w[i] = block[at] << 24 | block[at + 1] << 16 | block[at + 2] << 8 | block[at + 3];
    }
    for (i = 16; i < 64; i++) {
      var x = w[i - 15], y = w[i - 2];
      w[i] = ((x >>> 7 | x << 25) ^ (x >>> 18 | x << 14) ^ x >>> 3) + w[i - 7] +
        ((y >>> 17 | y << 15) ^ (y >>> 19 | y << 13) ^ y >>> 10) + w[i - 16] | 0;
    }
    var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (i = 0; i < 64; i++) {
      t1 = k + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + (e & f ^ ~e & g) + K[i] + w[i] | 0;
      t2 = ((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + (a & b ^ a & c ^ b & c) | 0;
      k = g; g = f; f = e; e = d + t1 | 0; d = c; c = b; b = a; a = t1 + t2 | 0;
    }
    h[0] = h[0] + a | 0; h[1] = h[1] + b | 0; h[2] = h[2] + c | 0; h[3] = h[3] + d | 0;
    h[4] = h[4] + e | 0; h[5] = h[5] + f | 0; h[6] = h[6] + g | 0; h[7] = h[7] + k | 0;
  }

  function ascii(s) {
    var b = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
    return b;
  }

  // zeros reports whether the first bits bits of a digest whose first word is h0 are zero
  // (the server asks at most 32).
  function zeros(h0, bits) {
    return bits === 0 || h0 >>> (32 - bits) === 0;
  }

  // solve tries counters from 0, a slice at a time so that the page can repaint, and calls
  // done with the first that solves challenge. The full blocks of challenge + ":" are hashed
  // once: each counter costs only the last one or two.
  function solve(challenge, done) {
    var bits = parseInt(challenge.split(".")[2], 10) || 0;
    var p = ascii(challenge + ":"), full = p.length - p.length % 64;
    var mid = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    for (var at = 0; at < full; at += 64) compress(mid, p, at);
    var tail = new Uint8Array(128), h = new Int32Array(8), rest = p.length - full, c = 0;
    tail.set(p.subarray(full));
    function slice() {
      for (var end = c + 20000; c < end; c++) {
        var digits = String(c), n = rest + digits.length, i;
        for (i = 0; i < digits.length; i++) tail[rest + i] = digits.charCodeAt(i);
        var blocks = n + 9 > 64 ? 128 : 64;
        tail.fill(0, n, blocks);
        tail[n] = 0x80;
        var bitLen = (p.length + digits.length) * 8;
        tail[blocks - 4] = bitLen >>> 24; tail[blocks - 3] = bitLen >>> 16;
        tail[blocks - 2] = bitLen >>> 8; tail[blocks - 1] = bitLen;
        h.set(mid);
        compress(h, tail, 0);
        if (blocks === 128) compress(h, tail, 64);
        if (zeros(h[0], bits)) return done(String(c));
      }
      setTimeout(slice, 0);
    }
    slice();
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form[data-pow]")) return;
    var challenge = form.querySelector("input[name=pow_challenge]");
    var solution = form.querySelector("input[name=pow_solution]");
    if (!challenge || !solution || !challenge.value) return; // the server asks again
    e.preventDefault();
    if (form.getAttribute("data-pow") === "solving") return;
    form.setAttribute("data-pow", "solving");
    var status = form.querySelector("[data-pow-status]");
    if (status) status.textContent = "Đang xác minh bạn không phải máy…";
    // submit() sends no button: carry the name of the one pressed, as a click would.
    var button = e.submitter;
    if (button && button.name) {
      var carry = document.createElement("input");
      carry.type = "hidden";
      carry.name = button.name;
      carry.value = button.value;
      form.appendChild(carry);
    }
    solve(challenge.value, function (c) {
      solution.value = c;
      if (status) status.textContent = "Đã xác minh, đang gửi…";
      form.setAttribute("data-pow", ""); // a page restored from history may submit again
      HTMLFormElement.prototype.submit.call(form);
    });
  });
})();
