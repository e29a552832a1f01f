// Reading YAML into Nodes (with the checks yaml-cpp leaves out) and writing Nodes back as YAML.
#include "node.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace truckflow::scenarios::detail {

namespace {

void report(std::vector<Diagnostic>& diagnostics, SourceLocation where, std::string message) {
  Diagnostic diagnostic;
  diagnostic.location = std::move(where);
  diagnostic.message = std::move(message);
  diagnostics.push_back(std::move(diagnostic));
}

/// " (a tab indents line N; YAML indents with spaces only)" when a tab starts a line near `line`.
std::string tab_hint(const std::string& text, int line) {
  int current = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (current >= line - 1 && current <= line && start < text.size() && text[start] == '\t') {
      return " (a tab indents line " + std::to_string(current + 1) + "; YAML indents with spaces only)";
    }
    if (current > line || end == text.size()) break;
    start = end + 1;
    ++current;
  }
  return "";
}

}  // namespace

Node Node::null(SourceLocation where) {
  Node n;
  n.kind_ = Kind::null;
  n.where_ = std::move(where);
  return n;
}

Node Node::scalar(std::string text, bool plain, SourceLocation where) {
  Node n;
  n.kind_ = Kind::scalar;
  n.text_ = std::move(text);
  n.plain_ = plain;
  n.where_ = std::move(where);
  return n;
}

Node Node::sequence(SourceLocation where) {
  Node n;
  n.kind_ = Kind::sequence;
  n.where_ = std::move(where);
  return n;
}

Node Node::map(SourceLocation where) {
  Node n;
  n.kind_ = Kind::map;
  n.where_ = std::move(where);
  return n;
}

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : entries_) {
    if (k.text_ == key) return &v;
  }
  return nullptr;
}

Node* Node::find(std::string_view key) {
  for (auto& [k, v] : entries_) {
    if (k.text_ == key) return &v;
  }
  return nullptr;
}

std::string Node::describe() const {
  switch (kind_) {
    case Kind::null:
      return "nothing";
    case Kind::scalar:
      return plain_ ? "'" + text_ + "'" : "the quoted text \"" + text_ + "\"";
    case Kind::sequence:
      return items_.empty() ? "an empty list" : "a list";
    case Kind::map:
      return "a mapping";
  }
  return "?";
}

namespace {

/// The offset of the first byte of `text` that is not part of well-formed UTF-8 (no overlong
/// forms, no surrogates, nothing above U+10FFFF), if any.
std::optional<std::size_t> first_invalid_utf8(const std::string& text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto continuation = [&](std::size_t i) { return i < text.size() && (byte(i) & 0xC0U) == 0x80U; };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned lead = byte(i);
    std::size_t length = 0;
    unsigned low = 0x80;  // the allowed range of the second byte
    unsigned high = 0xBF;
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;   // overlong
      if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;   // overlong
      if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    if (length > 1 && (i + 1 >= text.size() || byte(i + 1) < low || byte(i + 1) > high)) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (!continuation(i + k)) return i;
    }
    i += length;
  }
  return std::nullopt;
}

/// The offset of the first control character YAML does not allow in a file or a value (C0 other
/// than tab and line breaks, and DEL), if any; `allow` lists the ones allowed here.
std::optional<std::size_t> first_control_character(const std::string& text, std::string_view allow) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte < 0x20U || byte == 0x7FU) && allow.find(text[i]) == std::string_view::npos) return i;
  }
  return std::nullopt;
}

std::string hex_byte(char c) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(c));
  return hex;
}

