#include "indexer/document_builder.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "common/document_data.h"
#include "common/schema.h"
#include "common/terms.h"
#include "common/utf8.h"

namespace lede::indexer {

namespace {

void index_field(Xapian::Document* doc, Field field, const std::string& text,
                 Analyzer* analyzer, std::vector<Token>* tokens,
                 AnalysisStats* stats) {
  if (text.empty()) return;
  tokens->clear();
  analyzer->analyze(text, tokens, 0, stats);
  index_tokens(doc, field, *tokens, analyzer);
}

// Each item's words into `*tokens`, with a gap between items so that a
// phrase never spans two of them; indexed together (one item of one word
// has no positions).
void analyze_list(const std::vector<std::string>& items, Analyzer* analyzer,
                  std::vector<Token>* tokens, AnalysisStats* stats) {
  tokens->clear();
  std::uint32_t pos = 0;
  for (const std::string& item : items) {
    pos = analyzer->analyze(item, tokens, pos, stats) + kBodyPositionGap;
  }
}

void index_list(Xapian::Document* doc, Field field,
                const std::vector<std::string>& items, Analyzer* analyzer,
                std::vector<Token>* tokens, AnalysisStats* stats) {
  analyze_list(items, analyzer, tokens, stats);
  index_tokens(doc, field, *tokens, analyzer);
}

// `items` joined by kListSeparator, for a facet that counts each.
std::string joined_list(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& t : items) {
    if (!joined.empty()) joined += kListSeparator;
    joined += t;
  }
  return joined;
}

void count_spelling(const std::vector<Token>& tokens, WordCounts* spelling) {
  if (spelling == nullptr) return;
  for (const Token& t : tokens) {
    if (is_spelling_word(t)) ++(*spelling)[t.term];
  }
}

}  // namespace

void for_each_piece(std::string_view text,
                    const std::function<bool(std::string_view, bool)>& f) {
  if (text.empty()) return;
  if (text.size() <= kAnalysisPiece) {
    f(text, true);
    return;
  }
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
  };
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t end = std::min(text.size(), from + kAnalysisPiece);
    if (end < text.size()) {
      // After the last white space of the piece, else after the next one
      // within another piece, else at a character boundary.
      std::size_t cut = end;
      while (cut > from && !is_space(text[cut - 1])) --cut;
      if (cut == from) {
        const std::size_t limit = std::min(text.size(), end + kAnalysisPiece);
        cut = end;
        while (cut < limit && !is_space(text[cut])) ++cut;
        cut = cut < limit ? cut + 1 : utf8::floor_boundary(text, end);
        if (cut <= from) cut = end;  // (ill-formed text: any byte will do)
      }
      end = cut;
    }
    if (!f(text.substr(from, end - from), false)) return;
    from = end;
  }
}

bool is_spelling_word(const Token& token) {
  if (token.kind != TokenKind::kWord) return false;
  const std::string& w = token.term;
  if (w.size() < 3 || w.size() > 32) return false;
  for (const char c : w) {
    if ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') {
      return false;
    }
  }
  return true;
}

unsigned shard_of(std::string_view id_term, unsigned shards) {
  return static_cast<unsigned>(XXH64(id_term.data(), id_term.size(), 0) %
                               shards);
}

namespace {

std::string bytes64(std::uint64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i, v >>= 8) {
    out[static_cast<std::size_t>(i)] = static_cast<char>(v & 0xFF);
  }
  return out;
}

}  // namespace

std::string hash_bytes(std::string_view text) {
  return bytes64(XXH64(text.data(), text.size(), 0));
}

std::string content_hash(const Article& a) {
  XXH64_state_t* state = XXH64_createState();
  XXH64_reset(state, 0);
  auto add = [&](const std::string& s) {
    // Length first, so that ("ab","c") and ("a","bc") differ.
    const std::uint64_t n = s.size();
    XXH64_update(state, &n, sizeof n);
    XXH64_update(state, s.data(), s.size());
  };
  for (const std::string* s : {&a.id, &a.title, &a.body, &a.author, &a.source,
                               &a.url, &a.date, &a.date_raw, &a.path}) {
    add(*s);
  }
  for (const std::string& t : a.tags) add(t);
  if (!a.authors.empty()) {
    // The list, apart from the tags before it.
    const std::uint64_t n = a.authors.size();
    XXH64_update(state, &n, sizeof n);
    for (const std::string& t : a.authors) add(t);
  }
  for (const auto& [name, items] : a.fields) {
    if (items.empty()) continue;
    const std::uint64_t n = items.size();
    add(name);
    XXH64_update(state, &n, sizeof n);
    for (const std::string& t : items) add(t);
  }
  // The line too: a record that moved within its file is stored anew, so
  // that its PATH:LINE stays true.
  XXH64_update(state, &a.line, sizeof a.line);
  const std::uint64_t h = XXH64_digest(state);
  XXH64_freeState(state);
  return bytes64(h);
}

