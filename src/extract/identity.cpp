#include "extract/identity.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "extract/resolvers.h"

namespace trich {
namespace {

// "Ha Noi, ngay 1 thang 4 nam 2021": the header's issue date and place.
bool header_date(const Match& m, ResolveContext& cx) {
  std::string v = iso_date(to_int(m.group("y")), to_int(m.group("m")), to_int(m.group("d")));
  if (v.empty()) return false;
  HeaderDate h;
  h.at = {m.begin(), m.end()};
  h.value = v;
  if (m.has("place")) h.place = At{m.group_begin("place"), m.group_end("place")};
  cx.out.header_dates.push_back(std::move(h));
  return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

size_t line_start(std::string_view text, size_t pos) {
  size_t p = text.rfind('\n', pos == 0 ? 0 : pos - 1);
  return pos == 0 || p == std::string_view::npos ? 0 : p + 1;
}

// Text of [b, e) with runs of blanks and line breaks as single spaces.
std::string collapsed(std::string_view text, size_t b, size_t e) {
  std::string out;
  bool space = false;
  for (size_t i = b; i < e; ++i) {
    if (is_space(text[i])) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += text[i];
  }
  return out;
}

// Where a citation starts as the header number: right after the label ("So:", "So"), which
// may open the citation's own text (its `no` group) or stand before it, alone on its line.
bool after_label(std::string_view text, const rules::RuleSet& rules, const Citation& c) {
  const auto& label = rules.lexicon("self_label");
  scan::Word first = scan::next_word(text, c.at.b, c.at.e);
  if (!first.text.empty() && first.b == c.at.b && label.find(first.text)) return true;
  size_t p = c.at.b;
  while (p > 0 && is_space(text[p - 1])) --p;
  if (p > 0 && text[p - 1] == ':') --p;
  while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
  auto ws = scan::words(text, line_start(text, p), p);
  return !ws.empty() && ws.back().e == p && label.find(ws.back().text);
}

// A crawled copy's title line: the first non-empty line opens with a citation that has type
// words ("Nghi dinh 47/2021/ND-CP").
bool title_line(std::string_view text, const Citation& c) {
  size_t p = 0;
  while (p < text.size() && is_space(text[p])) ++p;
  return c.at.b == p && c.type_from_words && c.symbol;
}

// Capitals naming a type (lexicon doc_type) at words[i], as a count of words.
size_t type_heading(const rules::RuleSet& rules, std::string_view text,
                    const std::vector<scan::Word>& w, size_t i) {
  if (!scan::is_upper_word(w[i].text)) return 0;
  return scan::phrase_at(rules.lexicon("doc_type"), w, i, 4, nullptr, [&](size_t n) {
    bool caps = scan::same_line_run(text, w, i, n);
    for (size_t k = i; caps && k < i + n; ++k) caps = scan::is_upper_word(w[k].text);
    return caps;
  });
}

// A word that is part of a title in capitals: capitals, or digits (numbers and symbols
// inside a title: "KE HOACH SO 119-KH/TU NGAY 18 ...").
bool caps_or_digits(const scan::Word& w) { return w.digits || scan::is_upper_word(w.text); }

}  // namespace

void add_header_resolvers(Registry& r) {
  r.push_back({{"header_date", {}, {"d", "m", "y", "place"}, {"d", "m", "y"}, {}}, header_date});
}

size_t header_end(std::string_view text) {
  if (text.size() <= kHeaderBytes) return text.size();
  size_t nl = text.find('\n', kHeaderBytes);
  size_t most = 2 * kHeaderBytes;
  if (nl != std::string_view::npos && nl <= most) return nl;
  if (text.size() <= most) return text.size();
  while (most > 0 && !utf8::is_lead(static_cast<unsigned char>(text[most]))) --most;
  return most;
}

void find_self(std::string_view text, const rules::RuleSet& rules, Extraction& x) {
  DocSelf s;
  size_t end = header_end(text);
  auto words = scan::words(text, 0, end);

  // The number: a labelled citation in the header, else a title line's.
  Citation* self = nullptr;
  for (auto& c : x.citations) {
    if (c.at.b >= end) break;
    if (c.symbol && after_label(text, rules, c)) {
      self = &c;
      break;
    }
  }
  if (!self && !x.citations.empty() && title_line(text, x.citations.front())) {
    self = &x.citations.front();
  }
  if (self) {
    self->self = true;
    s.symbol = self->symbol;
  }

  // Words of a citation are no issuer's (a crawled title line's symbol ends with capitals:
  // "ND-CP").
  auto cited = [&](const scan::Word& w) {
    for (const auto& c : x.citations) {
      if (c.at.b >= w.e) break;
      if (w.b < c.at.e) return true;
    }
    return false;
  };

  // The issuer: the capitals right before the motto.
  const auto& motto = rules.lexicon("national_motto");
  size_t motto_words = 1;
  for (const auto& k : motto.keys) {
    motto_words = std::max<size_t>(motto_words, std::count(k.begin(), k.end(), ' ') + 1);
  }
  size_t motto_end = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    size_t n = scan::phrase_at(motto, words, i, motto_words);
    if (!n) continue;
    bool caps = true;  // the motto is in capitals; the words in a sentence are not the motto
    for (size_t j = i; j < i + n; ++j) caps = caps && scan::is_upper_word(words[j].text);
    if (!caps) continue;
    motto_end = words[i + n - 1].e;
    size_t k = i;
    while (k > 0 && scan::is_upper_word(words[k - 1].text) && !cited(words[k - 1])) --k;
    if (k < i) s.issuer = collapsed(text, words[k].b, words[i - 1].e);
    break;
  }

