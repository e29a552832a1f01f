// Reading YAML into Nodes (with the checks yaml-cpp leaves out) and writing Nodes back as YAML.
#include "node.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
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

class Converter {
 public:
  Converter(const Positions& positions, std::vector<Diagnostic>& diagnostics, ReadBudget& budget)
      : positions_(positions), diagnostics_(diagnostics), budget_(budget) {}

  bool ok() const { return ok_; }

  Node convert(const YAML::Node& node, std::size_t depth, const SourceLocation* fallback = nullptr) {
    if (!ok_) return {};
    if (++budget_.nodes_read % ReadBudget::check_every == 0 && budget_.interruption_check) {
      budget_.interruption_check();
    }
    if (budget_.nodes_read > budget_.max_nodes) {
      fail(where(node, fallback), "the scenario's inputs have more than " + std::to_string(budget_.max_nodes) +
                                      " nodes once aliases are expanded (an alias bomb?)");
      return {};
    }
    if (depth > budget_.max_depth) {
      fail(where(node, fallback), "nesting deeper than " + std::to_string(budget_.max_depth) + " levels");
      return {};
    }
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        return Node::null(where(node, fallback));
      case YAML::NodeType::Scalar:
        return scalar(node, fallback);
      case YAML::NodeType::Sequence: {
        Node result = Node::sequence(where(node, fallback));
        for (const YAML::Node& item : node) result.items().push_back(convert(item, depth + 1));
        return result;
      }
      case YAML::NodeType::Map:
        return map(node, depth, fallback);
    }
    return {};
  }

  void fail(SourceLocation location, std::string message) {
    diagnostics_.push_back({std::move(location), "", std::move(message)});
    ok_ = false;
  }

 private:
  SourceLocation where(const YAML::Node& node, const SourceLocation* fallback) const {
    if (fallback != nullptr) return *fallback;
    return positions_.at(node.Mark());
  }

  Node scalar(const YAML::Node& node, const SourceLocation* fallback) {
    const std::string& tag = node.Tag();
    const bool plain = tag == "?";
    if (!plain && tag != "!" && tag != "tag:yaml.org,2002:str") {
      fail(where(node, fallback), "YAML tag '" + tag + "' is not supported (only !!str)");
      return {};
    }
    if (node.Scalar().size() > budget_.max_scalar_bytes) {
      fail(where(node, fallback), "a value longer than " + std::to_string(budget_.max_scalar_bytes) + " bytes");
      return {};
    }
    // An escape such as "\0" or "\x07" in a quoted value: a name cut short in the results, a
    // character no terminal shows.
    if (const auto bad = first_control_character(node.Scalar(), "\t\n")) {
      fail(where(node, fallback), "the value holds the control character " + hex_byte(node.Scalar()[*bad]) +
                                      " (written as an escape such as \"\\0\"); values must be printable text");
      return {};
    }
    return Node::scalar(node.Scalar(), plain, where(node, fallback));
  }

  Node map(const YAML::Node& node, std::size_t depth, const SourceLocation* fallback) {
    Node result = Node::map(where(node, fallback));
    std::set<std::string> seen;
    for (const auto& entry : node) {
      if (!ok_) return {};
      if (!entry.first.IsScalar()) {
        fail(where(entry.first, nullptr),
             "keys must be plain text, found " + std::string(entry.first.IsSequence() ? "a list" : "a mapping"));
        return {};
      }
      Node key = scalar(entry.first, nullptr);
      if (!ok_) return {};
      if (key.plain() && key.text() == "<<") {
        fail(key.where(), "merge keys (<<) are not supported: write the keys out, or use 'extends'");
        return {};
      }
      if (!seen.insert(key.text()).second) {
        const SourceLocation first =
            result.find(key.text()) != nullptr ? first_key_location(result, key.text()) : key.where();
        report(diagnostics_, key.where(),
               "duplicate key '" + key.text() + "' (first at line " + std::to_string(first.line) + ")");
        ok_ = false;
        return {};
      }
      // A missing value ("key:") is reported at its key.
      const SourceLocation key_location = key.where();
      Node value = convert(entry.second, depth + 1, entry.second.IsNull() ? &key_location : nullptr);
      result.entries().emplace_back(std::move(key), std::move(value));
    }
    return result;
  }

  static SourceLocation first_key_location(const Node& map, const std::string& key) {
    for (const auto& [k, v] : map.entries()) {
      if (k.text() == key) return k.where();
    }
    return {};
  }

  const Positions& positions_;
  std::vector<Diagnostic>& diagnostics_;
  ReadBudget& budget_;
  bool ok_ = true;
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
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::DeepRecursion& e) {
    report(diagnostics, positions.at(e.mark), "nesting deeper than " + std::to_string(budget.max_depth) + " levels");
    return {};
  } catch (const YAML::Exception& e) {
    report(diagnostics, positions.at(e.mark), "YAML syntax error: " + e.msg + tab_hint(text, e.mark.line));
    return {};
  }
  if (documents.empty()) return Node::null({source, 1, 1});
  if (documents.size() > 1) {
    report(diagnostics, positions.at(documents[1].Mark()),
           "a scenario file holds one YAML document; found " + std::to_string(documents.size()));
    return {};
  }
  Converter converter(positions, diagnostics, budget);
  Node root = converter.convert(documents.front(), 0);
  return converter.ok() ? root : Node{};
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