/// Locations in one input as every diagnostic gives them: lines and columns from 1, the column
/// counting characters (yaml-cpp's marks count bytes, which puts columns after Chinese text off).
class Positions {
 public:
  Positions(const std::string& text, std::string source) : text_(text), source_(std::move(source)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  /// The location of byte `offset` (the text before it must be UTF-8). Nodes are located in
  /// the order they appear, so counting characters resumes from the last offset asked on the same
  /// line: locating every item of a long one-line list costs the line's length once, not once
  /// per item.
  SourceLocation at_offset(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const std::size_t line = static_cast<std::size_t>(next_line - line_starts_.begin());  // from 1
    if (line != last_.line || offset < last_.offset) last_ = {line, line_starts_[line - 1], 1};
    for (std::size_t i = last_.offset; i < offset; ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0U) != 0x80U) ++last_.column;
    }
    last_.offset = offset;
    return {source_, static_cast<int>(line), last_.column};
  }

  /// The location of a yaml-cpp mark (line from 0, column in bytes from 0); the whole input if
  /// the mark is unknown.
  SourceLocation at(const YAML::Mark& mark) const {
    if (mark.line < 0 || mark.column < 0 || static_cast<std::size_t>(mark.line) >= line_starts_.size()) {
      return {source_, 0, 0};
    }
    return at_offset(line_starts_[static_cast<std::size_t>(mark.line)] + static_cast<std::size_t>(mark.column));
  }

 private:
  struct Cursor {
    std::size_t line = 0;  // from 1; 0 before the first call
    std::size_t offset = 0;
    int column = 1;
  };

  const std::string& text_;
  std::string source_;
  std::vector<std::size_t> line_starts_;
  mutable Cursor last_;  // the last location computed
};

/// Builds nodes from yaml-cpp's parse events (not from its node tree): every node counts against
/// the budget as it is made, aliases are expanded as copies that count too, and the interruption
/// check runs as events come. So even a parse that never ends (yaml-cpp 0.7 loops on some broken
/// flow collections, emitting nodes forever) stops at the budget, and Ctrl-C stops any parse.
class Builder : public YAML::EventHandler {
 public:
  /// Thrown to stop the parse once a problem is reported.
  struct Abandon {};

  Builder(const Positions& positions, std::vector<Diagnostic>& diagnostics, ReadBudget& budget)
      : positions_(positions), diagnostics_(diagnostics), budget_(budget) {}

