#include "io/walk_filter.h"

#include <fnmatch.h>

namespace trich {

GlobFilter::GlobFilter(const std::vector<std::string>& globs) {
  for (std::string g : globs) {
    Pat p;
    if (!g.empty() && g[0] == '!') {
      p.exclude = true;
      g.erase(0, 1);
    }
    if (g.rfind("**/", 0) == 0) {
      p.any_depth = true;
      g.erase(0, 3);
    }
    bool anchored = !g.empty() && g[0] == '/';
    if (anchored) g.erase(0, 1);
    while (g.size() > 1 && g.back() == '/') g.pop_back();  // "drafts/": the directory
    if (g.empty()) continue;
    p.path = anchored || g.find('/') != std::string::npos;
    p.glob = g;
    has_include_ = has_include_ || !p.exclude;
    pats_.push_back(p);
  }
}

int GlobFilter::verdict(const std::string& rel, const std::string& name) const {
  int v = 0;
  for (const auto& p : pats_) {
    bool m;
    if (!p.path) {
      m = ::fnmatch(p.glob.c_str(), name.c_str(), 0) == 0;
    } else {
      m = ::fnmatch(p.glob.c_str(), rel.c_str(), FNM_PATHNAME) == 0;
      // "**/a/*.txt": also at any depth, i.e. against every tail of the path.
      for (size_t i = rel.find('/'); !m && p.any_depth && i != std::string::npos;
           i = rel.find('/', i + 1)) {
        m = ::fnmatch(p.glob.c_str(), rel.c_str() + i + 1, FNM_PATHNAME) == 0;
      }
    }
    if (m) v = p.exclude ? -1 : 1;
  }
  return v;
}

bool GlobFilter::keep_file(const std::string& rel, const std::string& name) const {
  int v = verdict(rel, name);
  return v == 1 || (v == 0 && !has_include_);
}

bool GlobFilter::enter_dir(const std::string& rel, const std::string& name) const {
  return verdict(rel, name) != -1;
}

}  // namespace trich
