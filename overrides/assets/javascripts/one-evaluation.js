/* Noisy Signals: "How much does one evaluation really say?"
 *
 * Model: a person's ability X and an evaluation's score Y are standard bivariate normal with
 * correlation r. A programme accepts the top share a by score. "Strong" means ability in the top
 * 10 %. Everything is computed exactly (Genz's algorithm for the bivariate normal), never sampled,
 * so the numbers on the page are the same on every load and can be tested to three decimals.
 *
 * window.NoisySignalsExplainer exposes the maths for the tests; the widget wires itself to
 * #ns-explainer when the page has one. Plain script, no dependencies, nothing loaded from elsewhere.
 */
(function () {
  "use strict";

  var STRONG = 0.1; // "truly in the top 10 % of ability"
  var SQRT_2PI = Math.sqrt(2 * Math.PI);

  /* Standard normal CDF: Hart's double-precision rational approximation (as in West 2005). */
  function normalCdf(x) {
    var z = Math.abs(x);
    var tail = 0;
    if (z <= 37) {
      var e = Math.exp((-z * z) / 2);
      if (z < 7.07106781186547) {
        var num = 3.52624965998911e-2 * z + 0.700383064443688;
        num = num * z + 6.37396220353165;
        num = num * z + 33.912866078383;
        num = num * z + 112.079291497871;
        num = num * z + 221.213596169931;
        num = num * z + 220.206867912376;
        var den = 8.83883476483184e-2 * z + 1.75566716318264;
        den = den * z + 16.064177579207;
        den = den * z + 86.7807322029461;
        den = den * z + 296.564248779674;
        den = den * z + 637.333633378831;
        den = den * z + 793.826512519948;
        den = den * z + 440.413735824752;
        tail = (e * num) / den;
      } else {
        var frac = z + 0.65;
        frac = z + 4 / frac;
        frac = z + 3 / frac;
        frac = z + 2 / frac;
        frac = z + 1 / frac;
        tail = e / frac / SQRT_2PI;
      }
    }
    return x > 0 ? 1 - tail : tail;
  }

  /* Inverse of normalCdf by bisection: slow-ish but simple and exact to double precision. */
  function normalQuantile(p) {
    var lo = -40;
    var hi = 40;
    for (var i = 0; i < 200 && hi - lo > 1e-15; i++) {
      var mid = (lo + hi) / 2;
      if (normalCdf(mid) < p) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  }

  /* Gauss-Legendre half-nodes and weights for 6, 12 and 20 points (Genz, BVND). */
  var GL = [
    {
      w: [0.1713244923791705, 0.3607615730481384, 0.4679139345726904],
      x: [-0.9324695142031522, -0.6612093864662647, -0.238619186083197],
    },
    {
      w: [
        0.04717533638651177, 0.1069393259953183, 0.1600783285433464, 0.2031674267230659,
        0.2334925365383547, 0.2491470458134029,
      ],
      x: [
        -0.9815606342467191, -0.904117256370475, -0.769902674194305, -0.5873179542866171,
        -0.3678314989981802, -0.1252334085114692,
      ],
    },
    {
      w: [
        0.01761400713915212, 0.04060142980038694, 0.06267204833410906, 0.08327674157670475,
        0.1019301198172404, 0.1181945319615184, 0.1316886384491766, 0.1420961093183821,
        0.1491729864726037, 0.1527533871307259,
      ],
      x: [
        -0.9931285991850949, -0.9639719272779138, -0.9122344282513259, -0.8391169718222188,
        -0.7463319064601508, -0.636053680726515, -0.5108670019508271, -0.3737060887154196,
        -0.2277858511416451, -0.07652652113349733,
      ],
    },
  ];

  /* P(X > h, Y > k) for a standard bivariate normal with correlation r.
     Port of Alan Genz's BVND (Drezner & Wesolowsky's method, accurate to about 1e-15). */
  function bivariateUpper(h, k, r) {
    var absR = Math.abs(r);
    var gl = absR < 0.3 ? GL[0] : absR < 0.75 ? GL[1] : GL[2];
    var hk = h * k;
    var bvn = 0;
    var i;
    if (absR < 0.925) {
      if (absR > 0) {
        var hs = (h * h + k * k) / 2;
        var asr = Math.asin(r);
        for (i = 0; i < gl.x.length; i++) {
          var sn = Math.sin((asr * (gl.x[i] + 1)) / 2);
          bvn += gl.w[i] * Math.exp((sn * hk - hs) / (1 - sn * sn));
          sn = Math.sin((asr * (1 - gl.x[i])) / 2);
          bvn += gl.w[i] * Math.exp((sn * hk - hs) / (1 - sn * sn));
        }
        bvn = (bvn * asr) / (4 * Math.PI);
      }
      return bvn + normalCdf(-h) * normalCdf(-k);
    }
    if (r < 0) {
      k = -k;
      hk = -hk;
    }
    if (absR < 1) {
      var as = (1 - r) * (1 + r);
      var a = Math.sqrt(as);
      var bs = (h - k) * (h - k);
      var c = (4 - hk) / 8;
      var d = (12 - hk) / 16;
      var asr2 = -(bs / as + hk) / 2;
      if (asr2 > -100) {
        bvn = a * Math.exp(asr2) * (1 - (c * (bs - as) * (1 - (d * bs) / 5)) / 3 + (c * d * as * as) / 5);
      }
      if (-hk < 100) {
        var b = Math.sqrt(bs);
        bvn -= Math.exp(-hk / 2) * SQRT_2PI * normalCdf(-b / a) * b * (1 - (c * bs * (1 - (d * bs) / 5)) / 3);
      }
      a /= 2;
      for (i = 0; i < gl.x.length; i++) {
        for (var sign = -1; sign <= 1; sign += 2) {
          var xs = a * (sign * gl.x[i] + 1);
          xs *= xs;
          var rs = Math.sqrt(1 - xs);
          var asr3 = -(bs / xs + hk) / 2;
          if (asr3 > -100) {
            bvn +=
              a * gl.w[i] * Math.exp(asr3) * (Math.exp((-hk * (1 - rs)) / (2 * (1 + rs))) / rs - (1 + c * xs * (1 + d * xs)));
          }
        }
      }
      bvn = -bvn / (2 * Math.PI);
    }
    if (r > 0) return bvn + normalCdf(-Math.max(h, k));
    return -bvn + Math.max(0, normalCdf(-h) - normalCdf(-k));
  }

  /* The two numbers the page shows, for correlation r and accepted share a (both in 0..1). */
  function outcomes(r, a) {
    var strongLine = normalQuantile(1 - STRONG);
    var acceptLine = normalQuantile(1 - a);
    var strongAccepted = bivariateUpper(strongLine, acceptLine, r);
    var strongRejected = STRONG - strongAccepted;
    if (strongRejected < 1e-12) strongRejected = 0; // rounding noise: the method is good to ~1e-15
    return {
      strongRejected: strongRejected / STRONG, // P(rejected | strong)
      rejectedStrong: strongRejected / (1 - a), // P(strong | rejected)
      strongLine: strongLine,
      acceptLine: acceptLine,
    };
  }

  var api = {
    normalCdf: normalCdf,
    normalQuantile: normalQuantile,
    bivariateUpper: bivariateUpper,
    outcomes: outcomes,
  };
  var root = typeof window !== "undefined" ? window : globalThis;
  root.NoisySignalsExplainer = api;

  /* ---------- the widget ---------- */

  var SVG_NS = "http://www.w3.org/2000/svg";
  var PLOT = { size: 300, pad: 34, span: 3 }; // axes run from -3 to 3 standard deviations

  /* Deterministic "people": a Halton sequence through the normal quantile, not random draws. */
  function halton(index, base) {
    var f = 1;
    var result = 0;
    while (index > 0) {
      f /= base;
      result += f * (index % base);
      index = Math.floor(index / base);
    }
    return result;
  }

  var PEOPLE = (function () {
    var people = [];
    for (var i = 1; i <= 240; i++) {
      people.push([normalQuantile(halton(i, 2)), normalQuantile(halton(i, 3))]);
    }
    return people;
  })();

  /* Whole percentages, as in the page's tables; a no-break space keeps "%" by its number. */
  function percent(p) {
    var value = Math.round(p * 100);
    if (p > 0 && value === 0) return "under 1\u00a0%";
    if (p < 1 && value === 100) return "over 99\u00a0%";
    return value + "\u00a0%";
  }

  function toPlot(v) {
    var inner = PLOT.size - 2 * PLOT.pad;
    var clamped = Math.max(-PLOT.span, Math.min(PLOT.span, v));
    return PLOT.pad + ((clamped + PLOT.span) / (2 * PLOT.span)) * inner;
  }

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG_NS, name);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(node);
    return node;
  }

  function drawPlot(svg, r, a, result) {
    var dots = svg.querySelector(".ns-plot__people");
    var size = PLOT.size;
    var hi = size - PLOT.pad;
    var x = toPlot(result.acceptLine); // score runs left to right
    var y = size - toPlot(result.strongLine); // ability runs bottom to top
    var accepted = svg.querySelector(".ns-plot__accepted");
    accepted.setAttribute("x", Math.min(x, hi));
    accepted.setAttribute("width", Math.max(0, hi - x));
    var line = svg.querySelector(".ns-plot__accept-line");
    line.setAttribute("x1", x);
    line.setAttribute("x2", x);
    var strong = svg.querySelector(".ns-plot__strong-line");
    strong.setAttribute("y1", y);
    strong.setAttribute("y2", y);
    var noise = Math.sqrt(Math.max(0, 1 - r * r));
    var circles = dots.childNodes;
    for (var i = 0; i < PEOPLE.length; i++) {
      var ability = PEOPLE[i][0];
      var score = r * ability + noise * PEOPLE[i][1];
      var missed = ability > result.strongLine && score <= result.acceptLine;
      var c = circles[i];
      c.setAttribute("cx", toPlot(score).toFixed(1));
      c.setAttribute("cy", (size - toPlot(ability)).toFixed(1));
      c.setAttribute("class", missed ? "ns-plot__missed" : "ns-plot__person");
      c.setAttribute("r", missed ? 4 : 2.4);
    }
    svg.querySelector(".ns-plot__desc").textContent =
      "Each dot is an imagined applicant: score from left to right, real ability from bottom to top. " +
      "The vertical line is the acceptance cut-off: the " +
      percent(a) +
      " with the highest scores, to its right, are accepted. The horizontal line marks the top 10\u00a0% of ability. " +
      "Ringed dots, above the horizontal line and left of the vertical one, are strong people who were rejected. " +
      "With a correlation of " +
      r.toFixed(2) +
      ", " +
      percent(result.strongRejected) +
      " of strong people are rejected.";
  }

  function buildPlot(svg) {
    var size = PLOT.size;
    var lo = PLOT.pad;
    var hi = size - PLOT.pad;
    el("rect", { class: "ns-plot__accepted", x: lo, y: lo, width: 0, height: hi - lo }, svg);
    el("rect", { class: "ns-plot__frame", x: lo, y: lo, width: hi - lo, height: hi - lo }, svg);
    var dots = el("g", { class: "ns-plot__people" }, svg);
    for (var i = 0; i < PEOPLE.length; i++) el("circle", { r: 2.4 }, dots);
    el("line", { class: "ns-plot__strong-line", x1: lo, x2: hi, y1: lo, y2: lo }, svg);
    el("line", { class: "ns-plot__accept-line", x1: lo, x2: lo, y1: lo, y2: hi }, svg);
    var t = el("text", { class: "ns-plot__label", x: size / 2, y: size - 8, "text-anchor": "middle" }, svg);
    t.textContent = "score \u2192";
    t = el("text", { class: "ns-plot__label", x: 12, y: size / 2, "text-anchor": "middle", transform: "rotate(-90 12 " + size / 2 + ")" }, svg);
    t.textContent = "real ability \u2192";
    t = el("text", { class: "ns-plot__label", x: hi, y: lo - 6, "text-anchor": "end" }, svg);
    t.textContent = "accepted \u2192";
    t = el("text", { class: "ns-plot__label", x: lo + 3, y: lo + 14 }, svg);
    t.textContent = "top 10\u00a0% ability";
  }

  function start(root) {
    var rInput = root.querySelector("#ns-r");
    var aInput = root.querySelector("#ns-a");
    var rOut = root.querySelector("#ns-r-out");
    var aOut = root.querySelector("#ns-a-out");
    var missedOut = root.querySelector("#ns-missed");
    var shareOut = root.querySelector("#ns-share");
    var svg = root.querySelector(".ns-plot");
    buildPlot(svg);

    function update() {
      var r = Number(rInput.value);
      var a = Number(aInput.value) / 100;
      var result = outcomes(r, a);
      rOut.textContent = r.toFixed(2);
      aOut.textContent = percent(a);
      rInput.setAttribute("aria-valuetext", r.toFixed(2));
      aInput.setAttribute("aria-valuetext", percent(a));
      missedOut.textContent = percent(result.strongRejected);
      shareOut.textContent = percent(result.rejectedStrong);
      drawPlot(svg, r, a, result);
    }

    rInput.addEventListener("input", update);
    aInput.addEventListener("input", update);
    var presets = root.querySelectorAll("button[data-r]");
    for (var i = 0; i < presets.length; i++) {
      presets[i].addEventListener("click", function (event) {
        var button = event.currentTarget;
        rInput.value = button.getAttribute("data-r");
        aInput.value = button.getAttribute("data-a");
        update();
      });
    }
    update();
    root.hidden = false;
  }

  if (typeof document !== "undefined") {
    var widget = document.getElementById("ns-explainer");
    if (widget) start(widget);
  }
})();
