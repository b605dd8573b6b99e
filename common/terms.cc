#include "common/terms.h"

#include <cassert>

#include "common/schema.h"

namespace lede {

std::string_view field_prefix(Field field) {
  switch (field) {
    case Field::kAll: return "";
    case Field::kTitle: return prefix::kTitle;
    case Field::kAuthor: return prefix::kAuthor;
    case Field::kSource: return prefix::kSource;
    case Field::kTag: return prefix::kTag;
  }
  return "";
}

bool field_is_stemmed(Field field) {
  return field == Field::kAll || field == Field::kTitle;
}

std::string field_term(Field field, std::string_view term) {
  std::string t(field_prefix(field));
  t += term;
  return t;
}

std::string stem_term(Field field, std::string_view stem) {
  assert(field_is_stemmed(field));
  std::string t(prefix::kStem);
  t += field_prefix(field);
  t += stem;
  return t;
}

void index_tokens(Xapian::Document* doc, Field field,
                  const std::vector<Token>& tokens, Analyzer* analyzer,
                  Xapian::termcount wdf_inc) {
  const bool stemmed = field_is_stemmed(field) && analyzer->stems();
  std::string term(field_prefix(field));
  const std::size_t plen = term.size();
  std::string zterm(stemmed ? stem_term(field, "") : std::string());
  const std::size_t zlen = zterm.size();
  for (const Token& token : tokens) {
    term.resize(plen);
    term += token.term;
    // Positions are 1-based in Xapian's conventions; 0 is "no position".
    doc->add_posting(term, token.position + 1, wdf_inc);
    // A stem term only where the stem differs from the word: the word's
    // own term already says "a word with this stem" when they are equal
    // (literal_query() asks for both). That drops two thirds of the stem
    // postings of English news.
    if (stemmed && token.stemmable()) {
      const std::string& stem = analyzer->stem(token.term);
      if (stem != token.term) {
        zterm.resize(zlen);
        zterm += stem;
        doc->add_term(zterm, wdf_inc);
      }
    }
  }
}

Xapian::Query literal_query(Field field, std::string_view text, Match match,
                            Analyzer* analyzer, Xapian::termpos wqf_position,
                            std::vector<Token>* tokens_out) {
  std::vector<Token> tokens;
  analyzer->analyze(text, &tokens);
  std::vector<const Token*> words;
  const Token* whole_compound = nullptr;
  for (const Token& t : tokens) {
    if (!t.is_compound()) {
      words.push_back(&t);
    } else if (t.begin == tokens.front().begin && t.end == tokens.back().end) {
      whole_compound = &t;
    }
  }
  Xapian::Query query;
  if (words.size() == 1) {
    const Token& t = *words.front();
    if (match == Match::kStemmed && field_is_stemmed(field) &&
        analyzer->stems() && t.stemmable()) {
      // A copy: the next stem() may evict the cached string.
      const std::string stem = analyzer->stem(t.term);
      query = Xapian::Query(stem_term(field, stem), 1, wqf_position);
      // Words whose stem is `stem`: those that differ from it have the
      // stem term, the word `stem` itself has only its own term. (A
      // Snowball stem need not be its own stem: "agreed" -> "agre", but
      // the word "agre" -> "agr"; then the word's term is not asked for.)
      // OP_SYNONYM weighs the pair as one term, its wdf the sum of theirs.
      if (analyzer->stem(stem) == stem) {
        query = Xapian::Query(
            Xapian::Query::OP_SYNONYM, query,
            Xapian::Query(field_term(field, stem), 1, wqf_position));
      }
    } else {
      query = Xapian::Query(field_term(field, t.term), 1, wqf_position);
    }
  } else if (words.size() > 1) {
    std::vector<Xapian::Query> parts;
    parts.reserve(words.size());
    Xapian::termpos pos = wqf_position;
    for (const Token* t : words) {
      parts.emplace_back(field_term(field, t->term), 1, pos++);
    }
    query = Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(),
                          parts.end(), parts.size());
    if (whole_compound != nullptr) {
      query = Xapian::Query(
          Xapian::Query::OP_OR, query,
          Xapian::Query(field_term(field, whole_compound->term), 1,
                        wqf_position));
    }
  }
  if (tokens_out != nullptr) *tokens_out = std::move(tokens);
  return query;
}

}  // namespace lede
