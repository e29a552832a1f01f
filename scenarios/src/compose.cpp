// extends and --set.
#include "compose.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <map>

#include "spec.hpp"

namespace truckflow::scenarios::detail {

namespace {

constexpr std::size_t max_extends_depth = 16;

bool all_items_have_ids(const Node& list) {
  return std::all_of(list.items().begin(), list.items().end(), [](const Node& item) {
    const Node* id = item.is_map() ? item.find("id") : nullptr;
    return id != nullptr && id->is_scalar();
  });
}

/// Reads and strips an item's `remove` key: true if it asks to delete the base's item. A value
/// other than true or false is reported (and the item kept).
bool take_removal(Node& item, std::vector<Diagnostic>& diagnostics) {
  auto& entries = item.entries();
  const auto remove =
      std::find_if(entries.begin(), entries.end(), [](const auto& e) { return e.first.text() == "remove"; });
  if (remove == entries.end()) return false;
  const Node& value = remove->second;
  const bool is_flag = value.is_scalar() && value.plain() && (value.text() == "true" || value.text() == "false");
  if (!is_flag) {
    diagnostics.push_back({value.where(), "", "remove: expected true or false, found " + value.describe()});
    return false;
  }
  const bool removal = value.text() == "true";
  entries.erase(remove);
  return removal;
}

/// Merges `overlay` over `base`. `spec` describes them (a mapping's spec, or a list's items'), or
/// is null where the spec does not go (unknown keys: the decoder reports them); `by_id` says the
/// list is a registered entity list.
void merge(Node& base, Node overlay, const ObjectSpecBase* spec, bool by_id, std::vector<Diagnostic>& diagnostics) {
  if (base.is_map() && overlay.is_map()) {
    for (auto& [key, value] : overlay.entries()) {
      const ObjectSpecBase* child = spec != nullptr ? spec->child(key.text()) : nullptr;
      const bool entities = spec != nullptr && spec->entity_list(key.text()) != nullptr;
      if (Node* existing = base.find(key.text())) {
        merge(*existing, std::move(value), child, entities, diagnostics);
      } else if (entities && value.is_sequence()) {
        // An entity list the base does not have: merged into an empty one, so its `remove` keys are read.
        Node list = Node::sequence(value.where());
        merge(list, std::move(value), child, entities, diagnostics);
        base.entries().emplace_back(std::move(key), std::move(list));
      } else {
        base.entries().emplace_back(std::move(key), std::move(value));
      }
    }
    return;
  }
  if (by_id && base.is_sequence() && overlay.is_sequence() && all_items_have_ids(base) && all_items_have_ids(overlay)) {
    std::map<std::string, int> seen;  // id -> line of its first item in the overlay
    for (Node& item : overlay.items()) {
      const std::string& id = item.find("id")->text();
      if (const auto [it, fresh] = seen.emplace(id, item.where().line); !fresh) {
        diagnostics.push_back(
            {item.find("id")->where(), "",
             "duplicate id '" + id + "' in this list (first at line " + std::to_string(it->second) + ")"});
        continue;
      }
      auto match = std::find_if(base.items().begin(), base.items().end(),
                                [&](const Node& b) { return b.find("id")->text() == id; });
      if (take_removal(item, diagnostics)) {
        if (match == base.items().end()) {
          diagnostics.push_back({item.where(), "", "remove: there is no item with id '" + id + "' to remove"});
        } else {
          base.items().erase(match);
        }
      } else if (match == base.items().end()) {
        base.items().push_back(std::move(item));
      } else {
        merge(*match, std::move(item), spec, false, diagnostics);
      }
    }
    return;
  }
  base = std::move(overlay);
}

Node compose_file(const std::filesystem::path& path, const ObjectSpecBase& spec,
                  std::vector<std::filesystem::path>& chain, std::vector<Diagnostic>& diagnostics, ReadBudget& budget) {
  Node document = read_yaml_file(path.string(), diagnostics, budget);
  if (!document.is_map()) return document;  // the loader reports what the top level should be
  auto& entries = document.entries();
  const auto extends =
      std::find_if(entries.begin(), entries.end(), [](const auto& e) { return e.first.text() == "extends"; });
  if (extends == entries.end()) return document;

  const Node target = std::move(extends->second);
  const SourceLocation where = extends->first.where();
  entries.erase(extends);
  if (!target.is_scalar() || target.text().empty()) {
    diagnostics.push_back(
        {target.where(), "extends", "expected the path of the scenario file to extend, found " + target.describe()});
    return {};
  }
  std::error_code error;
  const std::filesystem::path base_path = (path.parent_path() / target.text()).lexically_normal();
  const std::filesystem::path identity = std::filesystem::weakly_canonical(base_path, error);
  if (std::find(chain.begin(), chain.end(), identity) != chain.end()) {
    std::string cycle;
    for (const auto& p : chain) cycle += p.filename().string() + " -> ";
    diagnostics.push_back({where, "extends", "extends cycle: " + cycle + identity.filename().string()});
    return {};
  }
  if (chain.size() >= max_extends_depth) {
    diagnostics.push_back({where, "extends", "more than " + std::to_string(max_extends_depth) + " levels of extends"});
    return {};
  }
  chain.push_back(identity);
  const std::size_t errors_before = diagnostics.size();
  Node base = compose_file(base_path, spec, chain, diagnostics, budget);
  chain.pop_back();
  if (diagnostics.size() != errors_before) {
    diagnostics.push_back({target.where(), "extends", "the extended scenario '" + target.text() + "' has errors"});
    return {};
  }
  if (!base.is_map()) {
    diagnostics.push_back({target.where(), "extends",
                           "the extended scenario '" + target.text() + "' must be a mapping at its top level"});
    return {};
  }
  merge(base, std::move(document), &spec, false, diagnostics);
  return base;
}

void relocate(Node& node, const SourceLocation& where) {
  // Every node of a --set value is located at the argument itself.
  if (node.is_sequence()) {
    for (Node& item : node.items()) relocate(item, where);
  } else if (node.is_map()) {
    for (auto& [key, value] : node.entries()) {
      key = Node::scalar(key.text(), key.plain(), where);
      relocate(value, where);
    }
  }
  switch (node.kind()) {
    case Node::Kind::null:
      node = Node::null(where);
      break;
    case Node::Kind::scalar:
      node = Node::scalar(node.text(), node.plain(), where);
      break;
    case Node::Kind::sequence: {
      Node copy = Node::sequence(where);
      copy.items() = std::move(node.items());
      node = std::move(copy);
      break;
    }
    case Node::Kind::map: {
      Node copy = Node::map(where);
      copy.entries() = std::move(node.entries());
      node = std::move(copy);
      break;
    }
  }
}

struct Segment {
  std::string key;
  std::vector<std::string> selectors;  // what was inside each [...]
};

bool is_key_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

bool parse_path(const std::string& text, std::vector<Segment>& segments) {
  std::size_t i = 0;
  while (i < text.size()) {
    Segment segment;
    while (i < text.size() && is_key_char(text[i])) segment.key += text[i++];
    if (segment.key.empty()) return false;
    while (i < text.size() && text[i] == '[') {
      const std::size_t close = text.find(']', i);
      if (close == std::string::npos || close == i + 1) return false;
      segment.selectors.push_back(text.substr(i + 1, close - i - 1));
      i = close + 1;
    }
    segments.push_back(std::move(segment));
    if (i < text.size()) {
      if (text[i] != '.') return false;
      ++i;
      if (i == text.size()) return false;
    }
  }
  return !segments.empty();
}

bool is_index(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

void apply_override(Node& root, const Override& override, std::vector<Diagnostic>& diagnostics, ReadBudget& budget) {
  const std::string& assignment = override.assignment;
  const SourceLocation where{override.source.empty() ? "--set " + assignment : override.source, 0, 0};
  auto fail = [&](const std::string& message) { diagnostics.push_back({where, "", message}); };
  const std::size_t equals = assignment.find('=');
  if (equals == std::string::npos) {
    fail("expected key.path=value (for example simulation.seed=7)");
    return;
  }
  std::vector<Segment> segments;
  const std::string path_text = assignment.substr(0, equals);
  if (!parse_path(path_text, segments)) {
    fail("'" + path_text + "' is not a key path (keys joined by '.', list items selected by [index] or [id])");
    return;
  }
  const std::size_t errors_before = diagnostics.size();
  Node value = read_yaml_text(assignment.substr(equals + 1), where.file, diagnostics, budget);
  if (diagnostics.size() != errors_before) return;
  relocate(value, where);

  if (!root.is_map()) root = Node::map(where);
  Node* current = &root;
  std::string path;
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const Segment& segment = segments[s];
    if (current->is_null()) *current = Node::map(where);
    if (!current->is_map()) {
      fail((path.empty() ? std::string("the top level") : path) + " is " + current->describe() + ", not a mapping");
      return;
    }
    path += (path.empty() ? "" : ".") + segment.key;
    Node* next = current->find(segment.key);
    const bool last = s + 1 == segments.size() && segment.selectors.empty();
    if (next == nullptr) {
      if (!segment.selectors.empty()) {
        fail(path + " does not exist, so it has no items to select");
        return;
      }
      current->entries().emplace_back(Node::scalar(segment.key, true, where), last ? Node{} : Node::map(where));
      next = &current->entries().back().second;
    }
    current = next;
    for (const std::string& selector : segment.selectors) {
      if (!current->is_sequence()) {
        fail(path + " is " + current->describe() + ", not a list");
        return;
      }
      auto& items = current->items();
      if (is_index(selector)) {
        // An index too large for any number is past the end like any other.
        std::size_t index = 0;
        const auto [end, error] = std::from_chars(selector.data(), selector.data() + selector.size(), index);
        if (error != std::errc{} || index >= items.size()) {
          const std::size_t n = items.size();
          fail(path + " has " + std::to_string(n) + (n == 1 ? " item" : " items") + "; there is no item [" + selector +
               "] (" +
               (n == 0 ? std::string("the list is empty")
                       : "expected an index from 0 to " + std::to_string(n - 1) + " or an item's id") +
               ")");
          return;
        }
        current = &items[index];
      } else {
        auto it = std::find_if(items.begin(), items.end(), [&](const Node& item) {
          const Node* id = item.is_map() ? item.find("id") : nullptr;
          return id != nullptr && id->text() == selector;
        });
        if (it == items.end()) {
          fail(path + " has no item with id '" + selector + "'");
          return;
        }
        current = &*it;
      }
      path += "[" + selector + "]";
    }
  }
  *current = std::move(value);
}

Node compose(const std::string& path, const ObjectSpecBase& spec, const std::vector<Override>& overrides,
             std::vector<Diagnostic>& diagnostics, std::function<void()> interruption_check) {
  std::error_code error;
  std::vector<std::filesystem::path> chain{std::filesystem::weakly_canonical(path, error)};
  ReadBudget budget;
  budget.interruption_check = std::move(interruption_check);
  Node root = compose_file(path, spec, chain, diagnostics, budget);
  if (!diagnostics.empty()) return root;
  for (const Override& override : overrides) apply_override(root, override, diagnostics, budget);
  return root;
}

}  // namespace truckflow::scenarios::detail
