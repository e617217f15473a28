// Rupiah inputs in the admin: as the editor types, show what the server will read ("= Rp3.000.000") or
// why it cannot. The server reads the text again on save (parse_rupiah in bansos_portal/formatting.py);
// this copy of its rules only answers early, and a browser test keeps the two in step.
(function () {
  "use strict";
  var UNITS = { ribu: 3, rb: 3, juta: 6, jt: 6, miliar: 9, milyar: 9, triliun: 12, trilyun: 12 };
  var AMOUNT = /^(?:rp\.?\s?)?([0-9][0-9.,]*?)(,-)?\s?([a-z]+)?$/;
  var GROUPED = /^(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)$/;
  var UNREADABLE = "Belum terbaca. Tulis misalnya 3.000.000, Rp3 juta atau 1,5 miliar.";

  function thousands(digits) {
    return digits.replace(/\B(?=([0-9]{3})+$)/g, ".");
  }

  // The amount as a string of digits (exact at any size), or the reason it cannot be read.
  function parse(text) {
    var written = text.trim().split(/\s+/).join(" ").toLowerCase().replace(/rupiah$/, "").trim();
    if (written.length > 40) return { error: "Terlalu panjang." };
    if (/^(?:rp\.?\s?)?[-\u2212\u2013]/.test(written)) return { error: "Besaran tidak boleh negatif." };
    var match = AMOUNT.exec(written);
    if (!match || (match[2] && match[3])) return { error: UNREADABLE };
    var unit = match[3], exponent = unit ? UNITS[unit] : 0, number = match[1];
    if (exponent === undefined) {
      return { error: unit === "m" ? "«M» bisa miliar atau million: tulis juta atau miliar." : "Satuan «" + unit + "» tidak dikenal." };
    }
    if (/,.*,|,[0-9]{3}(?![0-9])/.test(number)) return { error: "Pemisah ribuan adalah titik (3.000.000); koma untuk desimal." };
    var parts = number.split(","), whole = parts[0], fraction = parts.length > 1 ? parts[1] : "";
    if (parts.length > 1 && (!fraction || fraction.indexOf(".") >= 0)) return { error: UNREADABLE };
    if (!GROUPED.test(whole)) {
      var decimalDot = unit && parts.length === 1 && whole.split(".").length === 2;
      return { error: decimalDot ? "Pakai koma untuk desimal (1,5 juta)." : "Setiap titik harus diikuti tepat tiga angka (3.000.000)." };
    }
    if (!unit && (/[1-9]/.test(fraction) || fraction.length > 2)) return { error: "Rupiah ditulis utuh, tanpa sen." };
    fraction = fraction.replace(/0+$/, "");
    if (fraction.length > exponent) return { error: "Bukan jumlah rupiah yang utuh." };
    var digits = (whole.replace(/\./g, "") + fraction + "0".repeat(exponent - fraction.length)).replace(/^0+(?=[0-9])/, "");
    return digits.length > 15 ? { error: "Terlalu besar: paling banyak 15 angka." } : { digits: digits };
  }

  // The same doubts the server raises on save (bansos_portal/editorial/money.py, doubt()).
  function doubt(input, amount) {
    var was = input.dataset.was ? Number(input.dataset.was) : null;
    if (amount === was) return "";
    if (amount < Number(input.dataset.minimum || 0)) return " — kecil sekali, periksa lagi";
    if (was && (amount > was * 10 || amount * 10 < was)) return " — berubah lebih dari 10 kali, periksa lagi";
    return "";
  }

  function show(input) {
    var output = input.parentNode.querySelector(".rupiah-preview");
    var read = input.value.trim() ? parse(input.value) : { digits: null };
    if (!output) return;
    // Linked here, not in the HTML: the admin renumbers ids of added rows but not aria-describedby.
    if (input.id) {
      output.id = input.id + "_read";
      input.setAttribute("aria-describedby", output.id);
    }
    output.classList.toggle("rupiah-preview--error", Boolean(read.error));
    if (read.error) {
      output.textContent = read.error;
    } else {
      output.textContent = read.digits === null ? "" : "= " + (input.dataset.prefix || "Rp") + thousands(read.digits) + doubt(input, Number(read.digits));
    }
  }

  // Delegated, so rows the admin adds with «Tambahkan lagi» are covered too.
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches(".rupiah-input")) show(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".rupiah-input").forEach(show);
  });
})();