Xapian::Document build_document(const Article& a, const IndexSettings& settings,
                                Analyzer* analyzer, AnalysisStats* stats,
                                WordCounts* spelling, BuildNotes* notes) {
  Xapian::Document doc;
  std::vector<Token> tokens;
  std::vector<Token> body;

  // Title and body share the unprefixed terms; the title's words count
  // title_weight times. The title also gets its own prefix for `title:`.
  std::uint32_t next = 0;
  std::string title_terms;  // for the collapse key
  if (!a.title.empty()) {
    next = analyzer->analyze(a.title, &tokens, 0, stats) + kBodyPositionGap;
    count_spelling(tokens, spelling);
    for (const Token& t : tokens) {
      if (!title_terms.empty()) title_terms += ' ';
      title_terms += t.term;
    }
  }
  // The body is analysed and indexed a piece at a time, so that a long
  // body never holds all its tokens at once (48 bytes each, 8 for every
  // byte of English text), and no more than kMaxDocumentTerms terms.
  std::vector<std::string> opening;  // its first words, for the collapse key
  {
    TitleAndBody title_and_body(&doc, tokens, analyzer, settings.title_weight);
    std::size_t done = 0;  // body bytes indexed
    for_each_piece(a.body, [&](std::string_view piece, bool whole) {
      if (doc.termlist_count() >= kMaxDocumentTerms) return false;
      body.clear();
      next = analyzer->analyze(piece, &body, next, stats);
      count_spelling(body, spelling);
      title_and_body.add_body(body, whole);
      for (const Token& t : body) {
        if (opening.size() == kCollapseOpeningWords) break;
        opening.push_back(t.term);
      }
      done += piece.size();
      return true;
    });
    title_and_body.finish();
    if (notes != nullptr) notes->unindexed_bytes = a.body.size() - done;
  }
  if (a.authors.empty()) {
    index_field(&doc, Field::kAuthor, a.author, analyzer, &tokens, stats);
  } else {
    index_list(&doc, Field::kAuthor, a.authors, analyzer, &tokens, stats);
  }
  index_field(&doc, Field::kSource, a.source, analyzer, &tokens, stats);
  index_list(&doc, Field::kTag, a.tags, analyzer, &tokens, stats);
  for (std::size_t i = 0; i < settings.fields.size(); ++i) {
    const auto it = a.fields.find(settings.fields[i].name);
    if (it == a.fields.end() || it->second.empty()) continue;
    analyze_list(it->second, analyzer, &tokens, stats);
    index_user_field(&doc, user_field_prefix(settings.fields[i].name), tokens);
    doc.add_value(kSlotFirstUserField + static_cast<unsigned>(i),
                  joined_list(it->second));
  }

  std::string host = url_host(a.url);
  while (!host.empty()) {
    doc.add_boolean_term(bounded_term(prefix::kHost, host));
    const auto dot = host.find('.');
    if (dot == std::string::npos || host.find('.', dot + 1) == std::string::npos) {
      break;  // keep "statnews.com", not "com"
    }
    host.erase(0, dot + 1);
  }

  doc.add_boolean_term(id_term(a.id));

  const std::string date = date_value(a.date);
  if (!date.empty()) {
    doc.add_value(kSlotDate, date);
    doc.add_boolean_term(std::string(prefix::kDay) + date.substr(0, 8));
    doc.add_boolean_term(std::string(prefix::kMonth) + date.substr(0, 6));
    doc.add_boolean_term(std::string(prefix::kYear) + date.substr(0, 4));
    doc.add_value(kSlotYear, date.substr(0, 4));
    doc.add_value(kSlotMonth, date.substr(0, 4) + "-" + date.substr(4, 2));
  }
  if (!a.source.empty()) doc.add_value(kSlotSource, a.source);
  if (!a.authors.empty()) {
    doc.add_value(kSlotAuthor, joined_list(a.authors));
  } else if (!a.author.empty()) {
    doc.add_value(kSlotAuthor, a.author);
  }
  if (!a.tags.empty()) doc.add_value(kSlotTags, joined_list(a.tags));
  if (!a.path.empty()) doc.add_boolean_term(file_term(a.path));
  if (!a.title.empty()) {
    // Of the same text as terms_of(*analyzer, a.title), without analysing
    // the title a second time. Copies of one story share the title and the
    // day; without a day, the title and the opening words, so that two
    // different undated stories under one headline ("Weekly roundup") stay
    // apart.
    std::string key = title_terms + "|";
    if (!date.empty()) {
      key += date.substr(0, 8);
    } else {
      for (const std::string& word : opening) {
        key += ' ';
        key += word;
      }
    }
    doc.add_value(kSlotCollapse, hash_bytes(key));
  }
  doc.add_value(kSlotHash, content_hash(a));
  doc.set_data(encode_document_data(a));
  return doc;
}

}  // namespace lede::indexer
