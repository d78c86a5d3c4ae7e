// KindSet: which kinds of entity a run extracts and prints. Its own header so that the
// writers (output/), which need it to know their sections, do not include the extractor.
#pragma once

#include <string>

namespace trich {

struct KindSet {
  bool citations = true, priorities = true, dates = true, terms = true;
  bool audit = false;  // also collect what audit needs (invalid dates, anniversaries)
  // Relative dates ("hom nay", "thang truoc") are resolved against this: "YYYY-MM-DD", or
  // "document" for the document's own date; empty: they are not reported.
  std::string reference_date = {};  // an initializer: a KindSet{...} may leave it out
};

}  // namespace trich
