#include "indexer/dates.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include "indexer/text_util.h"

namespace lede::indexer {

namespace {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// 1-12 for an English month name or its abbreviation ("sept" too), else 0.
int month_number(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (equals_ci(word, "sept")) return 9;
  for (std::size_t m = 0; m < kNames.size(); ++m) {
    if (equals_ci(word, kNames[m]) ||
        (word.size() == 3 && equals_ci(word, kNames[m].substr(0, 3)))) {
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

bool is_weekday(std::string_view word) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "monday", "tuesday",  "wednesday", "thursday",
      "friday", "saturday", "sunday"};
  for (std::string_view d : kNames) {
    if (equals_ci(word, d) ||
        (word.size() == 3 && equals_ci(word, d.substr(0, 3)))) {
      return true;
    }
  }
  return equals_ci(word, "tues") || equals_ci(word, "thur") ||
         equals_ci(word, "thurs");
}

// Offset east of UTC in minutes of a zone name, or false if unknown.
bool named_zone(std::string_view name, int* minutes) {
  struct Zone {
    std::string_view name;
    int hours;
  };
  static constexpr Zone kZones[] = {
      {"z", 0},    {"ut", 0},   {"utc", 0},  {"gmt", 0},
      {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
      {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
      {"cet", 1},  {"cest", 2}, {"bst", 1},  {"jst", 9}};
  for (const Zone& z : kZones) {
    if (equals_ci(name, z.name)) {
      *minutes = z.hours * 60;
      return true;
    }
  }
  return false;
}

// A read position in the text being parsed.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  [[nodiscard]] bool done() const { return i_ >= s_.size(); }
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0';
  }
  [[nodiscard]] std::size_t pos() const { return i_; }
  void seek(std::size_t pos) { i_ = pos; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  // Skips blanks; returns whether there were any.
  bool blanks() {
    const std::size_t from = i_;
    while (!done() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
    return i_ > from;
  }
  // Reads min..max digits as a number; false (position unchanged) if fewer
  // than min, or more than max follow.
  bool number(int min, int max, int* value) {
    std::size_t n = 0;
    while (is_digit(peek(n))) ++n;
    if (n < static_cast<std::size_t>(min) ||
        n > static_cast<std::size_t>(max)) {
      return false;
    }
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) v = v * 10 + (s_[i_ + k] - '0');
    i_ += n;
    *value = v;
    return true;
  }
  std::string_view word() {
    const std::size_t from = i_;
    while (is_alpha(peek())) ++i_;
    return s_.substr(from, i_ - from);
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

struct Fields {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  bool has_zone = false;
  int offset = 0;  // minutes east of UTC
};

// hh:mm[:ss[.frac]] [am|pm|a.m.|p.m.]
bool read_time(Cursor* c, Fields* f) {
  const std::size_t start = c->pos();
  if (!c->number(1, 2, &f->hour) || !c->eat(':') ||
      !c->number(2, 2, &f->minute)) {
    c->seek(start);
    return false;
  }
  if (c->eat(':')) {
    if (!c->number(2, 2, &f->second)) return false;
    if (c->peek() == '.' || c->peek() == ',') {
      if (!is_digit(c->peek(1))) return false;
      c->eat(c->peek());
      while (is_digit(c->peek())) c->eat(c->peek());
    }
  }
  const std::size_t before_meridiem = c->pos();
  c->blanks();
  const char m = lower(c->peek());
  bool meridiem = false, pm = false;
  if ((m == 'a' || m == 'p') && lower(c->peek(1)) == 'm' &&
      !is_alpha(c->peek(2))) {
    meridiem = true;
    pm = m == 'p';
    c->seek(c->pos() + 2);
  } else if ((m == 'a' || m == 'p') && c->peek(1) == '.' &&
             lower(c->peek(2)) == 'm' && c->peek(3) == '.') {
    meridiem = true;
    pm = m == 'p';
    c->seek(c->pos() + 4);
  } else {
    c->seek(before_meridiem);
  }
  if (meridiem) {
    if (f->hour < 1 || f->hour > 12) return false;
    f->hour = f->hour % 12 + (pm ? 12 : 0);
  }
  if (f->hour > 23 || f->minute > 59 || f->second > 60) return false;
  if (f->second == 60) f->second = 59;
  f->has_time = true;
  return true;
}

// Z | +hh:mm | +hhmm | +hh | a zone name [+hh[:mm]]; then an optional
// "(comment)". Returns false on a malformed offset. An unknown alphabetic
// zone is consumed and leaves the time unzoned.
bool read_zone(Cursor* c, Fields* f) {
  const std::size_t start = c->pos();
  c->blanks();
  auto offset = [&](int* minutes) {
    const char sign = c->peek();
    if (sign != '+' && sign != '-') return false;
    c->eat(sign);
    int h = 0, m = 0;
    if (c->number(4, 4, &h)) {
      m = h % 100;
      h /= 100;
    } else if (c->number(1, 2, &h)) {
      if (c->eat(':') && !c->number(2, 2, &m)) return false;
    } else {
      return false;
    }
    if (h > 23 || m > 59) return false;
    *minutes = (sign == '-' ? -1 : 1) * (h * 60 + m);
    return true;
  };
  if (c->peek() == '+' || c->peek() == '-') {
    if (!offset(&f->offset)) return false;
    f->has_zone = true;
  } else if (is_alpha(c->peek())) {
    const std::string_view name = c->word();
    if (name.size() > 5 || month_number(name) != 0) {
      c->seek(start);  // not a zone: leave it to the caller
      return true;
    }
    if (named_zone(name, &f->offset)) {
      f->has_zone = true;
      if (c->peek() == '+' || c->peek() == '-') {  // GMT+2, UTC-05:00
        int extra = 0;
        if (!offset(&extra)) return false;
        f->offset += extra;
      }
    }
  } else {
    c->seek(start);
    return true;
  }
  // An RFC 2822 comment such as "(UTC)" or "(Pacific Daylight Time)".
  const std::size_t before_comment = c->pos();
  c->blanks();
  if (c->eat('(')) {
    while (!c->done() && c->peek() != ')') c->eat(c->peek());
    if (!c->eat(')')) return false;
  } else {
    c->seek(before_comment);
  }
  return true;
}

// [weekday[,]] at the start.
void skip_weekday(Cursor* c) {
  const std::size_t start = c->pos();
  if (is_weekday(c->word())) {
    c->eat('.');
    c->eat(',');
    c->blanks();
    return;
  }
  c->seek(start);
}

// YYYY-MM-DD or YYYY/MM/DD, then an optional time and zone.
bool read_iso(Cursor* c, Fields* f) {
  if (!c->number(4, 4, &f->year)) return false;
  const char sep = c->peek();
  if (sep != '-' && sep != '/') return false;
  c->eat(sep);
  if (!c->number(1, 2, &f->month) || !c->eat(sep) ||
      !c->number(1, 2, &f->day)) {
    return false;
  }
  const std::size_t after_date = c->pos();
  if (c->eat('T') || c->eat('t') || c->blanks()) {
    if (!read_time(c, f)) {
      c->seek(after_date);
      return true;  // trailing text is rejected by the caller
    }
    if (c->peek() == 'Z' || c->peek() == 'z') {
      c->eat(c->peek());
      f->has_zone = true;
      f->offset = 0;
    } else if (!read_zone(c, f)) {
      return false;
    }
  }
  return true;
}

int two_digit_year(int y) { return y < 50 ? 2000 + y : 1900 + y; }

// After a day number: an English ordinal suffix ("3rd") is skipped; any
// other word is left for the caller.
void skip_ordinal_suffix(Cursor* c) {
  const std::size_t after_day = c->pos();
  const std::string_view suffix = c->word();
  if (!suffix.empty() &&
      !(equals_ci(suffix, "st") || equals_ci(suffix, "nd") ||
        equals_ci(suffix, "rd") || equals_ci(suffix, "th"))) {
    c->seek(after_day);
  }
}

// D[st] Mon[.] YYYY with blanks or '-' between; then time and zone.
bool read_day_first(Cursor* c, Fields* f) {
  if (!c->number(1, 2, &f->day)) return false;
  skip_ordinal_suffix(c);
  const bool dash = c->eat('-');
  if (!dash && !c->blanks()) return false;
  f->month = month_number(c->word());
  if (f->month == 0) return false;
  c->eat('.');
  if (dash ? !c->eat('-') : !c->blanks()) return false;
  int y = 0;
  if (c->number(4, 4, &y)) {
    f->year = y;
  } else if (c->number(2, 2, &y)) {
    f->year = two_digit_year(y);
  } else {
    return false;
  }
  const std::size_t after_year = c->pos();
  if (c->blanks() || c->eat(',')) {
    c->blanks();
    if (!read_time(c, f)) {
      c->seek(after_year);
      return true;
    }
    return read_zone(c, f);
  }
  return true;
}

// Mon[.] D[st][,] YYYY [[,] time [zone]]  or  Mon D time [zone] YYYY.
bool read_month_first(Cursor* c, Fields* f) {
  f->month = month_number(c->word());
  if (f->month == 0) return false;
  c->eat('.');
  if (!c->blanks()) return false;
  if (!c->number(1, 2, &f->day)) return false;
  skip_ordinal_suffix(c);
  const bool comma = c->eat(',');
  if (!c->blanks()) return false;
  if (!comma && read_time(c, f)) {  // asctime: the year comes last
    if (!read_zone(c, f) || !c->blanks()) return false;
    return c->number(4, 4, &f->year);
  }
  if (!c->number(4, 4, &f->year)) return false;
  const std::size_t after_year = c->pos();
  const bool sep = c->eat(',');
  if (c->blanks() || sep) {
    c->blanks();
    const std::size_t before_at = c->pos();
    if (!equals_ci(c->word(), "at") || !c->blanks()) c->seek(before_at);
    if (!read_time(c, f)) {
      c->seek(after_year);
      return true;
    }
    return read_zone(c, f);
  }
  return true;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard
// Hinnant's algorithms, public domain).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe =
      (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

bool valid_day(const Fields& f) {
  return f.year >= 1000 && f.year <= 9999 && f.month >= 1 && f.month <= 12 &&
         f.day >= 1 && f.day <= days_in_month(f.year, f.month);
}

std::string format(const Fields& in) {
  Fields f = in;
  if (f.has_time && f.has_zone && f.offset != 0) {
    std::int64_t t = days_from_civil(f.year, f.month, f.day) * 86400 +
                     f.hour * 3600 + f.minute * 60 + f.second -
                     static_cast<std::int64_t>(f.offset) * 60;
    std::int64_t days = t / 86400;
    std::int64_t secs = t % 86400;
    if (secs < 0) {
      secs += 86400;
      --days;
    }
    civil_from_days(days, &f.year, &f.month, &f.day);
    f.hour = static_cast<int>(secs / 3600);
    f.minute = static_cast<int>(secs / 60 % 60);
    f.second = static_cast<int>(secs % 60);
    if (f.year < 1000 || f.year > 9999) return {};
  }
  char buf[32];
  if (!f.has_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", f.year, f.month, f.day);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%s", f.year,
                  f.month, f.day, f.hour, f.minute, f.second,
                  f.has_zone ? "Z" : "");
  }
  return buf;
}

}  // namespace

std::string normalize_date(std::string_view raw) {
  while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t' ||
                          raw.front() == '\n' || raw.front() == '\r')) {
    raw.remove_prefix(1);
  }
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' ||
                          raw.back() == '\n' || raw.back() == '\r')) {
    raw.remove_suffix(1);
  }
  if (raw.empty() || raw.size() > 100) return {};
  Cursor c(raw);
  Fields f;
  bool ok = false;
  if (is_digit(c.peek()) && is_digit(c.peek(1)) && is_digit(c.peek(2)) &&
      is_digit(c.peek(3))) {
    ok = read_iso(&c, &f);
  } else {
    skip_weekday(&c);
    ok = is_digit(c.peek()) ? read_day_first(&c, &f) : read_month_first(&c, &f);
  }
  c.blanks();
  if (!ok || !c.done() || !valid_day(f)) return {};
  return format(f);
}

}  // namespace lede::indexer
