// A growable array of trivially copyable values that grows with realloc: large arrays are moved
// by remapping pages instead of copied, so growth never holds two copies at once.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

namespace truckflow::engine::detail {

template <typename T>
requires std::is_trivially_copyable_v<T>
class TrivialVector {
 public:
  TrivialVector() noexcept = default;
  TrivialVector(const TrivialVector&) = delete;
  TrivialVector& operator=(const TrivialVector&) = delete;
  TrivialVector(TrivialVector&& other) noexcept : data_(other.data_), size_(other.size_), capacity_(other.capacity_) {
    other.data_ = nullptr;
    other.size_ = other.capacity_ = 0;
  }
  ~TrivialVector() { std::free(data_); }

  bool empty() const noexcept { return size_ == 0; }
  std::size_t size() const noexcept { return size_; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  T& front() noexcept { return data_[0]; }
  const T& front() const noexcept { return data_[0]; }
  T& back() noexcept { return data_[size_ - 1]; }
  T* begin() noexcept { return data_; }
  T* end() noexcept { return data_ + size_; }
  const T* begin() const noexcept { return data_; }
  const T* end() const noexcept { return data_ + size_; }

  void push_back(const T& value) {
    if (size_ == capacity_) grow();
    data_[size_++] = value;
  }
  /// Makes room for one more value, so that the next push_back cannot throw.
  void reserve_one_more() {
    if (size_ == capacity_) grow();
  }
  /// Makes room for `n` values in all.
  void reserve(std::size_t n) {
    if (n > capacity_) grow_to(n);
  }
  std::size_t capacity() const noexcept { return capacity_; }
  /// Gives back room beyond `capacity` values (not below the size); keeps it all if that fails.
  void shrink_to(std::size_t capacity) noexcept {
    if (capacity < size_ || capacity >= capacity_) return;
    if (capacity == 0) return clear_and_trim(0);             // realloc to 0 bytes would free and return null
    void* data = std::realloc(data_, capacity * sizeof(T));  // NOLINT(bugprone-sizeof-expression)
    if (data == nullptr) return;
    data_ = static_cast<T*>(data);
    capacity_ = capacity;
  }
  void pop_back() noexcept { --size_; }
  /// Shrinks to the first `size` values (`size` <= size()).
  void resize_down(std::size_t size) noexcept { size_ = size; }
  void clear() noexcept { size_ = 0; }
  /// Empties the array, and returns its memory if it holds room for more than `keep` values.
  void clear_and_trim(std::size_t keep) noexcept {
    size_ = 0;
    if (capacity_ > keep) {
      std::free(data_);
      data_ = nullptr;
      capacity_ = 0;
    }
  }
  void swap(TrivialVector& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
  }

 private:
  void grow() { grow_to(capacity_ == 0 ? 64 : capacity_ * 2); }
  void grow_to(std::size_t capacity) {
    void* data = std::realloc(data_, capacity * sizeof(T));  // NOLINT(bugprone-sizeof-expression)
    if (data == nullptr) throw std::bad_alloc();
    data_ = static_cast<T*>(data);
    capacity_ = capacity;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace truckflow::engine::detail
