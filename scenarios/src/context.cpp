// Context: locations of decoded paths, and the did-you-mean helpers.
#include "context.hpp"

#include <algorithm>

namespace truckflow::scenarios::detail {

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string item_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

void Context::error(const Node& node, const std::string& path, std::string message) {
  diagnostics_.push_back({node.where(), path, std::move(message)});
}

SourceLocation Context::where(const std::string& path) const {
  std::string p = path;
  for (;;) {
    if (const auto it = locations_.find(p); it != locations_.end()) return it->second;
    const std::size_t cut = p.find_last_of(".[");
    if (cut == std::string::npos) break;
    p.resize(cut);
  }
  return locations_.count("") != 0 ? locations_.at("") : SourceLocation{};
}

void Context::error_at(const std::string& path, std::string message) {
  diagnostics_.push_back({where(path), path, std::move(message)});
}

void Context::warning_at(std::string kind, const std::string& path, std::string message) {
  warnings_.push_back({where(path), path, std::move(message), Diagnostic::Severity::warning, std::move(kind)});
}

namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::vector<std::string> similar(const std::string& word, const std::vector<std::string>& candidates,
                                 std::size_t limit) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  const std::size_t allowed = std::max<std::size_t>(2, word.size() / 3);
  for (const std::string& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    const bool prefix =
        candidate.size() > word.size() && word.size() >= 3 && candidate.compare(0, word.size(), word) == 0;
    if (d <= allowed || prefix) scored.emplace_back(prefix ? std::min(d, allowed) : d, candidate);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> result;
  for (std::size_t i = 0; i < scored.size() && i < limit; ++i) result.push_back(scored[i].second);
  return result;
}

std::string quoted_list(const std::vector<std::string>& words, const char* last_joiner) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += i + 1 == words.size() ? last_joiner : ", ";
    text += "'" + words[i] + "'";
  }
  return text;
}

}  // namespace truckflow::scenarios::detail

namespace truckflow::scenarios {

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const auto best = detail::similar(word, candidates);
  return best.empty() ? "" : " (did you mean '" + best.front() + "'?)";
}

}  // namespace truckflow::scenarios