  // The type heading in capitals after the number and the motto, and the title after it.
  size_t from = std::max(motto_end, self ? self->at.e : size_t{0});
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].b < from) continue;
    size_t n = type_heading(rules, text, words, i);
    if (!n) continue;
    if (const auto* v = rules.lexicon("doc_type").find(scan::join(words, i, n))) s.type = v->str();
    // A note in brackets may stand between the heading and the title (a portal's remark on
    // later amendments): the title starts after it and ends at the next one.
    auto bracketed = [&](size_t w) {
      size_t open = text.rfind('[', words[w].b), close = text.rfind(']', words[w].b);
      return open != std::string_view::npos && (close == std::string_view::npos || close < open);
    };
    size_t t0 = i + n;
    while (t0 < words.size() && bracketed(t0)) ++t0;
    size_t k = t0;
    while (k < words.size() && caps_or_digits(words[k]) && !bracketed(k)) {
      // A number opening the next line is the body's ("1. ..."), not the title's.
      if (k > t0 && words[k].digits &&
          text.substr(words[k - 1].e, words[k].b - words[k - 1].e).find('\n') !=
              std::string_view::npos) {
        break;
      }
      ++k;
    }
    // The signer's heading may follow in capitals ("CHU TICH UY BAN NHAN DAN TINH"): the
    // title ends before a signer's title (lexicon signer_title) that no "CUA" (of) leads,
    // or before a repetition of the issuer.
    const auto& signer = rules.lexicon("signer_title");
    const auto& of = rules.lexicon("title_of");
    for (size_t j = t0 + 1; j < k; ++j) {
      if (scan::phrase_at(signer, words, j, 3) && !of.find(words[j - 1].text)) {
        k = j;
        break;
      }
    }
    if (s.issuer && k > t0) {
      auto iw = scan::words(*s.issuer, 0, s.issuer->size());
      if (iw.size() < k - t0 && scan::join(words, k - iw.size(), iw.size()) ==
                                         scan::join(iw, 0, iw.size())) {
        k -= iw.size();
      }
    }
    if (k > t0) {
      s.title = collapsed(text, words[t0].b, words[k - 1].e);
    } else if (t0 < words.size()) {
      // A heading alone on its line, the title on the next in sentence case ("KE HOACH\n
      // Day manh ..."), unless that line opens the body with a cue ("Can cu ...").
      size_t eol = text.find('\n', words[i + n - 1].e);
      bool alone = eol != std::string_view::npos && words[t0].b > eol &&
                   text.find('\n', eol + 1) != std::string_view::npos &&
                   words[t0].b < text.find('\n', eol + 1);
      if (alone && scan::is_capitalized(words[t0].text) &&
          !scan::phrase_at(rules.lexicon("relation_cue"), words, t0, 3)) {
        size_t end2 = std::min(text.find('\n', words[t0].b), end);
        s.title = collapsed(text, words[t0].b, end2);
      }
    }
    break;
  }
  if (!s.type && self) s.type = self->type;

  // A letter's title: after its lead on the number's line ("V/v ..."), to the line's end or
  // the place and date.
  if (!s.title) {
    const auto& lead = rules.lexicon("title_lead");
    size_t b = self ? self->at.e : 0;
    size_t eol = text.find('\n', b);
    if (eol == std::string_view::npos || eol > end) eol = end;
    for (const auto& k : lead.keys) {
      size_t p = text.substr(0, eol).find(k, b);
      if (p == std::string_view::npos || (p > 0 && !is_space(text[p - 1]))) continue;
      size_t stop = eol;
      for (const auto& h : x.header_dates) {
        if (h.at.b > p && h.at.b < stop) stop = h.place ? h.place->b : h.at.b;
      }
      std::string t = collapsed(text, p + k.size(), stop);
      if (!t.empty()) s.title = t;
      break;
    }
  }

  // The place and date: the first in the header.
  for (const auto& h : x.header_dates) {
    if (h.at.b >= end) break;
    s.date = h.value;
    if (h.place) s.place = collapsed(text, h.place->b, h.place->e);
    break;
  }
  // No motto before the number: the capitals right before it ("UY BAN NHAN DAN\nTINH
  // ...\nSo: 145/KH-UBND").
  if (!s.issuer && self) {
    size_t last = 0;
    while (last < words.size() && words[last].e <= self->at.b) ++last;
    if (last > 0 && rules.lexicon("self_label").find(words[last - 1].text)) --last;
    size_t first = last;
    while (first > 0 && scan::is_upper_word(words[first - 1].text) && !cited(words[first - 1])) {
      --first;
    }
    if (first < last) s.issuer = collapsed(text, words[first].b, words[last - 1].e);
  }
  if (!s.date && self) s.date = self->date;
  if (!s.issuer && self) s.issuer = self->issuer;
  x.self = std::move(s);
}

}  // namespace trich