  /// The document, once the parse ended without a problem (null if there was none).
  Node take_root() { return std::move(root_); }
  std::size_t documents() const noexcept { return documents_; }
  const SourceLocation& second_document() const noexcept { return second_document_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ == 2) second_document_ = positions_.at(mark);
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    // A missing value ("key:") is reported at its key.
    const Frame* map = !stack_.empty() && stack_.back().node.is_map() && stack_.back().key ? &stack_.back() : nullptr;
    complete(Node::null(map != nullptr ? map->key->where() : positions_.at(mark)), anchor, count(mark));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) fail(positions_.at(mark), "an alias to an unknown anchor");
    count(mark, it->second.second - 1);  // the copy's nodes (count() adds the one)
    complete(Node(it->second.first), 0, it->second.second);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    const std::size_t nodes = count(mark);
    const bool plain = tag == "?";
    if (!plain && tag != "!" && tag != "tag:yaml.org,2002:str") {
      fail(positions_.at(mark), "YAML tag '" + tag + "' is not supported (only !!str)");
    }
    if (value.size() > budget_.max_scalar_bytes) {
      fail(positions_.at(mark), "a value longer than " + std::to_string(budget_.max_scalar_bytes) + " bytes");
    }
    // An escape such as "\0" or "\x07" in a quoted value: a name cut short in the results, a
    // character no terminal shows.
    if (const auto bad = first_control_character(value, "\t\n")) {
      fail(positions_.at(mark), "the value holds the control character " + hex_byte(value[*bad]) +
                                    " (written as an escape such as \"\\0\"); values must be printable text");
    }
    complete(Node::scalar(value, plain, positions_.at(mark)), anchor, nodes);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Node::sequence(positions_.at(mark)), anchor, count(mark));
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Node::map(positions_.at(mark)), anchor, count(mark));
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    std::size_t nodes = 1;       // in this collection so far, itself included
    std::optional<Node> key;     // a map's key waiting for its value
    std::set<std::string> keys;  // a map's keys so far
  };

  [[noreturn]] void fail(SourceLocation location, std::string message) {
    diagnostics_.push_back({std::move(location), "", std::move(message)});
    throw Abandon{};
  }

  /// Counts `extra` + 1 nodes against the budget; returns 1 (the node counted for itself).
  std::size_t count(const YAML::Mark& mark, std::size_t extra = 0) {
    for (std::size_t i = 0; i <= extra; ++i) {
      if (++budget_.nodes_read % ReadBudget::check_every == 0 && budget_.interruption_check) {
        budget_.interruption_check();
      }
    }
    if (budget_.nodes_read > budget_.max_nodes) {
      fail(positions_.at(mark), "the scenario's inputs have more than " + std::to_string(budget_.max_nodes) +
                                    " nodes once aliases are expanded (an alias bomb?)");
    }
    // yaml-cpp 0.7 loops on some broken flow collections, emitting empty nodes at one place for
    // ever (found by fuzzing); no YAML holds thousands of nodes at one character. (The node budget
    // would end it too, but only after a million nodes.)
    if (extra == 0 && mark.pos == last_position_) {
      if (++nodes_at_last_position_ > max_nodes_at_one_place) {
        fail(positions_.at(mark),
             "the YAML parser stopped reading here and keeps producing empty values (broken YAML, such as an "
             "unclosed flow list with '?' marks); check the brackets and the '?' near the end of the file");
      }
    } else {
      last_position_ = mark.pos;
      nodes_at_last_position_ = 0;
    }
    return 1;
  }

  void open(Node node, YAML::anchor_t anchor, std::size_t nodes) {
    if (stack_.size() >= budget_.max_depth) {
      fail(node.where(), "nesting deeper than " + std::to_string(budget_.max_depth) + " levels");
    }
    stack_.push_back({std::move(node), anchor, nodes, std::nullopt, {}});
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    complete(std::move(frame.node), frame.anchor, frame.nodes);
  }

  /// A finished node: remembered under its anchor, then added to the collection it is in.
  void complete(Node node, YAML::anchor_t anchor, std::size_t nodes) {
    if (documents_ > 1) return;  // only counted: the extra documents are reported at the end
    if (anchor != 0) anchors_[anchor] = {node, nodes};
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& parent = stack_.back();
    parent.nodes += nodes;
    if (parent.node.is_sequence()) {
      parent.node.items().push_back(std::move(node));
    } else if (!parent.key) {
      add_key(parent, std::move(node));
    } else {
      parent.node.entries().emplace_back(std::move(*parent.key), std::move(node));
      parent.key.reset();
    }
  }

  void add_key(Frame& map, Node key) {
    if (!key.is_scalar()) {
      fail(key.where(), "keys must be plain text, found " + key.describe());
    }
    if (key.plain() && key.text() == "<<") {
      fail(key.where(), "merge keys (<<) are not supported: write the keys out, or use 'extends'");
    }
    if (!map.keys.insert(key.text()).second) {
      SourceLocation first = key.where();
      for (const auto& [k, v] : map.node.entries()) {
        if (k.text() == key.text()) first = k.where();
      }
      fail(key.where(), "duplicate key '" + key.text() + "' (first at line " + std::to_string(first.line) + ")");
    }
    map.key = std::move(key);
  }

  const Positions& positions_;
  std::vector<Diagnostic>& diagnostics_;
  ReadBudget& budget_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, std::pair<Node, std::size_t>> anchors_;  // node and its node count
  Node root_;
  std::size_t documents_ = 0;
  SourceLocation second_document_;
  static constexpr std::size_t max_nodes_at_one_place = 10'000;
  int last_position_ = -1;
  std::size_t nodes_at_last_position_ = 0;
};

}  // namespace

