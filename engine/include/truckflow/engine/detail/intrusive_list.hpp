// A doubly-linked intrusive list: waiters and lease holders link themselves in without allocating.
#pragma once

#include <cstddef>

namespace truckflow::engine::detail {

/// A list hook. Copying or moving a node never copies its links.
class ListNode {
 public:
  ListNode() noexcept = default;
  ListNode(const ListNode&) noexcept {}
  ListNode& operator=(const ListNode&) noexcept { return *this; }  // NOLINT(bugprone-unhandled-self-assignment)
  ~ListNode() = default;

  bool is_linked() const noexcept { return next_ != nullptr; }

 private:
  template <typename T>
  friend class IntrusiveList;
  ListNode* prev_ = nullptr;
  ListNode* next_ = nullptr;
};

/// A FIFO of `T`s (each derived from `ListNode`) with O(1) push, pop, removal and size.
/// The list does not own its elements; an element must be removed before it is destroyed.
template <typename T>
class IntrusiveList {
 public:
  IntrusiveList() noexcept { head_.prev_ = head_.next_ = &head_; }
  IntrusiveList(const IntrusiveList&) = delete;
  IntrusiveList& operator=(const IntrusiveList&) = delete;
  ~IntrusiveList() { clear(); }

  bool empty() const noexcept { return head_.next_ == &head_; }
  std::size_t size() const noexcept { return size_; }

  T& front() noexcept { return static_cast<T&>(*head_.next_); }
  T& back() noexcept { return static_cast<T&>(*head_.prev_); }

  void push_back(T& item) noexcept { insert_before(head_, item); }
  /// Inserts `item` before `position` (which must be in this list).
  void insert_before(T& position, T& item) noexcept { insert_before(static_cast<ListNode&>(position), item); }

  T* pop_front() noexcept {
    if (empty()) return nullptr;
    T& item = front();
    remove(item);
    return &item;
  }
  /// Unlinks `item`, which must be in this list.
  void remove(T& item) noexcept {
    ListNode& node = item;
    node.prev_->next_ = node.next_;
    node.next_->prev_ = node.prev_;
    node.prev_ = node.next_ = nullptr;
    --size_;
  }
  /// Puts `replacement` (unlinked) where `item` is, and unlinks `item`.
  void replace(T& item, T& replacement) noexcept {
    ListNode& old_node = item;
    ListNode& new_node = replacement;
    new_node.prev_ = old_node.prev_;
    new_node.next_ = old_node.next_;
    new_node.prev_->next_ = &new_node;
    new_node.next_->prev_ = &new_node;
    old_node.prev_ = old_node.next_ = nullptr;
  }
  /// Moves every element to the end of `other`, keeping their order.
  void splice_into(IntrusiveList& other) noexcept {
    while (T* item = pop_front()) other.push_back(*item);
  }
  /// Unlinks every element.
  void clear() noexcept {
    while (pop_front() != nullptr) {
    }
  }

  /// Iteration in order; the element under the iterator must not be removed while iterating.
  class iterator {
   public:
    explicit iterator(ListNode* node) noexcept : node_(node) {}
    T& operator*() const noexcept { return static_cast<T&>(*node_); }
    T* operator->() const noexcept { return static_cast<T*>(node_); }
    iterator& operator++() noexcept {
      node_ = node_->next_;
      return *this;
    }
    bool operator==(const iterator&) const noexcept = default;

   private:
    ListNode* node_;
  };
  iterator begin() noexcept { return iterator(head_.next_); }
  iterator end() noexcept { return iterator(&head_); }

 private:
  void insert_before(ListNode& position, ListNode& node) noexcept {
    node.next_ = &position;
    node.prev_ = position.prev_;
    position.prev_->next_ = &node;
    position.prev_ = &node;
    ++size_;
  }

  ListNode head_;
  std::size_t size_ = 0;
};

}  // namespace truckflow::engine::detail