Node read_yaml_text(const std::string& input, const std::string& source, std::vector<Diagnostic>& diagnostics,
                    ReadBudget& budget) {
  // YAML breaks lines with LF, CR LF or a lone CR (old Mac files); yaml-cpp knows only the first
  // two and would read a CR-only file as one line. A lone CR becomes LF: the same length, so
  // offsets, lines and columns stay right.
  std::string text = input;
  for (std::size_t i = text.find('\r'); i != std::string::npos; i = text.find('\r', i + 1)) {
    if (i + 1 == text.size() || text[i + 1] != '\n') text[i] = '\n';
  }
  if (text.size() > budget.max_file_bytes) {
    report(diagnostics, {source, 0, 0},
           "the input is " + std::to_string(text.size()) + " bytes; scenario files are limited to " +
               std::to_string(budget.max_file_bytes) + " bytes");
    return {};
  }
  const Positions positions(text, source);
  if (const auto bad = first_invalid_utf8(text)) {
    report(diagnostics, positions.at_offset(*bad),
           "the text is not UTF-8 (byte " + hex_byte(text[*bad]) + "); save the file as UTF-8");
    return {};
  }
  if (const auto bad = first_control_character(text, "\t\n\r")) {
    report(diagnostics, positions.at_offset(*bad),
           "the text holds the control character " + hex_byte(text[*bad]) +
               ", which YAML does not allow (a NUL byte from a binary file or a damaged copy?)");
    return {};
  }
  std::istringstream stream(text);
  Builder builder(positions, diagnostics, budget);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const Builder::Abandon&) {
    return {};
  } catch (const YAML::DeepRecursion& e) {
    report(diagnostics, positions.at(e.mark), "nesting deeper than " + std::to_string(budget.max_depth) + " levels");
    return {};
  } catch (const YAML::Exception& e) {
    report(diagnostics, positions.at(e.mark), "YAML syntax error: " + e.msg + tab_hint(text, e.mark.line));
    return {};
  }
  if (builder.documents() == 0) return Node::null({source, 1, 1});
  if (builder.documents() > 1) {
    report(diagnostics, builder.second_document(),
           "a scenario file holds one YAML document; found " + std::to_string(builder.documents()));
    return {};
  }
  return builder.take_root();
}

Node read_yaml_file(const std::string& path, std::vector<Diagnostic>& diagnostics, ReadBudget& budget) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) {
    report(diagnostics, {path, 0, 0}, "cannot open the file: it does not exist");
    return {};
  }
  if (!std::filesystem::is_regular_file(status)) {
    report(diagnostics, {path, 0, 0}, "cannot read it: not a regular file");
    return {};
  }
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size > budget.max_file_bytes) {
    report(diagnostics, {path, 0, 0},
           "the file is " + std::to_string(size) + " bytes; scenario files are limited to " +
               std::to_string(budget.max_file_bytes) + " bytes");
    return {};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    report(diagnostics, {path, 0, 0}, "cannot open the file for reading");
    return {};
  }
  std::ostringstream content;
  content << in.rdbuf();
  return read_yaml_text(content.str(), path, diagnostics, budget);
}

namespace {

void emit(YAML::Emitter& out, const Node& node) {
  switch (node.kind()) {
    case Node::Kind::null:
      out << YAML::Null;
      break;
    case Node::Kind::scalar:
      if (node.plain()) {
        out << node.text();
      } else {
        out << YAML::DoubleQuoted << node.text();
      }
      break;
    case Node::Kind::sequence:
      out << YAML::BeginSeq;
      for (const Node& item : node.items()) emit(out, item);
      out << YAML::EndSeq;
      break;
    case Node::Kind::map:
      out << YAML::BeginMap;
      for (const auto& [key, value] : node.entries()) {
        out << YAML::Key;
        emit(out, key);
        out << YAML::Value;
        emit(out, value);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

std::string to_yaml(const Node& node) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, node);
  return std::string(out.c_str()) + "\n";
}

}  // namespace truckflow::scenarios::detail
